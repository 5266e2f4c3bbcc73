import Community
import FluentKit
import Foundation

public struct OrganisationRepository: Sendable {
    let db: any Database

    public init(db: any Database) { self.db = db }

    /// Reference data (names and codes of municipalities, centres and the CERT) is public.
    public func find(id: UUID) async throws -> Organisation? {
        try await OrganisationModel.find(id, on: db)?.toDomain()
    }

    public func find(municipalityCode code: String) async throws -> Organisation? {
        try await OrganisationModel.query(on: db)
            .filter(\.$kind == OrganisationKind.municipality.rawValue)
            .filter(\.$code == code)
            .first()?.toDomain()
    }

    public func all(kind: OrganisationKind) async throws -> [Organisation] {
        try await OrganisationModel.query(on: db)
            .filter(\.$kind == kind.rawValue)
            .sort(\.$code)
            .all().map { $0.toDomain() }
    }

    public func find(ids: [UUID]) async throws -> [Organisation] {
        guard !ids.isEmpty else { return [] }
        return try await OrganisationModel.query(on: db).filter(\.$id ~~ ids).sort(\.$name).all().map { $0.toDomain() }
    }

    /// Departments of the scope's municipality.
    public func departments(in scope: TenantScope) async throws -> [Organisation] {
        try await OrganisationModel.query(on: db)
            .filter(\.$parentID == scope.organisationID)
            .filter(\.$kind == OrganisationKind.department.rawValue)
            .sort(\.$name)
            .all().map { $0.toDomain() }
    }

    public func department(_ id: UUID, in scope: TenantScope) async throws -> Organisation {
        guard let d = try await OrganisationModel.query(on: db)
            .filter(\.$id == id)
            .filter(\.$parentID == scope.organisationID)
            .filter(\.$kind == OrganisationKind.department.rawValue)
            .first()
        else { throw RepositoryError.notFound }
        return d.toDomain()
    }

    public func createDepartment(name: String, in scope: TenantScope, id: UUID = UUID()) async throws -> Organisation {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 120 else {
            throw RepositoryError.invalid(field: "name", message: "empty or longer than 120 characters")
        }
        guard scope.organisationKind == .municipality else {
            throw RepositoryError.invalid(field: "organisation", message: "departments belong to a municipality")
        }
        let existing = try await departments(in: scope)
        if existing.contains(where: { $0.name.lowercased() == name.lowercased() }) { throw RepositoryError.duplicate(name) }
        let dept = Organisation(
            id: id, kind: .department, code: Self.slug(name), name: name, parentID: scope.organisationID)
        try await OrganisationModel(domain: dept).create(on: db)
        return dept
    }

    /// Creates a regional operations centre (installation-wide; system administrators only).
    public func createCentre(code: String, name: String, region: String?, isDemo: Bool = false, id: UUID = UUID()) async throws
        -> Organisation
    {
        let code = code.trimmingCharacters(in: .whitespaces).uppercased()
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !code.isEmpty, code.count <= 20 else { throw RepositoryError.invalid(field: "code", message: "1–20 characters") }
        guard !name.isEmpty else { throw RepositoryError.invalid(field: "name", message: "required") }
        if try await OrganisationModel.query(on: db).filter(\.$kind == "centre").filter(\.$code == code).first() != nil {
            throw RepositoryError.duplicate(code)
        }
        let centre = Organisation(id: id, kind: .centre, code: code, name: name, region: region, isDemo: isDemo)
        try await OrganisationModel(domain: centre).create(on: db)
        return centre
    }

    static func slug(_ name: String) -> String {
        let folded = name.lowercased()
            .replacingOccurrences(of: "æ", with: "ae").replacingOccurrences(of: "ø", with: "oe")
            .replacingOccurrences(of: "å", with: "aa")
        return String(folded.map { $0.isLetter || $0.isNumber ? $0 : "-" }.prefix(40))
    }
}
