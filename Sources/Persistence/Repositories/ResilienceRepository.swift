import Community
import FluentKit
import Foundation
import Resilience
import SQLKit

/// The NIS2 register of one municipality: assets, the risk matrix and risks, measures and their
/// evidence, continuity plans with call trees and exercises, registration data and its tasks.
/// Every query is filtered by the caller's organisation.
public struct ResilienceRepository: SQLRepository {
    let db: any Database

    public init(db: any Database) { self.db = db }

    /// Records spell out their column names in CodingKeys, so no key conversion is needed.
    static let decoder = SQLRowDecoder()
    static let encoder = SQLQueryEncoder(nilEncodingStrategy: .asNil)

    func rows<T: Decodable>(_ table: String, _ type: T.Type, in scope: TenantScope, order: String = "created_at",
                            where extra: (column: String, value: UUID)? = nil) async throws -> [T] {
        var query = try sql.select().column(SQLLiteral.all).from(table).where("organisation_id", .equal, SQLBind(scope.organisationID))
        if let extra { query = query.where(SQLIdentifier(extra.column), .equal, SQLBind(extra.value)) }
        return try await query.orderBy(order).orderBy("id").all(decoding: T.self, with: Self.decoder)
    }

    func row<T: Decodable>(_ table: String, _ id: UUID, _ type: T.Type, in scope: TenantScope) async throws -> T {
        guard let row = try await sql.select().column(SQLLiteral.all).from(table).where("id", .equal, SQLBind(id))
            .where("organisation_id", .equal, SQLBind(scope.organisationID)).first(decoding: T.self, with: Self.decoder)
        else { throw RepositoryError.notFound }
        return row
    }

    func insertOrUpdate<T: Encodable & Sendable & Identifiable>(_ table: String, _ record: T, isNew: Bool, in scope: TenantScope) async throws
    where T.ID == UUID {
        if isNew {
            try await sql.insert(into: table).model(record, with: Self.encoder).run()
        } else {
            try await sql.update(table).set(model: record, with: Self.encoder).where("id", .equal, SQLBind(record.id))
                .where("organisation_id", .equal, SQLBind(scope.organisationID)).run()
        }
    }

    /// Trimmed text, refused when required and empty or longer than `max`.
    static func text(_ value: String?, _ field: String, max: Int = 2000, required: Bool = false) throws -> String {
        let trimmed = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if required && trimmed.isEmpty { throw RepositoryError.invalid(field: field, message: "required") }
        guard trimmed.count <= max else { throw RepositoryError.invalid(field: field, message: "at most \(max) characters") }
        return trimmed
    }

    static func oneOf(_ value: String, _ allowed: [String], _ field: String) throws -> String {
        guard allowed.contains(value) else { throw RepositoryError.invalid(field: field, message: "one of \(allowed.joined(separator: ", "))") }
        return value
    }

    static func day(_ value: String?, _ field: String, required: Bool = false) throws -> String {
        let trimmed = (value ?? "").trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty && !required { return "" }
        guard CalendarDay.date(trimmed) != nil else { throw RepositoryError.invalid(field: field, message: "a date (YYYY-MM-DD)") }
        return trimmed
    }

    static func hours(_ value: Double?, _ field: String) throws -> Double? {
        guard let value else { return nil }
        guard value.isFinite, value >= 0, value <= 24 * 365 else { throw RepositoryError.invalid(field: field, message: "hours between 0 and 8760") }
        return value
    }

    static func requireManagement(_ scope: TenantScope) throws {
        // Rule 8: only members of the management body approve measures or accept residual risk.
        guard scope.may(.approveOnBehalfOfManagement) else {
            throw RepositoryError.invalid(field: "approval", message: "only members of the management body can approve")
        }
    }
}

// MARK: - Assets

extension ResilienceRepository {
    public struct AssetInput: Sendable {
        public var kind: String
        public var name: String
        public var description: String = ""
        public var owner: String = ""
        public var criticality: String = "medium"
        public var kle: String = ""
        public var kitosUuid: UUID? = nil
        public var mtpdHours: Double? = nil
        public var rtoHours: Double? = nil
        public var rpoHours: Double? = nil
        public var minService: String = ""
        public var manualFallback: String = ""
        /// For processes: the assets it depends on.
        public var dependsOn: [UUID] = []

        public init(kind: String, name: String) {
            self.kind = kind
            self.name = name
        }
    }

    public func assets(in scope: TenantScope) async throws -> [AssetRecord] {
        try await rows("assets", AssetRecord.self, in: scope, order: "name")
    }

    public func asset(_ id: UUID, in scope: TenantScope) async throws -> AssetRecord {
        try await row("assets", id, AssetRecord.self, in: scope)
    }

    /// Process id → the assets it depends on.
    public func dependencies(in scope: TenantScope) async throws -> [UUID: [UUID]] {
        let rows = try await sql.select().columns("asset_id", "resource_id").from("asset_dependencies")
            .where("organisation_id", .equal, SQLBind(scope.organisationID)).all()
        var out: [UUID: [UUID]] = [:]
        for r in rows { out[try r.decode(column: "asset_id", as: UUID.self), default: []].append(try r.decode(column: "resource_id", as: UUID.self)) }
        return out
    }

