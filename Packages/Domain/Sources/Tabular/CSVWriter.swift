/// Writes RFC 4180 CSV: fields quoted when they hold the delimiter, a quote or a line break;
/// lines end with CRLF as the RFC and Excel expect, unless a format says otherwise.
public struct CSVWriter: Sendable {
    public let delimiter: Character
    public let lineEnding: String
    public private(set) var output: String = ""

    public init(delimiter: Character = ",", lineEnding: String = "\r\n") {
        self.delimiter = delimiter
        self.lineEnding = lineEnding
    }

    public mutating func write(_ fields: [String]) {
        var first = true
        for field in fields {
            if !first { output.append(delimiter) }
            first = false
            output.append(Self.escape(field, delimiter: delimiter))
        }
        output.append(lineEnding)
    }

    public static func escape(_ field: String, delimiter: Character = ",") -> String {
        // Bytes, not Characters: grapheme breaking is far slower and these are all ASCII.
        let d = delimiter.asciiValue ?? UInt8(ascii: ",")
        let needsQuotes = field.utf8.contains { $0 == d || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else { return field }
        // Bytes again: a quote followed by a combining mark is one Character, and doubling by
        // Character missed it (found by fuzzing the export round trip).
        var escaped: [UInt8] = [0x22]
        escaped.reserveCapacity(field.utf8.count + 8)
        for byte in field.utf8 {
            if byte == 0x22 { escaped.append(0x22) }
            escaped.append(byte)
        }
        escaped.append(0x22)
        return String(decoding: escaped, as: UTF8.self)
    }
}
