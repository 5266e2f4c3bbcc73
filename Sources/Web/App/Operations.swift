import Licensing
import Fluent
import Community
import FluentKit
import Bindings
import Foundation
import Persistence
import Vapor

/// What the CLI commands do, as functions the tests call directly.
public enum Operations {
    public enum Failure: Error, CustomStringConvertible, Equatable {
        case unknownMunicipality(String)
        case unknownRole(String)
        case unknownUser(String)
        case passwordTooShort
        case invalid(String)

        public var description: String {
            switch self {
            case .unknownMunicipality(let c): "No municipality with kommunekode \(c) (four digits, e.g. 0751)."
            case .unknownRole(let r): "Unknown role \"\(r)\". Roles: \(Role.allCases.map(\.rawValue).joined(separator: ", "))."
            case .unknownUser(let e): "No account with e-mail \(e)."
            case .passwordTooShort: "The password must have at least \(Accounts.minimumPasswordLength) characters."
            case .invalid(let m): m
            }
        }
    }

    public struct DemoLogin: Sendable {
        public var email: String
        public var password: String
        public var freshlyLoaded: Bool
    }

    /// Loads the demo municipality into an installation that lacks it; when it is already there,
    /// gives the demo administrator a new password. Either way returns credentials to print.
    public static func loadDemo(_ app: Application) async throws -> DemoLogin {
        let password = Accounts.generatePassword(app.services)
        let hash = try await Accounts.hash(password, on: app)
        if try await DemoData.isLoaded(on: app.db) {
            try await UserRepository(db: app.db).setPasswordHash(hash, for: DemoData.adminID)
            return DemoLogin(email: DemoData.adminEmail, password: password, freshlyLoaded: false)
        }
        _ = try await DemoData.load(on: app.db, adminPasswordHash: hash, now: app.services.now())
        try await loadDemoLicenceSnapshot(app)
        try await app.db.transaction { try await DemoRegister.load(on: $0, now: app.services.now()) }
        try await app.db.transaction { try await DemoLandscape.load(on: $0, now: app.services.now()) }
        return DemoLogin(email: DemoData.adminEmail, password: password, freshlyLoaded: true)
    }

    /// Generated NIS2 registers in the first `municipalities` real municipalities (benchmarks).
    public static func loadNis2BenchData(_ app: Application, municipalities: Int, size: Nis2BenchData.Size) async throws -> Int {
        let organisations = Array(try await OrganisationRepository(db: app.db).all(kind: .municipality).filter { !$0.isDemo }.prefix(municipalities))
        try await Nis2BenchData.generate(on: app.db, organisations: organisations, size: size, now: app.services.now())
        return organisations.count
    }

    /// Generated bindings registers in the first `municipalities` real municipalities (benchmarks).
    public static func loadBindingsBenchData(_ app: Application, municipalities: Int, size: BindingsBenchData.Size) async throws -> Int {
        let organisations = Array(try await OrganisationRepository(db: app.db).all(kind: .municipality).filter { !$0.isDemo }.prefix(municipalities))
        try await BindingsBenchData.generate(on: app.db, organisations: organisations, size: size, now: app.services.now())
        return organisations.count
    }

    /// Times the analyses on one municipality's stored register, in process (bench/bindings.sh):
    /// reading the register, the blast radius of every component, a full lock-in recompute with its
    /// snapshot, and drawing the whole graph. Milliseconds.
    public struct BindingsTimings: Sendable {
        public var load: Double
        public var blastRadiusMedian: Double
        public var blastRadiusMax: Double
        public var components: Int
        public var lockInRecompute: Double
        public var scores: Int
        public var graph: Double
        public var bindings: Int
    }

    public static func timeBindings(_ app: Application, municipalityCode code: String) async throws -> BindingsTimings {
        let scope = try await systemScope(app, municipalityCode: code)
        let repo = BindingsRepository(db: app.db)
        func ms(_ start: ContinuousClock.Instant) -> Double {
            let d = ContinuousClock.now - start
            return Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
        }
        var start = ContinuousClock.now
        let s = try await repo.snapshot(in: scope)
        let load = ms(start)
        var radius: [Double] = []
        for c in s.landscape.components {
            start = ContinuousClock.now
            _ = s.graph.blastRadius(of: .component(c.id))
            radius.append(ms(start))
        }
        radius.sort()
        start = ContinuousClock.now
        let scores = try await repo.recomputeLockIn(in: scope, now: app.services.now())
        let lockIn = ms(start)
        start = ContinuousClock.now
        _ = BindingsGraphSVG.render(s.graph, bindings: BindingsGraphSVG.shown(s.graph, .init()), filter: .init(), lang: .da, titleText: "graf")
        let graph = ms(start)
        return BindingsTimings(load: load, blastRadiusMedian: radius.isEmpty ? 0 : radius[radius.count / 2], blastRadiusMax: radius.last ?? 0,
            components: radius.count, lockInRecompute: lockIn, scores: scores, graph: graph, bindings: s.landscape.bindings.count)
    }

