import Community
import FluentKit
import Foundation
import Licensing
import SQLKit

/// A municipality's licence settings: its own catalogue prices (or the bundled list prices), its
/// policy, and how long per-user usage data is kept.
public struct LicenceSettings: Sendable {
    public var catalogue: Catalogue
    public var catalogueCSV: String
    public var isOwnCatalogue: Bool
    public var policy: Policy
    public var policyJSON: String
    public var retentionDays: Int?
}

public struct SnapshotInfo: Sendable, Identifiable {
    public var id: UUID
    public var createdAt: Date
    public var createdBy: UUID?
    public var asOf: String
    public var fileNames: [String]
    public var usersProfiled: Int
    public var monthlySavingOre: Int64
    public var summary: Profile.Summary
    public var purgedAt: Date?
    public var profiledAt: Date
    public var isPurged: Bool { purgedAt != nil }
}

/// One user of a snapshot: the usage facts (the evidence) and the result.
public struct LicenceUserRow: Sendable, Equatable {
    public var rowNo: Int
    public var upn: String
    public var department: String?
    public var jobTitle: String?
    public var assignedProducts: String
    public var isDeleted: Bool
    public var lastActivity: Int32?
    public var licensedSince: Int32?
    public var exchangeDate: Int32?
    public var teamsDate: Int32?
    public var appsDesktop: Bool
    public var appsWeb: Bool
    public var appsMobile: Bool
    public var appsTeams: Bool
    public var sharedActivations: Int64
    public var mailboxBytes: Int64
    public var hasArchive: Bool
    public var onedriveBytes: Int64
    public var frontlineEligible: Bool?
    public var educationEligible: Bool?
    public var desktopOverride: Bool?
    /// nil for users not profiled (deleted or without a priced base licence).
    public var action: Action?
    public var current: String
    public var recommended: String
    public var currentOre: Int64
    public var recommendedOre: Int64
    public var savingOre: Int64
    public var reasons: [String]
    public var loses: [String]
}

public struct LicenceUserQuery: Sendable, Equatable {
    public enum Sort: String, Sendable, CaseIterable {
        case saving, upn, department, action, current
    }
    public var search = ""
    public var action: Action?
    public var department: String?
    public var sort: Sort = .saving
    public var descending = true
    public var page = 1
    public var perPage = 50

    public init() {}
}

public struct LicenceRepository: SQLRepository {
    let db: any Database

    public init(db: any Database) { self.db = db }

    // MARK: Settings

    public func settings(in scope: TenantScope) async throws -> LicenceSettings {
        let row = try await sql.select().columns("catalogue_csv", "policy_json", "retention_days").from("licence_settings")
            .where("organisation_id", .equal, SQLBind(scope.organisationID)).first()
        let catalogueCSV = try row?.decode(column: "catalogue_csv", as: String?.self)
        let policyJSON = try row?.decode(column: "policy_json", as: String?.self)
        let catalogue = try catalogueCSV.map { try Catalogue.parse(Array($0.utf8), file: "catalogue") } ?? Catalogue.bundled
        let policy = try policyJSON.map { try Policy.parse(Data($0.utf8), file: "policy") } ?? Policy()
        return LicenceSettings(
            catalogue: catalogue, catalogueCSV: catalogueCSV ?? Catalogue.bundled.csv(), isOwnCatalogue: catalogueCSV != nil,
            policy: policy, policyJSON: policyJSON ?? policy.json(),
            retentionDays: try row?.decode(column: "retention_days", as: Int?.self))
    }

    private func upsertSettings(_ column: String, _ value: any SQLExpression, in scope: TenantScope, now: Date) async throws {
        let sql = try self.sql
        let exists = try await sql.select().column("organisation_id").from("licence_settings")
            .where("organisation_id", .equal, SQLBind(scope.organisationID)).first() != nil
        if exists {
            try await sql.update("licence_settings").set(SQLIdentifier(column), to: value).set("updated_at", to: SQLBind(now))
                .where("organisation_id", .equal, SQLBind(scope.organisationID)).run()
        } else {
            try await sql.insert(into: "licence_settings").columns("organisation_id", column, "updated_at")
                .values(SQLBind(scope.organisationID), value, SQLBind(now)).run()
        }
    }

