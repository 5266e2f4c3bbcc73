import FluentKit
import Community
import Fluent
import FluentPostgresDriver
import Foundation
import Persistence
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import Web

/// A fixed clock for every test: 1 March 2026, 10:00 UTC.
let fixedNow = Date(timeIntervalSince1970: 1_772_359_200)

enum TestDatabase {
    /// `DATABASE_URL` set: each test gets its own fresh PostgreSQL database; otherwise a private
    /// in-memory SQLite database.
    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static func storage() async throws -> (AppConfig.Storage, cleanup: @Sendable () async throws -> Void) {
        guard let base = postgresURL else { return (.sqliteInMemory, {}) }
        let name = "hf_test_" + UUID().uuidString.prefix(8).lowercased()
        try await admin(base) { try await $0.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
        let url = replacingDatabase(in: base, with: name)
        return (.postgres(url: url), {
            try await admin(base) { try await $0.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run() }
        })
    }

    static func replacingDatabase(in url: String, with name: String) -> String {
        var c = URLComponents(string: url)!
        c.path = "/" + name
        return c.string!
    }

    static func admin(_ url: String, _ body: (any SQLDatabase) async throws -> Void) async throws {
        let app = try await Application.make(.testing)
        do {
            app.databases.use(.postgres(configuration: try SQLPostgresConfiguration(url: url)), as: .psql)
            try await body(app.db as! any SQLDatabase)
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}

/// Runs `test` against a migrated app on a fresh database, and always shuts it down.
func withApp(secureCookies: Bool = false, smtp: AppConfig.SMTPSettings? = nil, _ test: (Application) async throws -> Void) async throws {
    let (storage, cleanup) = try await TestDatabase.storage()
    let app = try await Application.make(.testing)
    do {
        var config = AppConfig()
        config.storage = storage
        config.secureCookies = secureCookies
        config.smtp = smtp
        try configure(app, config: config, services: AppServices(now: { fixedNow }, randomBytes: { [UInt8].random(count: $0) }), bcryptCost: 4)
        try await app.autoMigrate()
        try await test(app)
        try await app.asyncShutdown()
        try await cleanup()
    } catch {
        try? await app.asyncShutdown()
        try? await cleanup()
        throw error
    }
}
