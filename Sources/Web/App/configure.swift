import FluentKit
import Community
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Persistence
import Vapor

/// Builds the application: storage, sessions, middleware and routes. Used by `serve`, the other
/// commands and the tests alike.
public func configure(_ app: Application, config: AppConfig, services: AppServices = .live, bcryptCost: Int = 12) throws {
    app.config = config
    app.services = services
    // Created here, before requests run on several threads, rather than lazily on first use.
    _ = app.overviewCaches
    _ = app.bindingsLoads

    switch config.storage {
    case .sqlite(let path):
        app.databases.use(.sqlite(.file(path), sqlLogLevel: .debug), as: .sqlite)
    case .sqliteInMemory:
        app.databases.use(.sqlite(.memory, sqlLogLevel: .debug), as: .sqlite)
    case .postgres(let url):
        // Several connections per event loop, so one request's query does not queue behind another's
        // round trip (measured in bench/nis2.sh; HANDLEFRIHED_DB_CONNECTIONS tunes it).
        app.databases.use(.postgres(configuration: try SQLPostgresConfiguration(url: url), maxConnectionsPerEventLoop: config.databaseConnectionsPerLoop,
            sqlLogLevel: .debug), as: .psql)
    }
    app.migrations.add(AppMigrations.all)

    // Sessions live in the database, so several instances behind one PostgreSQL share them.
    app.sessions.use { _ in DatabaseSessionDriver() }
    app.sessions.configuration = .init(cookieName: "hf_session") { id in
        HTTPCookies.Value(
            string: id.string, expires: Date(timeIntervalSinceNow: 8 * 3600), maxAge: nil, domain: nil, path: "/",
            isSecure: config.secureCookies, isHTTPOnly: true, sameSite: .lax)
    }
    app.passwords.use(.bcrypt(cost: bcryptCost))

    app.http.server.configuration.hostname = config.hostname
    app.http.server.configuration.port = config.port
    app.routes.defaultMaxBodySize = ByteCount(value: config.maxUploadBytes)

    app.middleware = Middlewares()
    app.middleware.use(RequestMetricsMiddleware(registry: app.metricsRegistry))
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(AppErrorMiddleware())

    try routes(app)
}
