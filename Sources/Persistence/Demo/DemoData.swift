import Community
import FluentKit
import Foundation

/// The fictitious demo municipality: realistic Danish departments, people and roles, generated
/// deterministically (fixed ids and names) and marked as demo data everywhere it shows.
public enum DemoData {
    public static let municipalityCode = "0999"
    public static let municipalityID = Organisation.municipalityID(code: municipalityCode)
    public static let centreID = UUID(uuidString: "00000000-0000-4000-8000-0000000dc999")!
    public static let adminEmail = "admin@demokommune.example"
    public static let adminID = UUID(uuidString: "00000000-0000-4000-9000-000000000001")!

    public static let departments = [
        "Hjemmeplejen", "Dagplejen", "Skoleområdet", "Vej og Park", "Borgerservice", "Jobcenter", "Økonomi", "IT",
    ]

    /// (first name, last name, department index, role)
    static let people: [(String, String, Int, Role)] = [
        ("Mette", "Kjær", 7, .licenceAdministrator),
        ("Lars", "Østergaard", 7, .architect),
        ("Hanne", "Bøgh", 7, .securityOfficer),
        ("Søren", "Damgaard", 6, .managementMember),
        ("Birgitte", "Holm", 6, .managementMember),
        ("Jens", "Mølgaard", 6, .auditor),
        ("Anne", "Lund", 0, .managementMember),
        ("Karina", "Friis", 0, .securityOfficer),
        ("Peter", "Thomsen", 3, .architect),
        ("Louise", "Andersen", 4, .licenceAdministrator),
        ("Rasmus", "Nørgaard", 5, .auditor),
        ("Camilla", "Skov", 2, .architect),
    ]

    public struct Result: Sendable {
        public var municipalityID: UUID
        public var adminEmail: String
        public var peopleCount: Int
        public var departmentCount: Int
    }

    public static func isLoaded(on db: any Database) async throws -> Bool {
        try await OrganisationModel.find(municipalityID, on: db) != nil
    }

    /// Loads the demo municipality in one transaction. The administrator gets `adminPasswordHash`;
    /// the other demo people cannot log in until someone sets them a password.
    public static func load(on db: any Database, adminPasswordHash: String, now: Date) async throws -> Result {
        try await db.transaction { db in
            let municipality = Organisation(
                id: municipalityID, kind: .municipality, code: municipalityCode, name: "Demokommune (fiktiv)",
                region: "Region Midtjylland", isDemo: true)
            try await OrganisationModel(domain: municipality).create(on: db)
            let centre = Organisation(
                id: centreID, kind: .centre, code: "DC-DEMO", name: "Driftscenter Demo (fiktivt)", region: "Region Midtjylland",
                isDemo: true)
            try await OrganisationModel(domain: centre).create(on: db)

            var departmentIDs: [UUID] = []
            for (i, name) in departments.enumerated() {
                let id = UUID(uuidString: String(format: "00000000-0000-4000-a000-%012d", i + 1))!
                departmentIDs.append(id)
                try await OrganisationModel(
                    domain: Organisation(id: id, kind: .department, code: slug(name), name: name, parentID: municipalityID, isDemo: true)
                ).create(on: db)
            }

            try await UserModel(
                id: adminID, email: adminEmail, displayName: "Demo Administrator", passwordHash: adminPasswordHash, isDemo: true
            ).create(on: db)
            var membershipIndex = 1
            func membershipID() -> UUID {
                defer { membershipIndex += 1 }
                return UUID(uuidString: String(format: "00000000-0000-4000-b000-%012d", membershipIndex))!
            }
            for role in [Role.administrator, .licenceAdministrator, .architect, .securityOfficer] {
                try await MembershipModel(id: membershipID(), userID: adminID, organisationID: municipalityID, role: role,
                    departmentID: departmentIDs[7]).create(on: db)
            }
            try await MembershipModel(id: membershipID(), userID: adminID, organisationID: centreID, role: .centreOperator).create(on: db)

            for (i, p) in people.enumerated() {
                let id = UUID(uuidString: String(format: "00000000-0000-4000-9000-%012d", i + 2))!
                let email = "\(ascii(p.0)).\(ascii(p.1))@demokommune.example".lowercased()
                try await UserModel(id: id, email: email, displayName: "\(p.0) \(p.1)", passwordHash: "", isDemo: true).create(on: db)
                try await MembershipModel(id: membershipID(), userID: id, organisationID: municipalityID, role: p.3,
                    departmentID: departmentIDs[p.2]).create(on: db)
            }

            for (i, scope) in [GrantScope.overview, .continuity].enumerated() {
                try await GrantModel(domain: Grant(
                    id: UUID(uuidString: String(format: "00000000-0000-4000-c000-%012d", i + 1))!,
                    fromOrganisationID: municipalityID, toOrganisationID: centreID, scope: scope,
                    note: "Driftsaftale 2026 (demo)")).create(on: db)
            }
            try await AuditLog(db: db).record(
                .demoLoaded, organisationID: municipalityID, actorID: nil, targetType: "organisation",
                targetID: municipalityID.uuidString, detail: "departments=\(departments.count) people=\(people.count + 1)", at: now)
            return Result(municipalityID: municipalityID, adminEmail: adminEmail, peopleCount: people.count + 1,
                departmentCount: departments.count)
        }
    }

    static func ascii(_ s: String) -> String {
        s.replacingOccurrences(of: "æ", with: "ae").replacingOccurrences(of: "ø", with: "oe").replacingOccurrences(of: "å", with: "aa")
            .replacingOccurrences(of: "Æ", with: "Ae").replacingOccurrences(of: "Ø", with: "Oe").replacingOccurrences(of: "Å", with: "Aa")
    }

    static func slug(_ name: String) -> String { OrganisationRepository.slug(name) }
}
