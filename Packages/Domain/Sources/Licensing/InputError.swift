/// Bad input, located so a person can find and fix it: file, line and column (1-based; the column
/// is the field's position, with its header name when known).
public struct InputError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var columnName: String?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, columnName: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.columnName = columnName
        self.message = message
    }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        let name = columnName.map { " (\($0))" } ?? ""
        return "\(location)\(name): \(message)"
    }
}
