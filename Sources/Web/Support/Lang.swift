import Foundation
import FluentKit
import Fluent
import Persistence
import Community
import Vapor

/// The interface language. Danish is the default; English is one click away.
public enum Lang: String, Sendable, CaseIterable {
    case da, en

    /// Picks the Danish or English text.
    func t(_ da: String, _ en: String) -> String {
        self == .da ? da : en
    }

    static let cookieName = "hf_lang"
}

extension Request {
    var lang: Lang {
        cookies[Lang.cookieName].flatMap { Lang(rawValue: $0.string) } ?? .da
    }
}
