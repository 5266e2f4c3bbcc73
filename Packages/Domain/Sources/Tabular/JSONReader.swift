/// A JSON reader that remembers where each value stands (line and column), so an import can say
/// "it-system-usages.json:120:17 (general.numberOfExpectedUsers): …" — Foundation's decoder cannot.
/// RFC 8259; nesting is limited so hostile input cannot exhaust the stack.
public struct JSONNode: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case null
        case bool(Bool)
        /// The number as written (callers choose Int, Double or Decimal).
        case number(String)
        case string(String)
        case array([JSONNode])
        case object([Member])
    }

    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: JSONNode
    }

    public var value: Value
    public var line: Int
    public var column: Int
    /// The path from the document's root, e.g. `[3].general.validity`.
    public var path: String

    public subscript(key: String) -> JSONNode? {
        guard case .object(let members) = value else { return nil }
        return members.last { $0.key == key }?.value
    }

    public var array: [JSONNode]? {
        if case .array(let items) = value { return items }
        return nil
    }

    public var string: String? {
        if case .string(let s) = value { return s }
        return nil
    }

    public var isNull: Bool { value == .null }
}

public struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var path: String
    public var message: String

    public init(file: String, line: Int, column: Int, path: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column)\(path.isEmpty ? "" : " (\(path))"): \(message)" }
}

public struct JSONReader {
    public static let maxDepth = 256

    let bytes: [UInt8]
    let file: String
    var i = 0
    var line = 1
    var lineStart = 0

    public static func parse(_ bytes: [UInt8], file: String) throws(JSONError) -> JSONNode {
        var r = JSONReader(bytes: bytes, file: file)
        // A UTF-8 byte-order mark is tolerated.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { r.i = 3; r.lineStart = 3 }
        r.skipSpace()
        let root = try r.value(path: "", depth: 0)
        r.skipSpace()
        guard r.i == bytes.count else { throw r.fail("unexpected text after the end of the document", path: "") }
        return root
    }

    var column: Int { i - lineStart + 1 }

    func fail(_ message: String, path: String) -> JSONError {
        JSONError(file: file, line: line, column: column, path: path, message: message)
    }

    mutating func skipSpace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0D: i += 1
            case 0x0A:
                i += 1
                line += 1
                lineStart = i
            default: return
            }
        }
    }

    mutating func value(path: String, depth: Int) throws(JSONError) -> JSONNode {
        guard depth < Self.maxDepth else { throw fail("nested more than \(Self.maxDepth) levels deep", path: path) }
        guard i < bytes.count else { throw fail("the document ends where a value was expected", path: path) }
        let (startLine, startColumn) = (line, column)
        func node(_ v: JSONNode.Value) -> JSONNode { JSONNode(value: v, line: startLine, column: startColumn, path: path) }
        switch bytes[i] {
        case UInt8(ascii: "{"):
            i += 1
            var members: [JSONNode.Member] = []
            skipSpace()
            if i < bytes.count && bytes[i] == UInt8(ascii: "}") { i += 1; return node(.object([])) }
            while true {
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a quoted key", path: path) }
                let key = try string(path: path)
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected \":\" after the key \"\(key.prefix(40))\"", path: path) }
                i += 1
                skipSpace()
                let child = try value(path: path.isEmpty ? key : path + "." + key, depth: depth + 1)
                members.append(.init(key: key, value: child))
                skipSpace()
                guard i < bytes.count else { throw fail("the document ends inside an object", path: path) }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "}") { i += 1; return node(.object(members)) }
                throw fail("expected \",\" or \"}\"", path: path)
            }
        case UInt8(ascii: "["):
            i += 1
            var items: [JSONNode] = []
            skipSpace()
            if i < bytes.count && bytes[i] == UInt8(ascii: "]") { i += 1; return node(.array([])) }
            while true {
                skipSpace()
                items.append(try value(path: "\(path)[\(items.count)]", depth: depth + 1))
                skipSpace()
                guard i < bytes.count else { throw fail("the document ends inside an array", path: path) }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "]") { i += 1; return node(.array(items)) }
                throw fail("expected \",\" or \"]\"", path: path)
            }
        case UInt8(ascii: "\""):
            return node(.string(try string(path: path)))
        case UInt8(ascii: "t"): try literal("true", path: path); return node(.bool(true))
        case UInt8(ascii: "f"): try literal("false", path: path); return node(.bool(false))
        case UInt8(ascii: "n"): try literal("null", path: path); return node(.null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return node(.number(try number(path: path)))
        default:
            throw fail("unexpected character", path: path)
        }
    }

    mutating func literal(_ word: String, path: String) throws(JSONError) {
        let w = Array(word.utf8)
        guard i + w.count <= bytes.count, Array(bytes[i..<(i + w.count)]) == w else { throw fail("expected \(word)", path: path) }
        i += w.count
    }

    mutating func number(path: String) throws(JSONError) -> String {
        let start = i
        func digits() -> Int {
            let s = i
            while i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) { i += 1 }
            return i - s
        }
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < bytes.count else { throw fail("a number without digits", path: path) }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
        } else if digits() == 0 {
            throw fail("a number without digits", path: path)
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { throw fail("a decimal point must be followed by digits", path: path) }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { throw fail("an exponent needs digits", path: path) }
        }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    mutating func string(path: String) throws(JSONError) -> String {
        i += 1  // opening quote
        var out = [UInt8]()
        while true {
            guard i < bytes.count else { throw fail("the document ends inside a string", path: path) }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { i += 1; break }
            if b < 0x20 { throw fail("a control character inside a string (line breaks must be written \\n)", path: path) }
            if b != UInt8(ascii: "\\") { out.append(b); i += 1; continue }
            i += 1
            guard i < bytes.count else { throw fail("the document ends inside a string", path: path) }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4(path: path)
                if (0xD800...0xDBFF).contains(scalar) {
                    guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                        throw fail("a lone surrogate in \\u escape", path: path)
                    }
                    i += 2
                    let low = try hex4(path: path)
                    guard (0xDC00...0xDFFF).contains(low) else { throw fail("a lone surrogate in \\u escape", path: path) }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw fail("a lone surrogate in \\u escape", path: path)
                }
                out += Array(String(Unicode.Scalar(scalar)!).utf8)
            default:
                throw fail("an unknown escape \\\(String(UnicodeScalar(e)))", path: path)
            }
        }
        guard let s = String(validating: out, as: UTF8.self) else { throw fail("text that is not valid UTF-8", path: path) }
        return s
    }

    mutating func hex4(path: String) throws(JSONError) -> UInt32 {
        guard i + 4 <= bytes.count else { throw fail("a \\u escape needs four hex digits", path: path) }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[i]
            let d: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw fail("a \\u escape needs four hex digits", path: path)
            }
            v = v * 16 + d
            i += 1
        }
        return v
    }
}