    /// Saves the municipality's own catalogue (already validated); nil returns to the bundled list prices.
    public func saveCatalogue(csv: String?, in scope: TenantScope, now: Date) async throws {
        try await upsertSettings("catalogue_csv", csv.map { SQLBind($0) } ?? SQLBind(String?.none), in: scope, now: now)
    }

    public func savePolicy(json: String?, in scope: TenantScope, now: Date) async throws {
        try await upsertSettings("policy_json", json.map { SQLBind($0) } ?? SQLBind(String?.none), in: scope, now: now)
    }

    public func saveRetention(days: Int?, in scope: TenantScope, now: Date) async throws {
        try await upsertSettings("retention_days", SQLBind(days), in: scope, now: now)
    }

    // MARK: Snapshots

    static let userColumns = [
        "snapshot_id", "organisation_id", "row_no", "upn", "upn_key", "is_deleted", "department", "job_title", "assigned_products",
        "last_activity", "licensed_since", "exchange_date", "teams_date", "apps_flags", "shared_activations", "mailbox_bytes",
        "has_archive", "onedrive_bytes", "frontline_eligible", "education_eligible", "desktop_override", "action", "current_skus",
        "recommended_skus", "current_ore", "recommended_ore", "saving_ore", "reasons", "loses",
    ]

    /// Rows per INSERT: as many as the engine's limit on bound values allows (SQLite 32,766,
    /// PostgreSQL 65,535) with 29 values a row; fewer statements, fewer round trips.
    static func batchSize(_ sql: any SQLDatabase) -> Int {
        sql.dialect.name == "sqlite" ? 1100 : 2200
    }

    /// Stores a profiled snapshot in one transaction: the snapshot row and every user row.
    public func createSnapshot(
        table: UsageTable, people: PeopleFile, profile: Profile, fileNames: [String], settings: LicenceSettings, by userID: UUID?,
        in scope: TenantScope, now: Date, id: UUID = UUID()
    ) async throws -> UUID {
        let summary = profile.summary()
        try await db.transaction { tx in
            let repo = LicenceRepository(db: tx)
            let sql = try repo.sql
            try await sql.insert(into: "licence_snapshots")
                .columns("id", "organisation_id", "created_at", "created_by", "as_of", "file_names", "users_profiled",
                    "monthly_saving_ore", "summary_json", "facts_json", "catalogue_csv", "policy_json", "profiled_at")
                .values(
                    SQLBind(id), SQLBind(scope.organisationID), SQLBind(now), SQLBind(userID), SQLBind(summary.asOf),
                    SQLBind(Self.json(fileNames)), SQLBind(summary.usersProfiled), SQLBind(summary.monthlySaving.ore),
                    SQLBind(Profile.json(summary)), SQLBind(Self.json(table.facts)), SQLBind(settings.catalogueCSV),
                    SQLBind(settings.policyJSON), SQLBind(now)
                ).run()
            try await repo.insertUsers(snapshot: id, table: table, people: people, profile: profile, in: scope)
        }
        return id
    }