    @discardableResult
    public func saveAsset(_ input: AssetInput, id: UUID? = nil, in scope: TenantScope, now: Date) async throws -> UUID {
        var existing: AssetRecord?
        if let id { existing = try await asset(id, in: scope) }
        let record = AssetRecord(
            id: id ?? UUID(), organisationId: scope.organisationID, kind: try Self.oneOf(input.kind, AssetRecord.kinds, "kind"),
            name: try Self.text(input.name, "name", max: 200, required: true), description: try Self.text(input.description, "description", max: 5000),
            owner: try Self.text(input.owner, "owner", max: 200), criticality: try Self.oneOf(input.criticality, AssetRecord.criticalities, "criticality"),
            kle: try Self.text(input.kle, "kle", max: 100), kitosUuid: input.kitosUuid,
            mtpdHours: try Self.hours(input.mtpdHours, "mtpd_hours"), rtoHours: try Self.hours(input.rtoHours, "rto_hours"),
            rpoHours: try Self.hours(input.rpoHours, "rpo_hours"), minService: try Self.text(input.minService, "min_service"),
            manualFallback: try Self.text(input.manualFallback, "manual_fallback", max: 5000), createdAt: existing?.createdAt ?? now, updatedAt: now)
        let known = Set(try await assets(in: scope).map(\.id))
        let dependsOn = Array(Set(input.dependsOn)).filter { $0 != record.id }
        guard dependsOn.allSatisfy(known.contains) else { throw RepositoryError.invalid(field: "depends_on", message: "unknown asset") }
        try await db.transaction { [record, existing] tx in
            let repo = ResilienceRepository(db: tx)
            try await repo.insertOrUpdate("assets", record, isNew: existing == nil, in: scope)
            try await repo.sql.delete(from: "asset_dependencies").where("asset_id", .equal, SQLBind(record.id))
                .where("organisation_id", .equal, SQLBind(scope.organisationID)).run()
            for resource in dependsOn.sorted(by: { $0.uuidString < $1.uuidString }) {
                try await repo.sql.insert(into: "asset_dependencies").columns("id", "organisation_id", "asset_id", "resource_id")
                    .values(SQLBind(UUID()), SQLBind(scope.organisationID), SQLBind(record.id), SQLBind(resource)).run()
            }
        }
        return record.id
    }

    /// Rule 10 on this municipality's data: processes with a BIA against the assets they depend on.
    public func continuityWarnings(in scope: TenantScope) async throws -> [Continuity.Warning] {
        let assets = try await assets(in: scope)
        let deps = try await dependencies(in: scope)
        let processes = assets.compactMap { a -> Continuity.Process? in
            guard a.kind == "process", let mtpd = a.mtpdHours, let rto = a.rtoHours, let rpo = a.rpoHours else { return nil }
            return Continuity.Process(id: a.id.uuidString, mtpdHours: mtpd, rtoHours: rto, rpoHours: rpo,
                resources: (deps[a.id] ?? []).filter { id in assets.contains { $0.id == id && $0.rtoHours != nil && $0.rpoHours != nil } }
                    .map(\.uuidString))
        }
        let resources = assets.compactMap { a -> Continuity.Resource? in
            guard let rto = a.rtoHours, let rpo = a.rpoHours else { return nil }
            return Continuity.Resource(id: a.id.uuidString, rtoHours: rto, rpoHours: rpo)
        }
        return Continuity.warnings(processes: processes, resources: resources)
    }
}

// MARK: - Risk matrix and risks

extension ResilienceRepository {
    public struct MatrixState: Sendable, Equatable {
        public var id: UUID?
        public var matrix: RiskMatrix
        public var risksUsingIt: Int
    }

    /// The current matrix (the newest); the standard 5 × 5 until one is saved.
    /// `countUses: false` skips counting the assessments on it (callers that count them otherwise).
    public func matrix(in scope: TenantScope, countUses: Bool = true) async throws -> MatrixState {
        guard let row = try await sql.select().columns("id", "levels").from("risk_matrices")
            .where("organisation_id", .equal, SQLBind(scope.organisationID)).orderBy("created_at", .descending).first()
        else { return MatrixState(id: nil, matrix: .standard, risksUsingIt: 0) }
        let id = try row.decode(column: "id", as: UUID.self)
        let levels = try JSONDecoder().decode([[Int]].self, from: Data(try row.decode(column: "levels", as: String.self).utf8))
        var matrix = try RiskMatrix(levels: levels)
        guard countUses else { return MatrixState(id: id, matrix: matrix, risksUsingIt: 0) }
        let count = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("risks")
            .where("organisation_id", .equal, SQLBind(scope.organisationID)).where("matrix_id", .equal, SQLBind(id))
            .first()?.decode(column: "n", as: Int.self) ?? 0
        if count > 0 { matrix.markInUse() }
        return MatrixState(id: id, matrix: matrix, risksUsingIt: count)
    }

    func matrices(in scope: TenantScope) async throws -> [UUID: RiskMatrix] {
        var out: [UUID: RiskMatrix] = [:]
        for row in try await sql.select().columns("id", "levels").from("risk_matrices").where("organisation_id", .equal, SQLBind(scope.organisationID)).all() {
            let levels = try JSONDecoder().decode([[Int]].self, from: Data(try row.decode(column: "levels", as: String.self).utf8))
            out[try row.decode(column: "id", as: UUID.self)] = try RiskMatrix(levels: levels)
        }
        return out
    }

