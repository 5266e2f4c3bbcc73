#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The fast path: reads delimited text in fixed-size chunks and hands each record to a closure as
/// byte ranges, without allocating a `String` per field. Memory stays at one chunk (plus the
/// longest record), whatever the file's size.
///
/// Same dialect as `CSVReader`: UTF-8 BOM, `,` or `;` sniffed from the header line, RFC 4180
/// quoting, LF or CRLF. Blank lines are skipped.
public final class CSVStream {
    public private(set) var delimiter: UInt8
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var eof = false
    private let fd: Int32?
    private let chunkSize: Int
    /// Bytes of all fields that had to be unescaped (`""` inside quotes), for the current record.
    private var scratch: [UInt8] = []
    private var line = 1

    /// Reads a file. Throws `CSVStreamError.cannotOpen` when it cannot be opened.
    public init(path: String, delimiter: UInt8? = nil, chunkSize: Int = 1 << 22) throws(CSVStreamError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .cannotOpen(path) }
        self.fd = fd
        self.chunkSize = max(chunkSize, 64)
        buffer = [UInt8](repeating: 0, count: self.chunkSize)
        self.delimiter = UInt8(ascii: ",")
        fill()
        skipBOM()
        self.delimiter = delimiter ?? CSVReader.sniffDelimiter(buffer[start..<end].map { $0 }, from: 0)
    }

    /// Reads bytes already in memory (tests, fuzzing, uploads).
    public init(bytes: [UInt8], delimiter: UInt8? = nil) {
        fd = nil
        chunkSize = max(bytes.count, 1)
        buffer = bytes
        end = bytes.count
        eof = true
        self.delimiter = UInt8(ascii: ",")
        skipBOM()
        self.delimiter = delimiter ?? CSVReader.sniffDelimiter(bytes, from: start)
    }

    deinit {
        if let fd { close(fd) }
    }

    private func skipBOM() {
        if end - start >= 3, buffer[start] == 0xEF, buffer[start + 1] == 0xBB, buffer[start + 2] == 0xBF { start += 3 }
    }

    /// Moves the unread bytes to the front and reads more. Returns false at end of file.
    @discardableResult
    private func fill() -> Bool {
        guard let fd, !eof else { return false }
        if start > 0 {
            let remaining = end - start
            if remaining > 0 {
                buffer.withUnsafeMutableBytes { raw in
                    _ = memmove(raw.baseAddress!, raw.baseAddress! + start, remaining)
                }
            }
            start = 0
            end = remaining
        }
        if end == buffer.count { buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count)) }
        let n = buffer.withUnsafeMutableBytes { raw in
            read(fd, raw.baseAddress! + end, raw.count - end)
        }
        if n <= 0 {
            eof = true
            return false
        }
        end += n
        return true
    }

    /// Calls `body` for every record. Stops at the first error thrown by the reader or the body.
    public func forEachRecord(_ body: (borrowing CSVRecord) throws -> Void) throws {
        var fields: [CSVField] = []
        fields.reserveCapacity(64)
        while true {
            if start >= end && !fill() { return }
            let status = try parseRecord(into: &fields)
            switch status {
            case .needMore:
                if !fill() {
                    // Truncated inside a quoted field: the parse below reports it at EOF.
                    _ = try parseRecord(into: &fields, atEOF: true)
                    return
                }
            case .blank:
                continue
            case .record(let recordLine):
                try buffer.withUnsafeBufferPointer { buf in
                    try scratch.withUnsafeBufferPointer { scr in
                        let record = CSVRecord(line: recordLine, fields: fields, buffer: buf, scratch: scr)
                        try body(record)
                    }
                }
            }
        }
    }

    enum Status {
        case needMore
        case blank
        case record(line: Int)
    }

    private static let quote = UInt8(ascii: "\"")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")

    /// Parses one record starting at `start`. On `.needMore` nothing is consumed.
    private func parseRecord(into fields: inout [CSVField], atEOF: Bool = false) throws(CSVError) -> Status {
        fields.removeAll(keepingCapacity: true)
        scratch.removeAll(keepingCapacity: true)
        let atEnd = atEOF || eof
        var p = start
        var linesInRecord = 0
        let recordLine = line
        var lineStart = p
        return try buffer.withUnsafeBufferPointer { b throws(CSVError) -> Status in
            // A blank line.
            if p < end, b[p] == Self.lf || b[p] == Self.cr {
                if b[p] == Self.cr {
                    if p + 1 >= end && !atEnd { return .needMore }
                    p += (p + 1 < end && b[p + 1] == Self.lf) ? 2 : 1
                } else {
                    p += 1
                }
                start = p
                line += 1
                return .blank
            }
            while true {
                if p < end, b[p] == Self.quote {
                    let openColumn = p - lineStart + 1
                    let openLine = recordLine + linesInRecord
                    p += 1
                    let contentStart = p
                    var escaped = false
                    var closed = false
                    while p < end {
                        let c = b[p]
                        if c == Self.quote {
                            if p + 1 < end, b[p + 1] == Self.quote {
                                escaped = true
                                p += 2
                                continue
                            }
                            if p + 1 >= end && !atEnd { return .needMore }
                            closed = true
                            break
                        }
                        if c == Self.lf {
                            linesInRecord += 1
                            lineStart = p + 1
                        }
                        p += 1
                    }
                    if !closed {
                        if !atEnd { return .needMore }
                        throw CSVError(.unterminatedQuote, line: openLine, column: openColumn)
                    }
                    let contentEnd = p
                    p += 1  // closing quote
                    if escaped {
                        let s = scratch.count
                        var i = contentStart
                        while i < contentEnd {
                            scratch.append(b[i])
                            i += (b[i] == Self.quote) ? 2 : 1
                        }
                        fields.append(CSVField(start: s, end: scratch.count, inScratch: true))
                    } else {
                        fields.append(CSVField(start: contentStart, end: contentEnd, inScratch: false))
                    }
                    if p >= end {
                        if !atEnd { return .needMore }
                        break
                    }
                    let next = b[p]
                    if next == delimiter {
                        p += 1
                        continue
                    }
                    if next == Self.lf || next == Self.cr { break }
                    throw CSVError(
                        .characterAfterClosingQuote(Character(Unicode.Scalar(next))), line: recordLine + linesInRecord,
                        column: p - lineStart + 1)
                }
                let fieldStart = p
                while p < end {
                    let c = b[p]
                    if c == delimiter || c == Self.lf || c == Self.cr { break }
                    p += 1
                }
                if p >= end && !atEnd { return .needMore }
                fields.append(CSVField(start: fieldStart, end: p, inScratch: false))
                if p < end, b[p] == delimiter {
                    p += 1
                    if p >= end {
                        if !atEnd { return .needMore }
                        fields.append(CSVField(start: p, end: p, inScratch: false))
                        break
                    }
                    continue
                }
                break
            }
            // Line end.
            if p < end {
                if b[p] == Self.cr {
                    if p + 1 >= end && !atEnd { return .needMore }
                    p += (p + 1 < end && b[p + 1] == Self.lf) ? 2 : 1
                } else {
                    p += 1
                }
            }
            start = p
            line += linesInRecord + 1
            return .record(line: recordLine)
        }
    }
}