    /// The demo municipality's licence snapshot: 2,000 generated users (deterministic), profiled
    /// with the bundled list prices and a policy naming its frontline and school departments.
    static func loadDemoLicenceSnapshot(_ app: Application) async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hf-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let names = try DemoReports.write(users: 2000, to: dir)
        var reader = ReportReader(catalogue: .bundled)
        try reader.read(names.filter { $0 != "people.csv" }.map { ReportReader.Source.file(dir.appendingPathComponent($0).path, name: $0) })
        let people = try PeopleFile.parse(Array(try Data(contentsOf: dir.appendingPathComponent("people.csv"))), file: "people.csv")
        let scope = TenantScope(organisationID: DemoData.municipalityID, organisationKind: .municipality, userID: DemoData.adminID, roles: [.licenceAdministrator])
        let repo = LicenceRepository(db: app.db)
        var policy = Policy()
        policy.frontlineDepartments = ["hjemmeplejen", "dagplejen", "vej og park"]
        policy.educationDepartments = ["skoleområdet"]
        try await repo.savePolicy(json: policy.json(), in: scope, now: app.services.now())
        let settings = try await repo.settings(in: scope)
        let profile = try Profiler(catalogue: settings.catalogue, policy: settings.policy, people: people).profile(reader.table)
        _ = try await repo.createSnapshot(table: reader.table, people: people, profile: profile, fileNames: names.filter { $0 != "people.csv" },
            settings: settings, by: DemoData.adminID, in: scope, now: app.services.now())
    }

    /// Creates an account, optionally with a role in a municipality (by kommunekode) or in the
    /// CERT (code "CERT"). Returns the password (generated when none is given).
    public static func addUser(
        _ app: Application, email: String, name: String, organisationCode: String?, role: String?, systemAdmin: Bool,
        password: String?
    ) async throws -> (UserAccount, password: String) {
        let password = password ?? Accounts.generatePassword(app.services)
        guard password.count >= Accounts.minimumPasswordLength else { throw Failure.passwordTooShort }
        var membership: (Organisation, Role)?
        if let code = organisationCode {
            guard let roleName = role else { throw Failure.invalid("--org needs --role.") }
            guard let role = Role(rawValue: roleName) else { throw Failure.unknownRole(roleName) }
            let orgs = OrganisationRepository(db: app.db)
            let org = code.uppercased() == "CERT" ? try await orgs.find(id: Organisation.certID) : try await orgs.find(municipalityCode: code)
            guard let org else { throw Failure.unknownMunicipality(code) }
            membership = (org, role)
        }
        let hash = try await Accounts.hash(password, on: app)
        let now = app.services.now()
        let target = membership
        let account = try await app.db.transaction { db in
            let account = try await UserRepository(db: db).create(email: email, displayName: name, passwordHash: hash, isSystemAdmin: systemAdmin)
            if let (org, role) = target {
                let scope = TenantScope(organisationID: org.id, organisationKind: org.kind, userID: account.id, roles: [], isSystemAdministrator: true)
                try await MembershipRepository(db: db).add(userID: account.id, role: role, in: scope)
            }
            try await AuditLog(db: db).record(.userCreated, organisationID: target?.0.id, actorID: nil, targetType: "user",
                targetID: account.id.uuidString, detail: "cli" + (target.map { " role=\($0.1.rawValue)" } ?? ""), at: now)
            return account
        }
        return (account, password)
    }

    public static func setPassword(_ app: Application, email: String, password: String?) async throws -> String {
        let password = password ?? Accounts.generatePassword(app.services)
        guard password.count >= Accounts.minimumPasswordLength else { throw Failure.passwordTooShort }
        let users = UserRepository(db: app.db)
        guard let (account, _) = try await users.credentials(email: email) else { throw Failure.unknownUser(email) }
        try await users.setPasswordHash(try await Accounts.hash(password, on: app), for: account.id)
        try await AuditLog(db: app.db).record(.passwordChanged, organisationID: nil, actorID: nil, targetType: "user",
            targetID: account.id.uuidString, detail: "cli", at: app.services.now())
        return password
    }

    public static func setDisabled(_ app: Application, email: String, disabled: Bool) async throws {
        let users = UserRepository(db: app.db)
        guard let (account, _) = try await users.credentials(email: email) else { throw Failure.unknownUser(email) }
        try await users.setDisabled(disabled, id: account.id)
        try await AuditLog(db: app.db).record(disabled ? .userDisabled : .userEnabled, organisationID: nil, actorID: nil,
            targetType: "user", targetID: account.id.uuidString, detail: "cli", at: app.services.now())
    }

    public static func exportArchive(_ app: Application, municipalityCode: String) async throws -> (Data, ArchiveFormat.Manifest) {
        let result = try await ArchiveExporter(db: app.db).export(municipalityCode: municipalityCode, now: app.services.now())
        try await AuditLog(db: app.db).record(.dataExported, organisationID: Organisation.municipalityID(code: municipalityCode),
            actorID: nil, targetType: "organisation", detail: "cli", at: app.services.now())
        return result
    }

    /// Upload folders a killed server left behind (run by `serve` at start, not by every command).
    public static func removeStaleUploads() { LicenceUpload.removeStaleUploads() }

    public static func importArchive(_ app: Application, data: Data) async throws -> ArchiveImporter.Summary {
        try await ArchiveImporter(db: app.db).importArchive(data)
    }
}