    /// Replaces the current matrix's levels; refused once a risk uses it (rule 7). `asNew` keeps the
    /// used matrix for the risks assessed on it and makes a new one current for new assessments.
    public func setMatrix(levels: [[Int]], asNew: Bool = false, in scope: TenantScope, now: Date) async throws {
        guard (2...7).contains(levels.count), let width = levels.first?.count, (2...7).contains(width) else {
            throw RepositoryError.invalid(field: "matrix", message: "2 to 7 rows and columns")
        }
        guard levels.allSatisfy({ $0.count == width && $0.allSatisfy { (1...99).contains($0) } }) else {
            throw RepositoryError.invalid(field: "matrix", message: "every cell a level from 1 to 99")
        }
        var state = try await matrix(in: scope)
        let json = String(decoding: try JSONEncoder().encode(levels), as: UTF8.self)
        if let id = state.id, !asNew {
            do { try state.matrix.replaceLevels(levels) } catch {
                throw RepositoryError.invalid(field: "matrix", message: "in use by \(state.risksUsingIt) risk assessments and cannot change")
            }
            try await sql.update("risk_matrices").set("levels", to: SQLBind(json)).where("id", .equal, SQLBind(id))
                .where("organisation_id", .equal, SQLBind(scope.organisationID)).run()
        } else {
            try await sql.insert(into: "risk_matrices").columns("id", "organisation_id", "levels", "created_at")
                .values(SQLBind(UUID()), SQLBind(scope.organisationID), SQLBind(json), SQLBind(now)).run()
        }
    }

    public struct RiskInput: Sendable {
        public var assetId: UUID?
        public var title: String
        public var threat: String = ""
        public var vulnerability: String = ""
        public var consequence: String = ""
        public var inherentLikelihood: Int
        public var inherentImpact: Int
        public var residualLikelihood: Int
        public var residualImpact: Int
        public var treatment: String = "reduce"
        public var owner: String = ""
        public var dueOn: String = ""
        public var measureIds: [UUID] = []

        public init(assetId: UUID?, title: String, inherent: (Int, Int), residual: (Int, Int)) {
            self.assetId = assetId
            self.title = title
            (inherentLikelihood, inherentImpact) = inherent
            (residualLikelihood, residualImpact) = residual
        }
    }

    /// A risk with its levels on the matrix it was assessed on.
    public struct Risk: Sendable, Equatable, Identifiable {
        public var record: RiskRecord
        public var inherentLevel: Int
        public var residualLevel: Int
        /// The highest level of its matrix, for colouring.
        public var maxLevel: Int
        public var measureIds: [UUID]
        public var id: UUID { record.id }
    }

    /// Risks, highest residual level first (then inherent level, then title); `limit` pages in SQL.
    /// `withMeasures: false` leaves `measureIds` empty (one query less for lists that do not show them).
    public func risks(
        in scope: TenantScope, offset: Int = 0, limit: Int? = nil, asset: UUID? = nil, measure: UUID? = nil, withMeasures: Bool = true,
        matrices known: [UUID: RiskMatrix]? = nil
    ) async throws -> [Risk] {
        var query = try sql.select().column(SQLLiteral.all).from("risks").where("organisation_id", .equal, SQLBind(scope.organisationID))
        if let asset { query = query.where("asset_id", .equal, SQLBind(asset)) }
        if let measure {
            query = query.where("id", .in, SQLSubquery.select { $0.column("risk_id").from("risk_measures").where("measure_id", .equal, SQLBind(measure)) })
        }
        query = query.orderBy("residual_level", .descending).orderBy("inherent_level", .descending).orderBy("title").orderBy("id")
        if let limit { query = query.limit(limit).offset(offset) }
        let records = try await query.all(decoding: RiskRecord.self, with: Self.decoder)
        guard !records.isEmpty else { return [] }
        var matrices = known ?? [:]
        if records.contains(where: { matrices[$0.matrixId] == nil }) { matrices = try await self.matrices(in: scope) }
        let links = withMeasures ? try await riskMeasureLinks(records.map(\.id), in: scope) : [:]
        return records.map { r in
            Risk(record: r, inherentLevel: r.inherentLevel, residualLevel: r.residualLevel,
                maxLevel: matrices[r.matrixId]?.levels.flatMap { $0 }.max() ?? 25, measureIds: links[r.id] ?? [])
        }
    }

    public func riskCount(in scope: TenantScope) async throws -> (total: Int, awaitingAcceptance: Int) {
        // Two index-only counts (organisation_id + accepted_at are indexed) rather than one that reads every row.
        func count(_ awaiting: Bool) async throws -> Int {
            var query = try sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("risks")
                .where("organisation_id", .equal, SQLBind(scope.organisationID))
            if awaiting { query = query.where("accepted_at", .is, SQLLiteral.null) }
            return try await query.first()?.decode(column: "n", as: Int.self) ?? 0
        }
        return (try await count(false), try await count(true))
    }

