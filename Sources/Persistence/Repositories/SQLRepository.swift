import FluentKit
import SQLKit

/// A repository that writes SQL through SQLKit (both drivers are SQL databases).
protocol SQLRepository: Sendable {
    var db: any Database { get }
}

extension SQLRepository {
    var sql: any SQLDatabase {
        get throws {
            guard let sql = db as? any SQLDatabase else { throw RepositoryError.invalid(field: "database", message: "not SQL") }
            return sql
        }
    }
}
