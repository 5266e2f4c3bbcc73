/// A problem found while reading delimited text, located by 1-based line and column.
public struct CSVError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Reason: Equatable, Sendable {
        case unterminatedQuote
        case characterAfterClosingQuote(Character)
        case invalidUTF8
        case emptyInput
    }

    public var reason: Reason
    public var line: Int
    public var column: Int

    public init(_ reason: Reason, line: Int, column: Int) {
        self.reason = reason
        self.line = line
        self.column = column
    }

    public var description: String {
        switch reason {
        case .unterminatedQuote:
            "line \(line), column \(column): a quoted field is never closed (the file may be truncated)"
        case .characterAfterClosingQuote(let c):
            "line \(line), column \(column): unexpected character \"\(c)\" after a closing quote"
        case .invalidUTF8:
            "line \(line), column \(column): the text is not valid UTF-8"
        case .emptyInput:
            "line 1, column 1: the file is empty"
        }
    }
}