    public func riskTotal(in scope: TenantScope) async throws -> Int {
        try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("risks")
            .where("organisation_id", .equal, SQLBind(scope.organisationID)).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Risks per (likelihood, impact) cell on the current matrix, inherent and residual, for the heat
    /// maps — counted in SQL in one pass (an index covers the columns).
    public func heatCounts(in scope: TenantScope, matrix state: MatrixState) async throws -> (inherent: [[Int]], residual: [[Int]]) {
        let empty = Array(repeating: Array(repeating: 0, count: state.matrix.impacts), count: state.matrix.likelihoods)
        var (inherent, residual) = (empty, empty)
        guard let matrix = state.id else { return (inherent, residual) }
        let columns = ["inherent_likelihood", "inherent_impact", "residual_likelihood", "residual_impact"]
        var query = try sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("risks")
            .where("organisation_id", .equal, SQLBind(scope.organisationID)).where("matrix_id", .equal, SQLBind(matrix))
        for c in columns { query = query.column(c).groupBy(c) }
        func add(_ grid: inout [[Int]], _ l: Int, _ i: Int, _ n: Int) {
            if grid.indices.contains(l - 1) && grid[l - 1].indices.contains(i - 1) { grid[l - 1][i - 1] += n }
        }
        for r in try await query.all() {
            let v = try columns.map { try r.decode(column: $0, as: Int.self) }
            let n = try r.decode(column: "n", as: Int.self)
            add(&inherent, v[0], v[1], n)
            add(&residual, v[2], v[3], n)
        }
        return (inherent, residual)
    }

    /// Names of the given assets (for the rows on one page of the register).
    public func assetNames(_ ids: [UUID], in scope: TenantScope) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        var out: [UUID: String] = [:]
        for row in try await sql.select().columns("id", "name").from("assets").where("organisation_id", .equal, SQLBind(scope.organisationID))
            .where("id", .in, SQLBind.group(Array(Set(ids)))).all() {
            out[try row.decode(column: "id", as: UUID.self)] = try row.decode(column: "name", as: String.self)
        }
        return out
    }

    /// Id and name of every asset, for choosers (cheaper than whole records).
    public func assetNames(in scope: TenantScope) async throws -> [(id: UUID, name: String)] {
        try await sql.select().columns("id", "name").from("assets").where("organisation_id", .equal, SQLBind(scope.organisationID)).orderBy("name").all()
            .map { (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "name", as: String.self)) }
    }

    /// Id and title of every measure, for choosers.
    public func measureTitles(in scope: TenantScope) async throws -> [(id: UUID, title: String)] {
        try await sql.select().columns("id", "title").from("measures").where("organisation_id", .equal, SQLBind(scope.organisationID))
            .orderBy("catalogue_ref").orderBy("id").all()
            .map { (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "title", as: String.self)) }
    }

    public func risk(_ id: UUID, in scope: TenantScope) async throws -> Risk {
        let record = try await row("risks", id, RiskRecord.self, in: scope)
        let matrices = try await matrices(in: scope)
        return Risk(record: record, inherentLevel: record.inherentLevel, residualLevel: record.residualLevel,
            maxLevel: matrices[record.matrixId]?.levels.flatMap { $0 }.max() ?? 25, measureIds: try await riskMeasureLinks([id], in: scope)[id] ?? [])
    }

    func riskMeasureLinks(_ risks: [UUID], in scope: TenantScope) async throws -> [UUID: [UUID]] {
        var out: [UUID: [UUID]] = [:]
        for chunk in stride(from: 0, to: risks.count, by: 500).map({ Array(risks[$0..<min($0 + 500, risks.count)]) }) {
            for r in try await sql.select().columns("risk_id", "measure_id").from("risk_measures")
                .where("organisation_id", .equal, SQLBind(scope.organisationID)).where("risk_id", .in, SQLBind.group(chunk)).all() {
                out[try r.decode(column: "risk_id", as: UUID.self), default: []].append(try r.decode(column: "measure_id", as: UUID.self))
            }
        }
        return out
    }

    /// Saves an assessment on the current matrix. A changed assessment needs acceptance again.
    @discardableResult
    public func saveRisk(_ input: RiskInput, id: UUID? = nil, in scope: TenantScope, now: Date) async throws -> UUID {
        var existing: RiskRecord?
        if let id { existing = try await risk(id, in: scope).record }
        if let assetId = input.assetId { _ = try await asset(assetId, in: scope) }
        let state = try await matrix(in: scope)
        let matrixID = existing?.matrixId ?? state.id ?? UUID()
        var matrix = state.matrix
        if let existing { matrix = try await matrices(in: scope)[existing.matrixId] ?? state.matrix }
        for (field, value, limit) in [("inherent_likelihood", input.inherentLikelihood, matrix.likelihoods), ("inherent_impact", input.inherentImpact, matrix.impacts),
                                      ("residual_likelihood", input.residualLikelihood, matrix.likelihoods), ("residual_impact", input.residualImpact, matrix.impacts)] {
            guard (1...limit).contains(value) else { throw RepositoryError.invalid(field: field, message: "from 1 to \(limit)") }
        }
        let measureIDs = Set(try await rows("measures", MeasureRecord.self, in: scope).map(\.id))
        guard input.measureIds.allSatisfy(measureIDs.contains) else { throw RepositoryError.invalid(field: "measures", message: "unknown measure") }
        var record = RiskRecord(
            id: id ?? UUID(), organisationId: scope.organisationID, assetId: input.assetId, matrixId: matrixID,
            title: try Self.text(input.title, "title", max: 300, required: true), threat: try Self.text(input.threat, "threat"),
            vulnerability: try Self.text(input.vulnerability, "vulnerability"), consequence: try Self.text(input.consequence, "consequence"),
            inherentLikelihood: input.inherentLikelihood, inherentImpact: input.inherentImpact, residualLikelihood: input.residualLikelihood,
            residualImpact: input.residualImpact,
            inherentLevel: try matrix.level(likelihood: input.inherentLikelihood, impact: input.inherentImpact),
            residualLevel: try matrix.level(likelihood: input.residualLikelihood, impact: input.residualImpact),
            treatment: try Self.oneOf(input.treatment, RiskRecord.treatments, "treatment"),
            owner: try Self.text(input.owner, "owner", max: 200), dueOn: try Self.day(input.dueOn, "due_on"),
            acceptedBy: existing?.acceptedBy, acceptedAt: existing?.acceptedAt, createdAt: existing?.createdAt ?? now, updatedAt: now)
        if let existing, (existing.residualLikelihood, existing.residualImpact, existing.treatment) != (record.residualLikelihood, record.residualImpact, record.treatment) {
            record.acceptedBy = nil
            record.acceptedAt = nil
        }
        try await db.transaction { [record, matrix, existing] tx in
            let repo = ResilienceRepository(db: tx)
            if state.id == nil && existing == nil {
                let json = String(decoding: try JSONEncoder().encode(matrix.levels), as: UTF8.self)
                try await repo.sql.insert(into: "risk_matrices").columns("id", "organisation_id", "levels", "created_at")
                    .values(SQLBind(matrixID), SQLBind(scope.organisationID), SQLBind(json), SQLBind(now)).run()
            }
            try await repo.insertOrUpdate("risks", record, isNew: existing == nil, in: scope)
            try await repo.sql.delete(from: "risk_measures").where("risk_id", .equal, SQLBind(record.id))
                .where("organisation_id", .equal, SQLBind(scope.organisationID)).run()
            for m in Set(input.measureIds).sorted(by: { $0.uuidString < $1.uuidString }) {
                try await repo.sql.insert(into: "risk_measures").columns("id", "organisation_id", "risk_id", "measure_id")
                    .values(SQLBind(UUID()), SQLBind(scope.organisationID), SQLBind(record.id), SQLBind(m)).run()
            }
        }
        return record.id
    }

    /// Acceptance of the residual risk by a member of the management body (rule 8).
    public func acceptRisk(_ id: UUID, in scope: TenantScope, now: Date) async throws {
        _ = try await risk(id, in: scope)
        try Self.requireManagement(scope)
        try await sql.update("risks").set("accepted_by", to: SQLBind(scope.userID)).set("accepted_at", to: SQLBind(now))
            .where("id", .equal, SQLBind(id)).where("organisation_id", .equal, SQLBind(scope.organisationID)).run()
    }
}

