import Community
import Fluent
import Foundation
import Persistence
import Vapor

@testable import Web

/// A small NIS2 register for a municipality: an asset, a measure with an evidence file, a risk, a
/// plan with one contact, a registration (changed once, so a task exists), a calendar token.
struct Nis2Fixture {
    var asset: UUID
    var measure: UUID
    var evidence: UUID
    var risk: UUID
    var plan: UUID
    var contact: UUID
    var task: UUID
    var calendarSecret: String

    /// Ids that exist nowhere (for listing routes without seeding).
    static let none = Nis2Fixture(asset: UUID(), measure: UUID(), evidence: UUID(), risk: UUID(), plan: UUID(), contact: UUID(), task: UUID(),
        calendarSecret: "cal_none")

    static func seed(_ app: Application, org: Organisation, user: UserAccount, label: String) async throws -> Nis2Fixture {
        let scope = World.scope(org, user, [.securityOfficer])
        let repo = ResilienceRepository(db: app.db)
        var asset = ResilienceRepository.AssetInput(kind: "process", name: "\(label) medicinhåndtering")
        (asset.mtpdHours, asset.rtoHours, asset.rpoHours) = (24, 8, 4)
        let assetID = try await repo.saveAsset(asset, in: scope, now: fixedNow)
        var measure = ResilienceRepository.MeasureInput(catalogueRef: "art21:c", title: "\(label) backup")
        measure.reviewDue = "2026-02-01"
        let measureID = try await repo.saveMeasure(measure, in: scope, now: fixedNow)
        let evidenceID = try await repo.addEvidence(measureID, filename: "\(label).txt", contentType: "text/plain", bytes: Data("\(label) bevis".utf8),
            by: user.id, in: scope, now: fixedNow)
        var risk = ResilienceRepository.RiskInput(assetId: assetID, title: "\(label) risiko", inherent: (4, 5), residual: (2, 3))
        risk.measureIds = [measureID]
        let riskID = try await repo.saveRisk(risk, in: scope, now: fixedNow)
        let planID = try await repo.savePlan(.init(assetId: assetID, title: "\(label) plan"), in: scope, now: fixedNow)
        let contactID = try await repo.addContact(planID, .init(parentId: nil, name: "\(label) kontakt", role: "leder", phone: "+45 11 22 33 44"), in: scope)
        let registration = ResilienceRepository.RegistrationInput(name: "\(label) Kommune", address: "\(label) Torv 1", email: "nis2@\(label.lowercased()).example",
            phone: "11223344", ipRanges: "192.0.2.0/24", sector: "Offentlig forvaltning")
        try await repo.saveRegistration(registration, in: scope, now: fixedNow)
        var changed = registration
        changed.phone = "99887766"
        try await repo.saveRegistration(changed, in: scope, now: fixedNow)
        let taskID = try await repo.tasks(in: scope).first!.id
        let secret = "cal_\(label.lowercased())_" + UUID().uuidString.lowercased()
        try await CalendarTokenRepository(db: app.db).replace(tokenHash: ApiTokens.hash(secret), in: scope, now: fixedNow)
        return Nis2Fixture(asset: assetID, measure: measureID, evidence: evidenceID, risk: riskID, plan: planID, contact: contactID, task: taskID,
            calendarSecret: secret)
    }
}
