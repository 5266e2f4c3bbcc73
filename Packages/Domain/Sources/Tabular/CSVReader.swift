/// A streaming reader for delimited text as Microsoft 365, Excel and LibreOffice write it.
///
/// Handles a UTF-8 byte-order mark, `,` or `;` (sniffed from the header row when not given),
/// RFC 4180 quoting (quoted fields, doubled quotes, delimiters and line breaks inside quotes),
/// and LF or CRLF line endings. Records are returned one at a time; the reader never holds
/// more than the input buffer and one record.
public struct CSVReader: Sendable {
    private let bytes: [UInt8]
    private var position: Int
    private var currentLine = 1
    /// The delimiter in use (sniffed or given).
    public let delimiter: UInt8
    /// The 1-based line on which the most recently returned record started.
    public private(set) var recordLine = 0

    private static let quote = UInt8(ascii: "\"")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")

    /// Creates a reader over the bytes of a whole file.
    /// - Parameter delimiter: `,` or `;`; `nil` sniffs it from the first line (the one that occurs
    ///   more often outside quotes wins, `,` on a tie).
    public init(bytes: [UInt8], delimiter: UInt8? = nil) {
        self.bytes = bytes
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        self.position = start
        self.delimiter = delimiter ?? Self.sniffDelimiter(bytes, from: start)
    }

    public init(string: String, delimiter: UInt8? = nil) {
        self.init(bytes: Array(string.utf8), delimiter: delimiter)
    }

    static func sniffDelimiter(_ bytes: [UInt8], from start: Int) -> UInt8 {
        var commas = 0
        var semicolons = 0
        var inQuotes = false
        var i = start
        while i < bytes.count {
            let b = bytes[i]
            if b == quote {
                inQuotes.toggle()
            } else if !inQuotes {
                if b == lf || b == cr { break }
                if b == UInt8(ascii: ",") { commas += 1 }
                if b == UInt8(ascii: ";") { semicolons += 1 }
            }
            i += 1
        }
        return semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ",")
    }

    /// True when every byte has been consumed.
    public var isAtEnd: Bool { position >= bytes.count }

    /// Returns the next record's fields, or `nil` at the end of input.
    /// A completely empty line yields a record with one empty field, as RFC 4180 readers do;
    /// callers that want to skip blank lines check `fields == [""]`.
    public mutating func nextRecord() throws(CSVError) -> [String]? {
        guard position < bytes.count else { return nil }
        recordLine = currentLine
        var fields: [String] = []
        fields.reserveCapacity(16)
        var lineStart = position
        var scratch: [UInt8] = []
        while true {
            // Start of a field.
            if position < bytes.count, bytes[position] == Self.quote {
                let openColumn = position - lineStart + 1
                let openLine = currentLine
                position += 1
                scratch.removeAll(keepingCapacity: true)
                var closed = false
                while position < bytes.count {
                    let b = bytes[position]
                    if b == Self.quote {
                        if position + 1 < bytes.count, bytes[position + 1] == Self.quote {
                            scratch.append(Self.quote)
                            position += 2
                            continue
                        }
                        position += 1
                        closed = true
                        break
                    }
                    if b == Self.lf {
                        currentLine += 1
                        lineStart = position + 1
                    }
                    scratch.append(b)
                    position += 1
                }
                if !closed { throw CSVError(.unterminatedQuote, line: openLine, column: openColumn) }
                guard let text = String(validating: scratch, as: UTF8.self) else {
                    throw CSVError(.invalidUTF8, line: openLine, column: openColumn)
                }
                fields.append(text)
                if position >= bytes.count { return fields }
                let next = bytes[position]
                if next == delimiter {
                    position += 1
                    continue
                }
                if next == Self.lf || next == Self.cr {
                    consumeLineEnd()
                    return fields
                }
                let column = position - lineStart + 1
                throw CSVError(
                    .characterAfterClosingQuote(Character(Unicode.Scalar(next))), line: currentLine, column: column)
            }
            // Unquoted field: up to delimiter or line end.
            let fieldStart = position
            while position < bytes.count {
                let b = bytes[position]
                if b == delimiter || b == Self.lf || b == Self.cr { break }
                position += 1
            }
            guard let text = String(validating: bytes[fieldStart..<position], as: UTF8.self) else {
                throw CSVError(.invalidUTF8, line: currentLine, column: fieldStart - lineStart + 1)
            }
            fields.append(text)
            if position >= bytes.count { return fields }
            if bytes[position] == delimiter {
                position += 1
                if position >= bytes.count {
                    fields.append("")
                    return fields
                }
                continue
            }
            consumeLineEnd()
            return fields
        }
    }

    private mutating func consumeLineEnd() {
        if bytes[position] == Self.cr {
            position += 1
            if position < bytes.count, bytes[position] == Self.lf { position += 1 }
        } else {
            position += 1
        }
        currentLine += 1
    }
}