// MARK: - Measures and evidence

extension ResilienceRepository {
    public struct MeasureInput: Sendable {
        public var catalogueRef: String
        public var title: String
        public var description: String = ""
        public var status: String = "planned"
        public var owner: String = ""
        public var evidenceLink: String = ""
        public var reviewDue: String = ""

        public init(catalogueRef: String, title: String) {
            self.catalogueRef = catalogueRef
            self.title = title
        }
    }

    public func measures(in scope: TenantScope) async throws -> [MeasureRecord] {
        try await rows("measures", MeasureRecord.self, in: scope, order: "catalogue_ref")
    }

    public func measure(_ id: UUID, in scope: TenantScope) async throws -> MeasureRecord {
        try await row("measures", id, MeasureRecord.self, in: scope)
    }

    /// Saves a measure; a change to what was approved (status, title, description) needs approval again.
    @discardableResult
    public func saveMeasure(_ input: MeasureInput, id: UUID? = nil, in scope: TenantScope, now: Date) async throws -> UUID {
        var existing: MeasureRecord?
        if let id { existing = try await measure(id, in: scope) }
        guard MeasureCatalogue.bundled.item(ref: input.catalogueRef) != nil else {
            throw RepositoryError.invalid(field: "catalogue_ref", message: "not in the catalogue")
        }
        let link = try Self.text(input.evidenceLink, "evidence_link", max: 1000)
        guard link.isEmpty || link.hasPrefix("https://") || link.hasPrefix("http://") else {
            throw RepositoryError.invalid(field: "evidence_link", message: "a web address starting with https://")
        }
        var record = MeasureRecord(
            id: id ?? UUID(), organisationId: scope.organisationID, catalogueRef: input.catalogueRef,
            title: try Self.text(input.title, "title", max: 300, required: true), description: try Self.text(input.description, "description", max: 5000),
            status: try Self.oneOf(input.status, MeasureRecord.statuses, "status"), owner: try Self.text(input.owner, "owner", max: 200),
            evidenceLink: link, reviewDue: try Self.day(input.reviewDue, "review_due"),
            approvedBy: existing?.approvedBy, approvedAt: existing?.approvedAt, createdAt: existing?.createdAt ?? now, updatedAt: now)
        if let existing, (existing.status, existing.title, existing.description) != (record.status, record.title, record.description) {
            record.approvedBy = nil
            record.approvedAt = nil
        }
        try await insertOrUpdate("measures", record, isNew: existing == nil, in: scope)
        return record.id
    }