    func insertUsers(snapshot: UUID, table: UsageTable, people: PeopleFile, profile: Profile, in scope: TenantScope) async throws {
        let sql = try self.sql
        var resultByUser = [Int32](repeating: -1, count: table.users.count)
        for (i, r) in profile.results.enumerated() { resultByUser[r.userIndex] = Int32(i) }
        var formatter = ResultStrings(profile)
        var batch = sql.insert(into: "licence_users").columns(Self.userColumns)
        var pending = 0
        let batchSize = Self.batchSize(sql)
        func day(_ d: Int32) -> any SQLExpression { d == Day.none ? SQLBind(Int?.none) : SQLBind(Int(d)) }
        func flag(_ b: Bool?) -> any SQLExpression { SQLBind(b.map { $0 ? 1 : 0 }) }
        for (i, u) in table.users.enumerated() {
            let person = people.people[u.key]
            var values: [any SQLExpression] = [
                SQLBind(snapshot), SQLBind(scope.organisationID), SQLBind(i), SQLBind(u.upn), SQLBind(u.key), SQLBind(u.isDeleted),
                SQLBind(person?.department), SQLBind(person?.jobTitle), SQLBind(u.assignedProducts), day(u.lastActivity),
                day(u.licensedSince), day(u.exchangeDate), day(u.teamsDate),
                SQLBind((u.appsDesktop ? 1 : 0) | (u.appsWeb ? 2 : 0) | (u.appsMobile ? 4 : 0) | (u.appsTeams ? 8 : 0)),
                SQLBind(u.sharedActivations), SQLBind(u.mailboxBytes), SQLBind(u.hasArchive), SQLBind(u.onedriveBytes),
                flag(person?.frontlineEligible), flag(person?.educationEligible), flag(person?.desktopOverride),
            ]
            let ri = resultByUser[i]
            if ri >= 0 {
                let r = profile.results[Int(ri)]
                values += [
                    SQLBind(r.action.rawValue), SQLBind(formatter.skus(r.current)), SQLBind(formatter.skus(r.recommended)),
                    SQLBind(r.currentOre), SQLBind(r.recommendedOre), SQLBind(r.monthlySavingOre), SQLBind(formatter.reasons(r.reasons)),
                    SQLBind(formatter.loses(r.loses)),
                ]
            } else {
                values += [SQLBind(String?.none), SQLBind(formatter.skus(u.current)), SQLBind(String?.none), SQLBind(Int64?.none),
                    SQLBind(Int64?.none), SQLBind(Int64?.none), SQLBind(String?.none), SQLBind(String?.none)]
            }
            batch = batch.values(values)
            pending += 1
            if pending == batchSize {
                try await batch.run()
                batch = sql.insert(into: "licence_users").columns(Self.userColumns)
                pending = 0
            }
        }
        if pending > 0 { try await batch.run() }
    }

    /// Strings of sets, reasons and losses, cached (they repeat).
    struct ResultStrings {
        let profile: Profile
        var skuCache: [UInt64: String] = [:]
        var reasonCache: [UInt16: String] = [:]
        var loseCache: [UInt32: String] = [:]

        init(_ profile: Profile) { self.profile = profile }

        mutating func skus(_ mask: UInt64) -> String {
            if let s = skuCache[mask] { return s }
            let s = profile.skus(mask)
            skuCache[mask] = s
            return s
        }

        mutating func reasons(_ r: Reasons) -> String {
            if let s = reasonCache[r.bits] { return s }
            let s = r.all.map { $0.code(inactivityDays: profile.policy.inactivityDays) }.joined(separator: ";")
            reasonCache[r.bits] = s
            return s
        }

        mutating func loses(_ l: CapabilitySet) -> String {
            if let s = loseCache[l.bits] { return s }
            let s = l.map(\.rawValue).joined(separator: ";")
            loseCache[l.bits] = s
            return s
        }
    }

