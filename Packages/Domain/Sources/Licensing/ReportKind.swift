import Tabular

/// The nine Microsoft 365 usage reports, recognised by a signature column in the header row.
public enum ReportKind: String, CaseIterable, Sendable, Codable {
    case activeUsers = "active_users"
    case apps = "apps_usage"
    case mailbox = "mailbox_usage"
    case oneDriveUsage = "onedrive_usage"
    case sharePointActivity = "sharepoint_activity"
    case oneDriveActivity = "onedrive_activity"
    case teamsActivity = "teams_activity"
    case emailActivity = "email_activity"
    case activations = "office_activations"

    /// Recognises a header row (names compared case-insensitively, trimmed); nil when no signature matches.
    public static func recognise(header: [String]) -> ReportKind? {
        let names = Set(header.map { $0.trimmingSpaces.lowercased() })
        func has(_ n: String) -> Bool { names.contains(n.lowercased()) }
        if has("Exchange License Assign Date") { return .activeUsers }
        if has("Outlook (Windows)") { return .apps }
        if has("Prohibit Send/Receive Quota (Byte)") { return .mailbox }
        if has("Owner Principal Name") { return .oneDriveUsage }
        if has("Visited Page Count") { return .sharePointActivity }
        if has("Synced File Count") { return .oneDriveActivity }
        if has("Team Chat Message Count") { return .teamsActivity }
        if has("Send Count") { return .emailActivity }
        if has("Activated On Shared Computer") { return .activations }
        return nil
    }

    /// The column that identifies the user.
    public var keyColumn: String { self == .oneDriveUsage ? "Owner Principal Name" : "User Principal Name" }

    /// Columns without which the file cannot be read.
    public var requiredColumns: [String] {
        var columns = ["Report Refresh Date", keyColumn]
        switch self {
        case .activeUsers: columns.append("Assigned Products")
        case .apps: columns += ["Windows", "Mac"]
        case .mailbox, .oneDriveUsage: columns.append("Storage Used (Byte)")
        case .activations: columns.append("Activated On Shared Computer")
        case .sharePointActivity, .oneDriveActivity, .teamsActivity, .emailActivity: columns.append("Last Activity Date")
        }
        return columns
    }

    /// The Danish name used in messages and on screen.
    public var danishName: String {
        switch self {
        case .activeUsers: "Aktive brugere"
        case .apps: "Microsoft 365 Apps-forbrug"
        case .mailbox: "Postkasseforbrug"
        case .oneDriveUsage: "OneDrive-forbrug"
        case .sharePointActivity: "SharePoint-aktivitet"
        case .oneDriveActivity: "OneDrive-aktivitet"
        case .teamsActivity: "Teams-brugeraktivitet"
        case .emailActivity: "Mailaktivitet"
        case .activations: "Office-aktiveringer"
        }
    }
}