    /// Approval by a member of the management body (rule 8).
    public func approveMeasure(_ id: UUID, in scope: TenantScope, now: Date) async throws {
        _ = try await measure(id, in: scope)
        try Self.requireManagement(scope)
        try await sql.update("measures").set("approved_by", to: SQLBind(scope.userID)).set("approved_at", to: SQLBind(now))
            .where("id", .equal, SQLBind(id)).where("organisation_id", .equal, SQLBind(scope.organisationID)).run()
    }

    public static let maxEvidenceBytes = 20 * 1024 * 1024

    @discardableResult
    public func addEvidence(_ measureID: UUID, filename: String, contentType: String, bytes: Data, by userID: UUID, in scope: TenantScope, now: Date)
        async throws -> UUID {
        _ = try await measure(measureID, in: scope)
        let name = filename.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
        guard !name.isEmpty, name.count <= 200 else { throw RepositoryError.invalid(field: "file", message: "a file name of 1–200 characters") }
        guard !bytes.isEmpty else { throw RepositoryError.invalid(field: "file", message: "empty file") }
        guard bytes.count <= Self.maxEvidenceBytes else { throw RepositoryError.invalid(field: "file", message: "larger than 20 MB") }
        let id = UUID()
        try await sql.insert(into: "measure_evidence")
            .columns("id", "organisation_id", "measure_id", "filename", "content_type", "size", "bytes", "uploaded_at", "uploaded_by")
            .values(SQLBind(id), SQLBind(scope.organisationID), SQLBind(measureID), SQLBind(name), SQLBind(String(contentType.prefix(100))),
                SQLBind(Int64(bytes.count)), SQLBind(bytes), SQLBind(now), SQLBind(userID)).run()
        return id
    }

    public func evidence(in scope: TenantScope) async throws -> [EvidenceInfo] {
        try await sql.select().columns("id", "measure_id", "filename", "content_type", "size", "uploaded_at").from("measure_evidence")
            .where("organisation_id", .equal, SQLBind(scope.organisationID)).orderBy("uploaded_at").all(decoding: EvidenceInfo.self, with: Self.decoder)
    }

    public func evidenceFile(_ id: UUID, in scope: TenantScope) async throws -> (EvidenceInfo, Data) {
        guard let row = try await sql.select().columns("id", "measure_id", "filename", "content_type", "size", "uploaded_at", "bytes").from("measure_evidence")
            .where("id", .equal, SQLBind(id)).where("organisation_id", .equal, SQLBind(scope.organisationID)).first()
        else { throw RepositoryError.notFound }
        return (try row.decode(model: EvidenceInfo.self, with: Self.decoder), try row.decode(column: "bytes", as: Data.self))
    }
}

// MARK: - Continuity plans, call trees, exercises

extension ResilienceRepository {
    public struct PlanInput: Sendable {
        public var assetId: UUID?
        public var title: String
        public var activation: String = ""
        public var roles: String = ""
        public var steps: String = ""
        public var standDown: String = ""
        public var fallbackChannel: String = ""
        public var revisedOn: String = ""

        public init(assetId: UUID?, title: String) {
            self.assetId = assetId
            self.title = title
        }
    }

    public func plans(in scope: TenantScope) async throws -> [PlanRecord] {
        try await rows("continuity_plans", PlanRecord.self, in: scope, order: "title")
    }

    public func plan(_ id: UUID, in scope: TenantScope) async throws -> PlanRecord {
        try await row("continuity_plans", id, PlanRecord.self, in: scope)
    }

    @discardableResult
    public func savePlan(_ input: PlanInput, id: UUID? = nil, in scope: TenantScope, now: Date) async throws -> UUID {
        var existing: PlanRecord?
        if let id { existing = try await plan(id, in: scope) }
        if let assetId = input.assetId { _ = try await asset(assetId, in: scope) }
        let record = PlanRecord(
            id: id ?? UUID(), organisationId: scope.organisationID, assetId: input.assetId, title: try Self.text(input.title, "title", max: 300, required: true),
            activation: try Self.text(input.activation, "activation", max: 5000), roles: try Self.text(input.roles, "roles", max: 5000),
            steps: try Self.text(input.steps, "steps", max: 20_000), standDown: try Self.text(input.standDown, "stand_down", max: 5000),
            fallbackChannel: try Self.text(input.fallbackChannel, "fallback_channel", max: 1000),
            revisedOn: try Self.day(input.revisedOn, "revised_on"), createdAt: existing?.createdAt ?? now, updatedAt: now)
        try await insertOrUpdate("continuity_plans", record, isNew: existing == nil, in: scope)
        return record.id
    }

    /// The call tree in calling order: each person, then the people they call.
    public func contacts(_ planID: UUID, in scope: TenantScope) async throws -> [ContactRecord] {
        _ = try await plan(planID, in: scope)
        return try await rows("plan_contacts", ContactRecord.self, in: scope, order: "position", where: ("plan_id", planID))
    }

