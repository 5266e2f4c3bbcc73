/// A header-addressed view of a small CSV file: columns are found by name, never by position.
public struct CSVTable: Sendable {
    public struct Row: Sendable {
        /// The 1-based line the row starts on.
        public let line: Int
        public let fields: [String]
    }

    public let header: [String]
    public let rows: [Row]

    /// Reads the whole input. Blank lines are skipped; the header names are trimmed.
    public init(bytes: [UInt8], delimiter: UInt8? = nil) throws(CSVError) {
        var reader = CSVReader(bytes: bytes, delimiter: delimiter)
        guard let head = try reader.nextRecord() else { throw CSVError(.emptyInput, line: 1, column: 1) }
        header = head.map { $0.trimmingSpaces }
        var rows: [Row] = []
        while let fields = try reader.nextRecord() {
            if fields == [""] { continue }
            rows.append(Row(line: reader.recordLine, fields: fields))
        }
        self.rows = rows
    }

    /// The index of a column, compared case-insensitively.
    public func column(_ name: String) -> Int? {
        let wanted = name.lowercased()
        return header.firstIndex { $0.lowercased() == wanted }
    }
}

extension CSVTable.Row {
    /// The field at `index`, or "" when the row is shorter than the header.
    public subscript(_ index: Int?) -> String {
        guard let index, index < fields.count else { return "" }
        return fields[index]
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs (Foundation-free).
    public var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })!
        return String(scalars[first...last])
    }
}
