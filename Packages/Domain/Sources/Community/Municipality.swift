import Foundation
import Tabular

/// One of Denmark's 98 municipalities, as published by Danmarks Statistik.
public struct Municipality: Equatable, Sendable {
    /// Four digits, e.g. "0751" for Aarhus.
    public var code: String
    public var name: String
    public var regionCode: String
    public var region: String
}

extension Municipality {
    /// The 98 municipalities, read from the bundled reference file.
    public static let all: [Municipality] = {
        guard let url = Bundle.module.url(forResource: "municipalities", withExtension: "csv", subdirectory: "Resources"),
            let data = try? Data(contentsOf: url)
        else { fatalError("municipalities.csv is missing from the Community bundle") }
        do {
            return try parse(Array(data))
        } catch {
            fatalError("municipalities.csv is invalid: \(error)")
        }
    }()

    /// Parses `kommunekode,navn,regionskode,region`.
    public static func parse(_ bytes: [UInt8]) throws -> [Municipality] {
        let table = try CSVTable(bytes: bytes)
        guard let code = table.column("kommunekode"), let name = table.column("navn"),
            let regionCode = table.column("regionskode"), let region = table.column("region")
        else { throw CSVError(.emptyInput, line: 1, column: 1) }
        return table.rows.map {
            Municipality(code: $0[code], name: $0[name], regionCode: $0[regionCode], region: $0[region])
        }
    }

    /// A kommunekode is four digits.
    public static func isValidCode(_ code: String) -> Bool {
        code.count == 4 && code.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
