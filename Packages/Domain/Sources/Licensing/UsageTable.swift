/// Everything the reports say about one Active-users user, merged across reports.
public struct UserUsage: Sendable {
    /// The UPN as written in the Active users report.
    public var upn: String
    /// The lower-cased UPN, the join key (shares its storage with the index's key).
    public var key: String
    public var isDeleted = false
    /// Catalogue products named in `Assigned Products`, as a bit mask over catalogue indices.
    public var current: UInt64 = 0
    /// Product names that are not in the catalogue (cost nothing here).
    public var unpricedExtras: [String] = []
    public var lastActivity = Day.none
    public var licensedSince = Day.none
    public var exchangeDate = Day.none
    public var teamsDate = Day.none
    public var appsDesktop = false
    public var appsWeb = false
    public var appsMobile = false
    public var appsTeams = false
    public var sharedActivations: Int64 = 0
    public var mailboxBytes: Int64 = 0
    public var hasArchive = false
    public var onedriveBytes: Int64 = 0

    public init(upn: String, key: String? = nil) {
        self.upn = upn
        self.key = key ?? upn.lowercased()
    }
}

/// The merged usage of every user in the Active users report, in the report's order.
public struct UsageTable: Sendable {
    public var users: [UserUsage] = []
    /// Lower-cased UPN → index in `users`.
    var index: [String: Int32] = [:]
    /// The latest `Report Refresh Date` of every row of every recognised file.
    public var asOf = Day.none
    /// Which reports were given.
    public var given: Set<ReportKind> = []
    /// Whether every Apps file had a `Web` / `Mobile` column, and every Mailbox file `Has Archive`.
    public var appsHasWeb = true
    public var appsHasMobile = true
    public var mailboxHasArchive = true
    /// Rows skipped because the UPN was empty or `(Unknown)`, per report.
    public var unknownRows: [ReportKind: Int] = [:]
    /// Files skipped because no signature matched.
    public var unrecognisedFiles: [String] = []

    public init() {}

    public func user(upn: String) -> UserUsage? {
        index[upn.lowercased()].map { users[Int($0)] }
    }
}
