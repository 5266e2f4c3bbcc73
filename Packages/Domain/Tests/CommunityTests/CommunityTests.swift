import Foundation
import Testing

@testable import Community

@Suite struct MunicipalityTests {
    @Test func all98MunicipalitiesWithUniqueCodes() {
        #expect(Municipality.all.count == 98)
        #expect(Set(Municipality.all.map(\.code)).count == 98)
        #expect(Municipality.all.allSatisfy { Municipality.isValidCode($0.code) })
    }

    @Test func aarhusIsInRegionMidtjylland() {
        let aarhus = Municipality.all.first { $0.code == "0751" }
        #expect(aarhus?.name == "Aarhus")
        #expect(aarhus?.region == "Region Midtjylland")
    }

    @Test func codeValidation() {
        #expect(Municipality.isValidCode("0101"))
        #expect(!Municipality.isValidCode("101"))
        #expect(!Municipality.isValidCode("01a1"))
        #expect(!Municipality.isValidCode("０１０１"))
    }
}

@Suite struct AccessTests {
    let user = UUID()
    let org = Organisation(id: UUID(), kind: .municipality, code: "0751", name: "Aarhus")

    @Test func memberGetsTheirRolesOnly() throws {
        let m = [
            Membership(id: UUID(), userID: user, organisationID: org.id, role: .architect),
            Membership(id: UUID(), userID: user, organisationID: UUID(), role: .administrator),
        ]
        let scope = try TenantScope.resolve(userID: user, isSystemAdministrator: false, organisation: org, memberships: m)
        #expect(scope.roles == [.architect])
        #expect(scope.may(.manageBindings))
        #expect(!scope.may(.manageMembers))
    }

    @Test func nonMemberIsRefused() {
        #expect(throws: AccessError.notAMember) {
            try TenantScope.resolve(userID: user, isSystemAdministrator: false, organisation: org, memberships: [])
        }
    }

    @Test func systemAdministratorActsAsAdministratorAnywhere() throws {
        let scope = try TenantScope.resolve(userID: user, isSystemAdministrator: true, organisation: org, memberships: [])
        #expect(scope.may(.manageMembers))
        #expect(!scope.may(.viewPersonalUsage))
    }

    @Test func onlyLicenceAdministratorsSeePersonalUsage() {
        let allowed = Role.allCases.filter { $0.permissions.contains(.viewPersonalUsage) }
        #expect(allowed == [.licenceAdministrator])
    }

    @Test func auditorCannotChangeAnything() {
        let writes: Set<Permission> = [.manageMembers, .manageGrants, .manageDepartments, .manageLicences,
            .manageBindings, .manageSecurity, .approveOnBehalfOfManagement, .exportData]
        #expect(Role.auditor.permissions.isDisjoint(with: writes))
    }

    @Test func requireThrowsTheMissingPermission() {
        let scope = TenantScope(organisationID: org.id, organisationKind: .municipality, userID: user, roles: [.auditor])
        #expect(throws: AccessError.forbidden(.manageMembers)) { try scope.require(.manageMembers) }
    }

    @Test func grantsGoFromMunicipalityToCentreOrCERT() throws {
        let centre = Organisation(id: UUID(), kind: .centre, code: "DC-MIDT", name: "Driftscenter Midt")
        let dept = Organisation(id: UUID(), kind: .department, code: "IT", name: "IT", parentID: org.id)
        try Grant.validate(from: org, to: centre)
        #expect(throws: GrantError.granteeMustBeCentreOrCERT) { try Grant.validate(from: org, to: dept) }
        #expect(throws: GrantError.granterMustBeMunicipality) { try Grant.validate(from: centre, to: centre) }
    }

    @Test func departmentDataBelongsToItsMunicipality() {
        let dept = Organisation(id: UUID(), kind: .department, code: "IT", name: "IT", parentID: org.id)
        #expect(dept.tenantID == org.id)
        #expect(org.tenantID == org.id)
    }

    @Test func rolesAssignablePerKind() {
        #expect(Role.assignable(in: .centre).contains(.centreOperator))
        #expect(!Role.assignable(in: .municipality).contains(.certAnalyst))
    }
}
