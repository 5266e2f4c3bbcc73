import FluentKit

/// The one ordered list of migrations, used by the app, the CLI and the tests. Append only.
public enum AppMigrations {
    public static let all: [any Migration] = [
        CreateOrganisations(),
        CreateUsers(),
        CreateMemberships(),
        CreateGrants(),
        CreateApiTokens(),
        CreateAuditEvents(),
        CreateLoginAttempts(),
        CreateIndexes(),
        SeedReferenceOrganisations(),
        CreateSessions(),
        CreateLicenceTables(),
        CreateLicenceIndexes(),
        CreateIncidents(),
        UpdateIncidentsAddReportFields(),
        CreateManagementTraining(),
        CreateResilienceRegister(),
        UpdateIncidentsAddLessons(),
        CreateBindingsRegister(),
        UpdateBindingsAddExitPlans(),
        UpdateProductsAddFacts(),
    ]
}