    static func json<T: Encodable>(_ value: T) -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return String(decoding: (try? e.encode(value)) ?? Data(), as: UTF8.self)
    }

    static let snapshotColumns = [
        "id", "created_at", "created_by", "as_of", "file_names", "users_profiled", "monthly_saving_ore", "summary_json", "purged_at",
        "profiled_at",
    ]

    static func snapshot(_ row: any SQLRow) throws -> SnapshotInfo {
        let summary = try JSONDecoder().decode(Profile.Summary.self, from: Data(try row.decode(column: "summary_json", as: String.self).utf8))
        return SnapshotInfo(
            id: try row.decode(column: "id", as: UUID.self), createdAt: try row.decode(column: "created_at", as: Date.self),
            createdBy: try row.decode(column: "created_by", as: UUID?.self), asOf: try row.decode(column: "as_of", as: String.self),
            fileNames: (try? JSONDecoder().decode([String].self, from: Data(try row.decode(column: "file_names", as: String.self).utf8))) ?? [],
            usersProfiled: try row.decode(column: "users_profiled", as: Int.self),
            monthlySavingOre: try row.decode(column: "monthly_saving_ore", as: Int64.self), summary: summary,
            purgedAt: try row.decode(column: "purged_at", as: Date?.self), profiledAt: try row.decode(column: "profiled_at", as: Date.self))
    }

    /// The scope's snapshots, newest first.
    public func snapshots(in scope: TenantScope) async throws -> [SnapshotInfo] {
        try await sql.select().columns(Self.snapshotColumns.map { SQLIdentifier($0) }).from("licence_snapshots")
            .where("organisation_id", .equal, SQLBind(scope.organisationID))
            .orderBy("created_at", .descending)
            .all().map(Self.snapshot)
    }

    public func snapshot(_ id: UUID, in scope: TenantScope) async throws -> SnapshotInfo {
        guard let row = try await sql.select().columns(Self.snapshotColumns.map { SQLIdentifier($0) }).from("licence_snapshots")
            .where("id", .equal, SQLBind(id)).where("organisation_id", .equal, SQLBind(scope.organisationID)).first()
        else { throw RepositoryError.notFound }
        return try Self.snapshot(row)
    }

    public func latestSnapshot(in scope: TenantScope) async throws -> SnapshotInfo? {
        guard let row = try await sql.select().columns(Self.snapshotColumns.map { SQLIdentifier($0) }).from("licence_snapshots")
            .where("organisation_id", .equal, SQLBind(scope.organisationID)).orderBy("created_at", .descending).limit(1).first()
        else { return nil }
        return try Self.snapshot(row)
    }

    /// Per department in the latest profiled snapshot: users, what their licences cost a month now,
    /// and the saving the profile found (Bindinger's office-suite move puts the money next to the bindings).
    public struct DepartmentTotal: Sendable, Equatable {
        public var users: Int
        public var currentOre: Int64
        public var savingOre: Int64
    }

    public func departmentTotals(in scope: TenantScope) async throws -> [String: DepartmentTotal] {
        guard let snapshot = try await latestSnapshot(in: scope), !snapshot.isPurged else { return [:] }
        var out: [String: DepartmentTotal] = [:]
        // PostgreSQL sums bigints as numeric: cast back so both databases give a 64-bit integer.
        for row in try await sql.raw("""
            SELECT department, COUNT(*) AS n, CAST(SUM(COALESCE(current_ore, 0)) AS BIGINT) AS cost,
              CAST(SUM(COALESCE(saving_ore, 0)) AS BIGINT) AS saving
            FROM licence_users WHERE snapshot_id = \(bind: snapshot.id) AND organisation_id = \(bind: scope.organisationID) AND is_deleted = \(bind: false)
            GROUP BY department
            """).all() {
            let name = try row.decode(column: "department", as: String?.self) ?? ""
            out[name.isEmpty ? "–" : name] = DepartmentTotal(users: try row.decode(column: "n", as: Int.self),
                currentOre: try row.decode(column: "cost", as: Int64?.self) ?? 0, savingOre: try row.decode(column: "saving", as: Int64?.self) ?? 0)
        }
        return out
    }

    // MARK: Users

    static func user(_ row: any SQLRow) throws -> LicenceUserRow {
        func day(_ c: String) throws -> Int32? { try row.decode(column: c, as: Int?.self).map(Int32.init) }
        func flag(_ c: String) throws -> Bool? { try row.decode(column: c, as: Int?.self).map { $0 != 0 } }
        let apps = try row.decode(column: "apps_flags", as: Int.self)
        func list(_ c: String) throws -> [String] {
            (try row.decode(column: c, as: String?.self)).map { $0.isEmpty ? [] : $0.split(separator: ";").map(String.init) } ?? []
        }
        return LicenceUserRow(
            rowNo: try row.decode(column: "row_no", as: Int.self), upn: try row.decode(column: "upn", as: String.self),
            department: try row.decode(column: "department", as: String?.self), jobTitle: try row.decode(column: "job_title", as: String?.self),
            assignedProducts: try row.decode(column: "assigned_products", as: String.self),
            isDeleted: try row.decode(column: "is_deleted", as: Bool.self), lastActivity: try day("last_activity"),
            licensedSince: try day("licensed_since"), exchangeDate: try day("exchange_date"), teamsDate: try day("teams_date"),
            appsDesktop: apps & 1 != 0, appsWeb: apps & 2 != 0, appsMobile: apps & 4 != 0, appsTeams: apps & 8 != 0,
            sharedActivations: try row.decode(column: "shared_activations", as: Int64.self),
            mailboxBytes: try row.decode(column: "mailbox_bytes", as: Int64.self), hasArchive: try row.decode(column: "has_archive", as: Bool.self),
            onedriveBytes: try row.decode(column: "onedrive_bytes", as: Int64.self), frontlineEligible: try flag("frontline_eligible"),
            educationEligible: try flag("education_eligible"), desktopOverride: try flag("desktop_override"),
            action: try row.decode(column: "action", as: String?.self).flatMap(Action.init(rawValue:)),
            current: try row.decode(column: "current_skus", as: String?.self) ?? "",
            recommended: try row.decode(column: "recommended_skus", as: String?.self) ?? "",
            currentOre: try row.decode(column: "current_ore", as: Int64?.self) ?? 0,
            recommendedOre: try row.decode(column: "recommended_ore", as: Int64?.self) ?? 0,
            savingOre: try row.decode(column: "saving_ore", as: Int64?.self) ?? 0, reasons: try list("reasons"), loses: try list("loses"))
    }

    /// A page of the snapshot's profiled users, filtered and sorted. Rows of another organisation's
    /// snapshot are never returned: the snapshot is checked against the scope first.
    public func users(snapshot: UUID, query q: LicenceUserQuery, in scope: TenantScope) async throws -> (rows: [LicenceUserRow], total: Int) {
        _ = try await self.snapshot(snapshot, in: scope)
        let sql = try self.sql
        var conditions: [any SQLExpression] = [
            SQLBinaryExpression(left: SQLIdentifier("snapshot_id"), op: SQLBinaryOperator.equal, right: SQLBind(snapshot)),
            SQLBinaryExpression(left: SQLIdentifier("organisation_id"), op: SQLBinaryOperator.equal, right: SQLBind(scope.organisationID)),
            SQLBinaryExpression(left: SQLIdentifier("action"), op: SQLBinaryOperator.isNot, right: SQLLiteral.null),
        ]
        if let a = q.action {
            conditions.append(SQLBinaryExpression(left: SQLIdentifier("action"), op: SQLBinaryOperator.equal, right: SQLBind(a.rawValue)))
        }
        if let d = q.department {
            conditions.append(SQLBinaryExpression(
                left: SQLFunction("LOWER", args: SQLIdentifier("department")), op: SQLBinaryOperator.equal, right: SQLBind(d.lowercased())))
        }
        let term = q.search.trimmingCharacters(in: .whitespaces).lowercased()
        if !term.isEmpty {
            let escaped = term.replacingOccurrences(of: "!", with: "!!").replacingOccurrences(of: "%", with: "!%")
                .replacingOccurrences(of: "_", with: "!_")
            conditions.append(SQLQueryString("upn_key LIKE \(bind: "%" + escaped + "%") ESCAPE '!'"))
        }
        let whereClause = SQLList(conditions, separator: SQLRaw(" AND "))
        let total = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("licence_users")
            .where(whereClause).first()?.decode(column: "n", as: Int.self) ?? 0
        let column: String = switch q.sort {
        case .saving: "saving_ore"
        case .upn: "upn_key"
        case .department: "department"
        case .action: "action"
        case .current: "current_ore"
        }
        let perPage = min(max(q.perPage, 1), 500)
        // Bounded so the offset cannot overflow, whatever a caller passes.
        let page = min(max(q.page, 1), 1_000_000)
        let rows = try await sql.select().column(SQLLiteral.all).from("licence_users").where(whereClause)
            .orderBy(column, q.descending ? .descending : .ascending).orderBy("row_no", .ascending)
            .limit(perPage).offset((page - 1) * perPage)
            .all().map(Self.user)
        return (rows, total)
    }

    public func user(snapshot: UUID, rowNo: Int, in scope: TenantScope) async throws -> LicenceUserRow {
        _ = try await self.snapshot(snapshot, in: scope)
        guard let row = try await sql.select().column(SQLLiteral.all).from("licence_users")
            .where("snapshot_id", .equal, SQLBind(snapshot)).where("organisation_id", .equal, SQLBind(scope.organisationID))
            .where("row_no", .equal, SQLBind(rowNo)).first()
        else { throw RepositoryError.notFound }
        return try Self.user(row)
    }

    /// Every profiled user of a snapshot in report order, in pages of 10,000 (for exports).
    public func forEachResult(snapshot: UUID, in scope: TenantScope, _ body: ([LicenceUserRow]) throws -> Void) async throws {
        _ = try await self.snapshot(snapshot, in: scope)
        var from = 0
        while true {
            let rows = try await sql.select().column(SQLLiteral.all).from("licence_users")
                .where("snapshot_id", .equal, SQLBind(snapshot)).where("organisation_id", .equal, SQLBind(scope.organisationID))
                .where("action", .isNot, SQLLiteral.null).where("row_no", .greaterThanOrEqual, SQLBind(from))
                .orderBy("row_no").limit(10_000).all().map(Self.user)
            if rows.isEmpty { return }
            try body(rows)
            from = rows.last!.rowNo + 1
        }
    }

    /// Departments of a snapshot's profiled users (for the filter).
    public func departments(snapshot: UUID, in scope: TenantScope) async throws -> [String] {
        _ = try await self.snapshot(snapshot, in: scope)
        return try await sql.select().distinct().column("department").from("licence_users")
            .where("snapshot_id", .equal, SQLBind(snapshot)).where("organisation_id", .equal, SQLBind(scope.organisationID))
            .where("department", .isNot, SQLLiteral.null).orderBy("department")
            .all().compactMap { try $0.decode(column: "department", as: String?.self) }
    }

    // MARK: Privacy

    /// Deletes every per-user row of a snapshot; the snapshot's totals (summary) stay.
    public func purge(_ id: UUID, in scope: TenantScope, now: Date) async throws {
        let snapshot = try await self.snapshot(id, in: scope)
        guard !snapshot.isPurged else { return }
        try await db.transaction { tx in
            let sql = try LicenceRepository(db: tx).sql
            try await sql.delete(from: "licence_users").where("snapshot_id", .equal, SQLBind(id))
                .where("organisation_id", .equal, SQLBind(scope.organisationID)).run()
            try await sql.update("licence_snapshots").set("purged_at", to: SQLBind(now)).where("id", .equal, SQLBind(id)).run()
        }
    }

    /// Purges, installation-wide, the snapshots older than their municipality's retention setting.
    /// Returns how many were purged.
    @discardableResult
    public func applyRetention(now: Date) async throws -> Int {
        let sql = try self.sql
        let settings = try await sql.select().columns("organisation_id", "retention_days").from("licence_settings")
            .where("retention_days", .isNot, SQLLiteral.null).all()
        var purged = 0
        for row in settings {
            let org = try row.decode(column: "organisation_id", as: UUID.self)
            let days = try row.decode(column: "retention_days", as: Int.self)
            let cutoff = now.addingTimeInterval(-Double(days) * 86_400)
            let old = try await sql.select().column("id").from("licence_snapshots").where("organisation_id", .equal, SQLBind(org))
                .where("purged_at", .is, SQLLiteral.null).where("created_at", .lessThan, SQLBind(cutoff)).all()
            let scope = TenantScope(organisationID: org, organisationKind: .municipality, userID: UUID(), roles: [])
            for r in old {
                try await purge(try r.decode(column: "id", as: UUID.self), in: scope, now: now)
                purged += 1
            }
        }
        return purged
    }

    // MARK: Re-profiling

    /// Profiles a stored snapshot again with the current catalogue and policy (after a price or
    /// policy change). Needs the per-user rows, so a purged snapshot cannot be re-profiled.
    public func reprofile(_ id: UUID, settings: LicenceSettings, in scope: TenantScope, now: Date) async throws -> SnapshotInfo {
        let info = try await snapshot(id, in: scope)
        guard !info.isPurged else { throw RepositoryError.invalid(field: "snapshot", message: "purged; the usage data is gone") }
        let sql = try self.sql
        guard let factsRow = try await sql.select().column("facts_json").from("licence_snapshots").where("id", .equal, SQLBind(id)).first()
        else { throw RepositoryError.notFound }
        let facts = try JSONDecoder().decode(UsageTable.Facts.self, from: Data(try factsRow.decode(column: "facts_json", as: String.self).utf8))
        var users: [UserUsage] = []
        var people = PeopleFile()
        let rows = try await sql.select().column(SQLLiteral.all).from("licence_users").where("snapshot_id", .equal, SQLBind(id))
            .where("organisation_id", .equal, SQLBind(scope.organisationID)).orderBy("row_no").all().map(Self.user)
        for r in rows {
            var u = UserUsage(upn: r.upn)
            u.isDeleted = r.isDeleted
            u.assignedProducts = r.assignedProducts
            u.lastActivity = r.lastActivity ?? Day.none
            u.licensedSince = r.licensedSince ?? Day.none
            u.exchangeDate = r.exchangeDate ?? Day.none
            u.teamsDate = r.teamsDate ?? Day.none
            u.appsDesktop = r.appsDesktop
            u.appsWeb = r.appsWeb
            u.appsMobile = r.appsMobile
            u.appsTeams = r.appsTeams
            u.sharedActivations = r.sharedActivations
            u.mailboxBytes = r.mailboxBytes
            u.hasArchive = r.hasArchive
            u.onedriveBytes = r.onedriveBytes
            users.append(u)
            if r.department != nil || r.jobTitle != nil || r.frontlineEligible != nil || r.educationEligible != nil || r.desktopOverride != nil {
                people.people[u.key] = Person(department: r.department, jobTitle: r.jobTitle, frontlineEligible: r.frontlineEligible,
                    educationEligible: r.educationEligible, desktopOverride: r.desktopOverride)
            }
        }
        let table = UsageTable(facts: facts, users: users, catalogue: settings.catalogue)
        let storedPeople = people
        let profile = try Profiler(catalogue: settings.catalogue, policy: settings.policy, people: people).profile(table)
        let summary = profile.summary()
        try await db.transaction { tx in
            let repo = LicenceRepository(db: tx)
            let sql = try repo.sql
            try await sql.delete(from: "licence_users").where("snapshot_id", .equal, SQLBind(id)).run()
            try await repo.insertUsers(snapshot: id, table: table, people: storedPeople, profile: profile, in: scope)
            try await sql.update("licence_snapshots")
                .set("users_profiled", to: SQLBind(summary.usersProfiled)).set("monthly_saving_ore", to: SQLBind(summary.monthlySaving.ore))
                .set("summary_json", to: SQLBind(Profile.json(summary))).set("catalogue_csv", to: SQLBind(settings.catalogueCSV))
                .set("policy_json", to: SQLBind(settings.policyJSON)).set("profiled_at", to: SQLBind(now))
                .where("id", .equal, SQLBind(id)).run()
        }
        return try await snapshot(id, in: scope)
    }
}