    public struct ContactInput: Sendable {
        public var parentId: UUID?
        public var name: String
        public var role: String
        public var phone: String
        public var altPhone: String = ""

        public init(parentId: UUID?, name: String, role: String, phone: String, altPhone: String = "") {
            self.parentId = parentId
            self.name = name
            self.role = role
            self.phone = phone
            self.altPhone = altPhone
        }
    }

    @discardableResult
    public func addContact(_ planID: UUID, _ input: ContactInput, in scope: TenantScope) async throws -> UUID {
        let existing = try await contacts(planID, in: scope)
        if let parent = input.parentId, !existing.contains(where: { $0.id == parent }) {
            throw RepositoryError.invalid(field: "parent", message: "not in this call tree")
        }
        let phone = try Self.text(input.phone, "phone", max: 40, required: true)
        guard phone.allSatisfy({ $0.isNumber || " +-()".contains($0) }) else { throw RepositoryError.invalid(field: "phone", message: "digits, spaces, + - ( )") }
        let record = ContactRecord(
            id: UUID(), organisationId: scope.organisationID, planId: planID, parentId: input.parentId, position: (existing.map(\.position).max() ?? 0) + 1,
            name: try Self.text(input.name, "name", max: 200, required: true), role: try Self.text(input.role, "role", max: 200),
            phone: phone, altPhone: try Self.text(input.altPhone, "alt_phone", max: 100))
        try await sql.insert(into: "plan_contacts").model(record, with: Self.encoder).run()
        return record.id
    }

    /// Removes a person from the call tree; the people they called move up to their caller.
    public func removeContact(_ planID: UUID, contact: UUID, in scope: TenantScope) async throws {
        guard let removed = try await contacts(planID, in: scope).first(where: { $0.id == contact }) else { throw RepositoryError.notFound }
        try await db.transaction { tx in
            let repo = ResilienceRepository(db: tx)
            try await repo.sql.update("plan_contacts").set("parent_id", to: SQLBind(removed.parentId)).where("parent_id", .equal, SQLBind(contact))
                .where("organisation_id", .equal, SQLBind(scope.organisationID)).run()
            try await repo.sql.delete(from: "plan_contacts").where("id", .equal, SQLBind(contact))
                .where("organisation_id", .equal, SQLBind(scope.organisationID)).run()
        }
    }

    public func exercises(in scope: TenantScope) async throws -> [ExerciseRecord] {
        try await rows("exercises", ExerciseRecord.self, in: scope, order: "held_on")
    }

    public struct ExerciseInput: Sendable {
        public var heldOn: String
        public var method: String
        public var successCriteria: String = ""
        public var result: String = ""
        public var achievedRtoHours: Double?
        public var achievedRpoHours: Double?
        public var followUps: String = ""

        public init(heldOn: String, method: String) {
            self.heldOn = heldOn
            self.method = method
        }
    }

    /// Records an exercise of a plan; the targets are the RTO/RPO of the plan's asset at that time.
    @discardableResult
    public func addExercise(_ planID: UUID, _ input: ExerciseInput, in scope: TenantScope, now: Date) async throws -> UUID {
        let plan = try await plan(planID, in: scope)
        var asset: AssetRecord?
        if let assetID = plan.assetId { asset = try await self.asset(assetID, in: scope) }
        guard let rto = asset?.rtoHours, let rpo = asset?.rpoHours else {
            throw RepositoryError.invalid(field: "plan", message: "the plan's process or system needs an RTO and RPO before it can be exercised")
        }
        let held = try Self.day(input.heldOn, "held_on", required: true)
        guard CalendarDay.date(held)! <= now.addingTimeInterval(12 * 3600) else { throw RepositoryError.invalid(field: "held_on", message: "in the future") }
        let record = ExerciseRecord(
            id: UUID(), organisationId: scope.organisationID, planId: planID, heldOn: held, method: try Self.oneOf(input.method, ExerciseRecord.methods, "method"),
            successCriteria: try Self.text(input.successCriteria, "success_criteria", max: 5000), result: try Self.text(input.result, "result", max: 5000),
            targetRtoHours: rto, targetRpoHours: rpo, achievedRtoHours: try Self.hours(input.achievedRtoHours, "achieved_rto_hours"),
            achievedRpoHours: try Self.hours(input.achievedRpoHours, "achieved_rpo_hours"),
            followUps: try Self.text(input.followUps, "follow_ups", max: 5000), createdAt: now)
        try await sql.insert(into: "exercises").model(record, with: Self.encoder).run()
        return record.id
    }
}

// MARK: - Registration data, review dates and tasks

extension ResilienceRepository {
    public struct RegistrationInput: Sendable, Equatable {
        public var name: String
        public var address: String
        public var email: String
        public var phone: String
        public var ipRanges: String
        public var sector: String

        public init(name: String, address: String, email: String, phone: String, ipRanges: String, sector: String) {
            self.name = name
            self.address = address
            self.email = email
            self.phone = phone
            self.ipRanges = ipRanges
            self.sector = sector
        }
    }

    public func registration(in scope: TenantScope) async throws -> RegistrationRecord? {
        try await rows("nis2_registration", RegistrationRecord.self, in: scope, order: "updated_at").first
    }

