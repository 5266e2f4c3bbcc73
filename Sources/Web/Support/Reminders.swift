import Community
import Fluent
import Foundation
import Persistence
import Vapor

/// Deadline and review reminders by e-mail to each municipality's security officers (administrators
/// when it has none): reporting deadlines 12 hours before and when overdue; reviews, plan tests and
/// tasks 14 days before and when overdue. Each reminder is sent once.
public enum Reminders {
    struct Due: Equatable {
        var key: String
        var deadline: Deadline
        var overdue: Bool
    }

    /// What is due for a reminder now and has not been sent.
    static func due(_ deadlines: [Deadline], sent: Set<String>, now: Date) -> [Due] {
        deadlines.compactMap { d in
            let lead: TimeInterval = d.allDay ? 14 * 86_400 : 12 * 3600
            let phase = d.overdue ? "overdue" : d.due.timeIntervalSince(now) <= lead ? "soon" : nil
            guard let phase, !sent.contains("\(d.key)|\(phase)") else { return nil }
            return Due(key: "\(d.key)|\(phase)", deadline: d, overdue: d.overdue)
        }
    }

    static func body(_ items: [Due], municipality: String, baseURL: String) -> String {
        var lines = ["Påmindelse fra Handlefrihed til \(municipality).", ""]
        let overdue = items.filter(\.overdue), soon = items.filter { !$0.overdue }
        if !overdue.isEmpty {
            lines.append("OVERSKREDET:")
            lines += overdue.map { "- \($0.deadline.title) – frist \(when($0.deadline))\n  \(baseURL)\(Nis2Views.link($0.deadline.subject).path)" }
            lines.append("")
        }
        if !soon.isEmpty {
            lines.append("SNART:")
            lines += soon.map { "- \($0.deadline.title) – frist \(when($0.deadline))\n  \(baseURL)\(Nis2Views.link($0.deadline.subject).path)" }
            lines.append("")
        }
        lines.append("Du får denne e-mail, fordi du er informationssikkerhedskoordinator (eller administrator) for \(municipality) i Handlefrihed.")
        return lines.joined(separator: "\n")
    }

    static func when(_ d: Deadline) -> String {
        Nis2Views.when(d, .da) + (d.allDay ? "" : " (dansk tid)")
    }

    /// One pass over every municipality. Returns the number of e-mails sent.
    @discardableResult
    public static func run(_ app: Application, now: Date) async throws -> Int {
        guard let smtp = app.config.smtp else { return 0 }
        let client = SMTPClient(settings: smtp, group: app.eventLoopGroup)
        let base = app.config.publicURL ?? "http://\(app.config.hostname):\(app.config.port)"
        var sent = 0
        for organisation in try await OrganisationRepository(db: app.db).all(kind: .municipality) {
            let scope = TenantScope(organisationID: organisation.id, organisationKind: .municipality, userID: UUID(), roles: [.securityOfficer])
            let deadlines = try await ResilienceRepository(db: app.db).deadlines(in: scope, now: now)
            guard !deadlines.isEmpty else { continue }
            let log = ReminderLog(db: app.db)
            let items = due(deadlines, sent: try await log.sent(in: scope), now: now)
            guard !items.isEmpty else { continue }
            let members = try await MembershipRepository(db: app.db).members(in: scope).filter { !$0.isDisabled }
            var recipients = members.filter { $0.roles.contains { $0.role == .securityOfficer } }.map(\.email)
            if recipients.isEmpty { recipients = members.filter { $0.roles.contains { $0.role == .administrator } }.map(\.email) }
            guard !recipients.isEmpty else { continue }
            let municipality = organisation.formalName
            let overdue = items.filter(\.overdue).count
            let subject = overdue > 0 ? "NIS2: \(overdue) overskredne frister – \(municipality)" : "NIS2: frister nærmer sig – \(municipality)"
            // Claim first, then send: with several instances on one database only one gets the claim.
            do {
                try await log.record(items.map(\.key), in: scope, now: now)
            } catch {
                continue
            }
            do {
                try await client.send(.init(to: recipients.sorted(), subject: subject, body: body(items, municipality: municipality, baseURL: base)), date: now)
                sent += 1
                app.logger.info("reminder sent", metadata: ["organisation_id": "\(organisation.id)", "items": "\(items.count)", "recipients": "\(recipients.count)"])
            } catch {
                // Given back, so the next pass tries again.
                try? await log.forget(items.map(\.key), in: scope)
                app.logger.error("reminder failed", metadata: ["organisation_id": "\(organisation.id)", "error": "\(error)"])
            }
        }
        return sent
    }
}
