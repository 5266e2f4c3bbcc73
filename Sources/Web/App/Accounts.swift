import FluentKit
import Fluent
import Community
import Foundation
import Persistence
import Vapor

/// Creating people and setting passwords, shared by the CLI and the administration pages.
enum Accounts {
    static let minimumPasswordLength = 12

    /// A bcrypt hash of a random string, verified against when an account is unknown.
    static let dummyHash = "$2b$12$C6UzMDM.H6dfI/f/IKcEeO5vB8mQJ3H6bDqpWfFJhKm0S1oU6xYqS"

    enum Failure: Error, Equatable {
        case passwordTooShort
    }

    static func validate(password: String) throws {
        guard password.count >= minimumPasswordLength else { throw Failure.passwordTooShort }
    }

    static func hash(_ password: String, on app: Application) async throws -> String {
        try await app.password.async(on: app.threadPool, hopTo: app.eventLoopGroup.any()).hash(password)
    }

    /// A readable random password: four groups of five letters and digits.
    static func generatePassword(_ services: AppServices) -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        let bytes = services.randomBytes(20)
        let chars = bytes.map { alphabet[Int($0) % alphabet.count] }
        return stride(from: 0, to: 20, by: 5).map { String(chars[$0..<$0 + 5]) }.joined(separator: "-")
    }
}