public enum CSVStreamError: Error, Equatable, Sendable {
    case cannotOpen(String)
}

/// Where a field's bytes are: in the read buffer, or (when quotes had to be unescaped) in scratch.
public struct CSVField: Sendable {
    let start: Int
    let end: Int
    let inScratch: Bool
}

/// One record, valid only inside the `forEachRecord` closure.
public struct CSVRecord: ~Copyable {
    /// The 1-based line the record starts on.
    public let line: Int
    let fields: [CSVField]
    let buffer: UnsafeBufferPointer<UInt8>
    let scratch: UnsafeBufferPointer<UInt8>

    public var count: Int { fields.count }

    /// The raw bytes of field `i` (empty when the record is shorter).
    public func bytes(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        guard i >= 0, i < fields.count else { return UnsafeBufferPointer(start: nil, count: 0) }
        let f = fields[i]
        let base = f.inScratch ? scratch : buffer
        return UnsafeBufferPointer(rebasing: base[f.start..<f.end])
    }

    public func isEmpty(_ i: Int) -> Bool { bytes(i).isEmpty }

    /// Field `i` as a string (invalid UTF-8 is repaired, never fatal).
    public func string(_ i: Int) -> String {
        String(decoding: bytes(i), as: UTF8.self)
    }

    /// All fields as strings (for header rows).
    public func strings() -> [String] {
        (0..<fields.count).map { string($0) }
    }
}
