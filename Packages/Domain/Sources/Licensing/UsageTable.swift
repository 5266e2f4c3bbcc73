/// Everything the reports say about one Active-users user, merged across reports.
public struct UserUsage: Sendable {
    /// The UPN as written in the Active users report.
    public var upn: String
    /// The lower-cased UPN, the join key (shares its storage with the index's key).
    public var key: String
    public var isDeleted = false
    /// `Assigned Products` as written (kept so a stored snapshot can be re-profiled with another catalogue).
    public var assignedProducts = ""
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

    /// What a stored snapshot keeps about the table besides its users.
    public struct Facts: Codable, Equatable, Sendable {
        public var asOf: Int32
        public var given: [String]
        public var appsHasWeb: Bool
        public var appsHasMobile: Bool
        public var mailboxHasArchive: Bool
        public var unknownRows: [String: Int]
        public var unrecognisedFiles: [String]
    }

    public var facts: Facts {
        Facts(
            asOf: asOf, given: given.map(\.rawValue).sorted(), appsHasWeb: appsHasWeb, appsHasMobile: appsHasMobile,
            mailboxHasArchive: mailboxHasArchive, unknownRows: Dictionary(uniqueKeysWithValues: unknownRows.map { ($0.key.rawValue, $0.value) }),
            unrecognisedFiles: unrecognisedFiles)
    }

    /// Rebuilds a table from stored facts and users; products are mapped anew with `catalogue`.
    public init(facts: Facts, users: [UserUsage], catalogue: Catalogue) {
        asOf = facts.asOf
        given = Set(facts.given.compactMap(ReportKind.init(rawValue:)))
        appsHasWeb = facts.appsHasWeb
        appsHasMobile = facts.appsHasMobile
        mailboxHasArchive = facts.mailboxHasArchive
        unknownRows = Dictionary(uniqueKeysWithValues: facts.unknownRows.compactMap { k, v in ReportKind(rawValue: k).map { ($0, v) } })
        unrecognisedFiles = facts.unrecognisedFiles
        let reader = ReportReader(catalogue: catalogue)
        var cache: [String: (UInt64, [String])] = [:]
        self.users = users.map { u in
            var u = u
            if let c = cache[u.assignedProducts] {
                (u.current, u.unpricedExtras) = c
            } else {
                let c = reader.splitProducts(u.assignedProducts)
                cache[u.assignedProducts] = c
                (u.current, u.unpricedExtras) = c
            }
            return u
        }
        for (i, u) in self.users.enumerated() where index[u.key] == nil { index[u.key] = Int32(i) }
    }
}
