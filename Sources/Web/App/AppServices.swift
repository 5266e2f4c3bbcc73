import FluentKit
import Fluent
import Persistence
import Community
import Foundation
import Vapor

/// Time and randomness, injected so tests run on a fixed clock.
public struct AppServices: Sendable {
    public var now: @Sendable () -> Date
    /// Returns `count` cryptographically random bytes.
    public var randomBytes: @Sendable (Int) -> [UInt8]

    public init(now: @escaping @Sendable () -> Date, randomBytes: @escaping @Sendable (Int) -> [UInt8]) {
        self.now = now
        self.randomBytes = randomBytes
    }

    public static let live = AppServices(
        now: { Date() },
        randomBytes: { count in [UInt8].random(count: count) })

    /// A URL-safe random token of `bytes` bytes.
    public func token(bytes: Int = 32) -> String {
        Data(randomBytes(bytes)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

extension Application {
    private struct ServicesKey: StorageKey { typealias Value = AppServices }
    private struct ConfigKey: StorageKey { typealias Value = AppConfig }

    public var services: AppServices {
        get { storage[ServicesKey.self] ?? .live }
        set { storage[ServicesKey.self] = newValue }
    }

    public var config: AppConfig {
        get { storage[ConfigKey.self] ?? AppConfig() }
        set { storage[ConfigKey.self] = newValue }
    }
}

extension Request {
    var services: AppServices { application.services }
    var now: Date { application.services.now() }
}