    /// Saves the § 10 registration data. A change to data already registered creates a task to update
    /// the registration with the authority within 14 days.
    public func saveRegistration(_ input: RegistrationInput, in scope: TenantScope, now: Date) async throws {
        let email = try Self.text(input.email, "email", max: 200, required: true)
        guard email.contains("@"), !email.contains(" ") else { throw RepositoryError.invalid(field: "email", message: "an e-mail address") }
        let ranges = try Self.text(input.ipRanges, "ip_ranges", max: 5000)
        for (n, line) in ranges.split(whereSeparator: \.isNewline).enumerated() {
            let cidr = line.trimmingCharacters(in: .whitespaces)
            guard cidr.isEmpty || Self.isCIDR(cidr) else {
                throw RepositoryError.invalid(field: "ip_ranges", message: "line \(n + 1): \"\(cidr.prefix(60))\" is not an address range like 192.0.2.0/24")
            }
        }
        let clean = RegistrationInput(name: try Self.text(input.name, "name", max: 200, required: true), address: try Self.text(input.address, "address", max: 500, required: true),
            email: email, phone: try Self.text(input.phone, "phone", max: 40, required: true), ipRanges: ranges, sector: try Self.text(input.sector, "sector", max: 200, required: true))
        let existing = try await registration(in: scope)
        let before = existing.map { RegistrationInput(name: $0.name, address: $0.address, email: $0.email, phone: $0.phone, ipRanges: $0.ipRanges, sector: $0.sector) }
        guard before != clean else { return }
        let record = RegistrationRecord(
            id: existing?.id ?? UUID(), organisationId: scope.organisationID, name: clean.name, address: clean.address, email: clean.email, phone: clean.phone,
            ipRanges: clean.ipRanges, sector: clean.sector, policyReviewedOn: existing?.policyReviewedOn ?? "",
            riskAssessmentReviewedOn: existing?.riskAssessmentReviewedOn ?? "", updatedAt: now)
        try await db.transaction { tx in
            let repo = ResilienceRepository(db: tx)
            if existing == nil {
                try await repo.sql.insert(into: "nis2_registration").model(record, with: Self.encoder).run()
            } else {
                try await repo.sql.update("nis2_registration").set(model: record, with: Self.encoder)
                    .where("organisation_id", .equal, SQLBind(scope.organisationID)).run()
                try await repo.addTask(kind: "registration_update", title: "Opdatér NIS2-registreringen hos myndigheden (ændrede registreringsoplysninger)",
                    dueOn: CalendarDay.adding(days: 14, to: CalendarDay.string(now))!, in: scope, now: now)
            }
        }
    }

    static func isCIDR(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return false }
        let address = String(parts[0])
        let isV6 = address.contains(":")
        if isV6 {
            guard address.allSatisfy({ $0.isHexDigit || $0 == ":" }), address.count >= 2 else { return false }
        } else {
            let octets = address.split(separator: ".", omittingEmptySubsequences: false)
            guard octets.count == 4, octets.allSatisfy({ Int($0).map { (0...255).contains($0) } ?? false && $0.count <= 3 }) else { return false }
        }
        if parts.count == 2 {
            guard let bits = Int(parts[1]), (0...(isV6 ? 128 : 32)).contains(bits) else { return false }
        }
        return true
    }

    public enum ReviewedItem: String, Sendable { case policy, riskAssessment = "risk_assessment" }

    /// Records that the security policy or the risk assessment was reviewed on `day` (rule 9).
    public func markReviewed(_ item: ReviewedItem, on day: String, in scope: TenantScope, now: Date) async throws {
        let day = try Self.day(day, "reviewed_on", required: true)
        guard CalendarDay.date(day)! <= now.addingTimeInterval(12 * 3600) else { throw RepositoryError.invalid(field: "reviewed_on", message: "in the future") }
        guard try await registration(in: scope) != nil else {
            throw RepositoryError.invalid(field: "registration", message: "enter the registration data first")
        }
        try await sql.update("nis2_registration").set(SQLIdentifier(item == .policy ? "policy_reviewed_on" : "risk_assessment_reviewed_on"), to: SQLBind(day))
            .where("organisation_id", .equal, SQLBind(scope.organisationID)).run()
    }

    func addTask(kind: String, title: String, dueOn: String, in scope: TenantScope, now: Date) async throws {
        try await sql.insert(into: "nis2_tasks").model(
            TaskRecord(id: UUID(), organisationId: scope.organisationID, kind: kind, title: title, dueOn: dueOn, doneAt: nil, createdAt: now),
            with: Self.encoder).run()
    }

    public func tasks(in scope: TenantScope) async throws -> [TaskRecord] {
        try await rows("nis2_tasks", TaskRecord.self, in: scope, order: "due_on")
    }

    public func completeTask(_ id: UUID, in scope: TenantScope, now: Date) async throws {
        let task = try await row("nis2_tasks", id, TaskRecord.self, in: scope)
        guard task.doneAt == nil else { return }
        try await sql.update("nis2_tasks").set("done_at", to: SQLBind(now)).where("id", .equal, SQLBind(id))
            .where("organisation_id", .equal, SQLBind(scope.organisationID)).run()
    }
}
