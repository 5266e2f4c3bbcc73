import Community
import FluentKit
import Foundation
import Resilience
import SQLKit

/// Generated NIS2 registers at regional scale for benchmarks (bench/nis2.sh): per municipality N
/// assets, M risks per asset, measures across the catalogue, plans with call trees and incidents —
/// deterministic, written in bulk, one transaction per municipality.
public enum Nis2BenchData {
    public struct Size: Sendable {
        public var assets = 300
        public var risksPerAsset = 10
        public var incidents = 200
        public var measures = 60
        public var plans = 20

        public init() {}
    }

    /// A small deterministic generator (64-bit LCG), so runs compare.
    struct Random {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
    }

    static func insert<T: Encodable & Sendable>(_ table: String, _ rows: [T], batch: Int, on sql: any SQLDatabase) async throws {
        var start = 0
        while start < rows.count {
            try await sql.insert(into: table).models(Array(rows[start..<min(start + batch, rows.count)]), with: ResilienceRepository.encoder).run()
            start += batch
        }
    }

    public static func generate(on db: any Database, organisations: [Organisation], size: Size, now: Date) async throws {
        for (n, org) in organisations.enumerated() {
            try await db.transaction { tx in
                guard let sql = tx as? any SQLDatabase else { return }
                var random = Random(state: UInt64(n + 1) &* 0x9E37_79B9_7F4A_7C15)
                let today = CalendarDay.string(now)
                let matrixID = UUID()
                let levels = String(decoding: try JSONEncoder().encode(RiskMatrix.standard.levels), as: UTF8.self)
                try await sql.insert(into: "risk_matrices").columns("id", "organisation_id", "levels", "created_at")
                    .values(SQLBind(matrixID), SQLBind(org.id), SQLBind(levels), SQLBind(now)).run()
                let kinds = ["system", "system", "process", "infrastructure", "supplier"]
                let assets = (0..<size.assets).map { i in
                    AssetRecord(id: UUID(), organisationId: org.id, kind: kinds[i % kinds.count], name: "Aktiv \(i + 1) (\(kinds[i % kinds.count]))",
                        description: "", owner: "Afdeling \(i % 12 + 1)", criticality: AssetRecord.criticalities[random.next(4)], kle: "",
                        kitosUuid: nil, mtpdHours: i % 5 == 2 ? Double(24 + random.next(48)) : nil, rtoHours: Double(1 + random.next(48)),
                        rpoHours: Double(random.next(24)), minService: "", manualFallback: "", createdAt: now, updatedAt: now)
                }
                try await insert("assets", assets, batch: 500, on: sql)
                let catalogue = MeasureCatalogue.bundled.items
                let measures = (0..<size.measures).map { i in
                    MeasureRecord(id: UUID(), organisationId: org.id, catalogueRef: catalogue[i % catalogue.count].ref, title: "Foranstaltning \(i + 1)",
                        description: "", status: MeasureRecord.statuses[random.next(4)], owner: "IT", evidenceLink: "",
                        reviewDue: CalendarDay.adding(days: random.next(730) - 180, to: today)!, approvedBy: nil, approvedAt: i % 3 == 0 ? now : nil,
                        createdAt: now, updatedAt: now)
                }
                try await insert("measures", measures, batch: 500, on: sql)
                var risks: [RiskRecord] = []
                var links: [(UUID, UUID)] = []
                for (a, asset) in assets.enumerated() {
                    for r in 0..<size.risksPerAsset {
                        let (il, ii) = (1 + random.next(5), 1 + random.next(5))
                        let (rl, ri) = (max(1, il - random.next(3)), max(1, ii - random.next(2)))
                        let id = UUID()
                        risks.append(RiskRecord(id: id, organisationId: org.id, assetId: asset.id, matrixId: matrixID, title: "Risiko \(a + 1).\(r + 1)",
                            threat: "Trussel", vulnerability: "", consequence: "Konsekvens", inherentLikelihood: il, inherentImpact: ii,
                            residualLikelihood: rl, residualImpact: ri, inherentLevel: il * ii, residualLevel: rl * ri,
                            treatment: RiskRecord.treatments[random.next(4)], owner: "Ejer", dueOn: r == 0 ? CalendarDay.adding(days: random.next(400) - 60, to: today)! : "",
                            acceptedBy: nil, acceptedAt: r % 4 == 0 ? now : nil, createdAt: now, updatedAt: now))
                        if !measures.isEmpty { links.append((id, measures[random.next(measures.count)].id)) }
                    }
                }
                try await insert("risks", risks, batch: 1000, on: sql)
                var start = 0
                while start < links.count {
                    var q = sql.insert(into: "risk_measures").columns("id", "organisation_id", "risk_id", "measure_id")
                    for (risk, measure) in links[start..<min(start + 2000, links.count)] {
                        q = q.values(SQLBind(UUID()), SQLBind(org.id), SQLBind(risk), SQLBind(measure))
                    }
                    try await q.run()
                    start += 2000
                }
                var contacts: [ContactRecord] = []
                let plans = (0..<size.plans).map { i in
                    PlanRecord(id: UUID(), organisationId: org.id, assetId: assets[(i * 7) % max(assets.count, 1)].id, title: "Beredskabsplan \(i + 1)",
                        activation: "Ved nedbrud", roles: "", steps: "Trin 1\nTrin 2\nTrin 3", standDown: "", fallbackChannel: "",
                        revisedOn: CalendarDay.adding(months: -random.next(60), to: today)!, createdAt: now, updatedAt: now)
                }
                for plan in plans {
                    var parent: UUID?
                    for c in 0..<5 {
                        let id = UUID()
                        contacts.append(ContactRecord(id: id, organisationId: org.id, planId: plan.id, parentId: parent, position: c + 1, name: "Kontakt \(c + 1)",
                            role: "", phone: "+45 20 00 00 \(10 + c)", altPhone: ""))
                        parent = id
                    }
                }
                try await insert("continuity_plans", plans, batch: 500, on: sql)
                try await insert("plan_contacts", contacts, batch: 1000, on: sql)
                // Incidents over the last two years; the newest five are still open and significant.
                var q = sql.insert(into: "incidents").columns("id", "organisation_id", "title", "description", "severity", "status", "aware_at", "significance",
                    "significance_decided_at", "significance_justification", "early_warning_submitted_at", "notification_submitted_at", "final_submitted_at",
                    "late_reasons", "created_at", "impact", "indicators", "root_cause", "mitigation", "lessons")
                var timeline = sql.insert(into: "incident_timeline").columns("id", "incident_id", "organisation_id", "at", "recorded_at", "text", "automatic")
                for i in 0..<size.incidents {
                    let id = UUID()
                    let open = i < 5
                    let aware = now.addingTimeInterval(open ? -Double(3600 * (i * 10 + 2)) : -Double(86_400 * (5 + i * 3 + random.next(3))))
                    let significant = open || i % 4 == 0
                    q = q.values(SQLBind(id), SQLBind(org.id), SQLBind("Hændelse \(i + 1)"), SQLBind(""), SQLBind(IncidentRepository.severities[random.next(4)]),
                        SQLBind(open ? "handling" : "closed"), SQLBind(aware), SQLBind(significant ? "significant" : "not_significant"),
                        SQLBind(aware.addingTimeInterval(1800)), SQLBind(significant ? "" : "Ingen væsentlig påvirkning"),
                        SQLBind(significant ? aware.addingTimeInterval(6 * 3600) : nil), SQLBind(significant && !open ? aware.addingTimeInterval(48 * 3600) : nil),
                        SQLBind(significant && !open ? aware.addingTimeInterval(30 * 86_400) : nil), SQLBind("{}"), SQLBind(aware), SQLBind(""), SQLBind(""),
                        SQLBind(""), SQLBind(""), SQLBind(""))
                    timeline = timeline.values(SQLBind(UUID()), SQLBind(id), SQLBind(org.id), SQLBind(aware), SQLBind(aware), SQLBind("Hændelsen registreret"),
                        SQLBind(true))
                }
                if size.incidents > 0 {
                    try await q.run()
                    try await timeline.run()
                }
            }
        }
    }
}
