import Foundation
import Testing

@testable import Licensing
@testable import Tabular

/// Exact header rows from the contract (Graph v1.0 column order).
enum Headers {
    static let activeUsers = "Report Refresh Date,User Principal Name,Display Name,Is Deleted,Deleted Date,Has Exchange License,Has OneDrive License,Has SharePoint License,Has Skype For Business License,Has Yammer License,Has Teams License,Exchange Last Activity Date,OneDrive Last Activity Date,SharePoint Last Activity Date,Skype For Business Last Activity Date,Yammer Last Activity Date,Teams Last Activity Date,Exchange License Assign Date,OneDrive License Assign Date,SharePoint License Assign Date,Skype For Business License Assign Date,Yammer License Assign Date,Teams License Assign Date,Assigned Products"
    static let apps = "Report Refresh Date,User Principal Name,Last Activation Date,Last Activity Date,Report Period,Windows,Mac,Mobile,Web,Outlook,Word,Excel,PowerPoint,OneNote,Teams,Outlook (Windows),Word (Windows),Excel (Windows),PowerPoint (Windows),OneNote (Windows),Teams (Windows),Outlook (Mac),Word (Mac),Excel (Mac),PowerPoint (Mac),OneNote (Mac),Teams (Mac),Outlook (Mobile),Word (Mobile),Excel (Mobile),PowerPoint (Mobile),OneNote (Mobile),Teams (Mobile),Outlook (Web),Word (Web),Excel (Web),PowerPoint (Web),OneNote (Web),Teams (Web)"
    static let mailbox = "Report Refresh Date,User Principal Name,Display Name,Is Deleted,Deleted Date,Created Date,Last Activity Date,Item Count,Storage Used (Byte),Issue Warning Quota (Byte),Prohibit Send Quota (Byte),Prohibit Send/Receive Quota (Byte),Deleted Item Count,Deleted Item Size (Byte),Deleted Item Quota (Byte),Has Archive,Report Period"
    static let oneDriveUsage = "Report Refresh Date,Site URL,Owner Display Name,Is Deleted,Last Activity Date,File Count,Active File Count,Storage Used (Byte),Storage Allocated (Byte),Owner Principal Name,Report Period"
    static let oneDriveActivity = "Report Refresh Date,User Principal Name,Is Deleted,Deleted Date,Last Activity Date,Viewed Or Edited File Count,Synced File Count,Shared Internally File Count,Shared Externally File Count,Assigned Products,Report Period"
    static let sharePoint = "Report Refresh Date,User Principal Name,Is Deleted,Deleted Date,Last Activity Date,Viewed Or Edited File Count,Synced File Count,Shared Internally File Count,Shared Externally File Count,Visited Page Count,Assigned Products,Report Period"
    static let teams = "Report Refresh Date,Tenant Display Name,Shared Channel Tenant Display Names,User Id,User Principal Name,Last Activity Date,Is Deleted,Deleted Date,Assigned Products,Team Chat Message Count,Private Chat Message Count,Call Count,Meeting Count,Post Messages,Reply Messages,Urgent Messages,Meetings Organized Count,Meetings Attended Count,Ad Hoc Meetings Organized Count,Ad Hoc Meetings Attended Count,Scheduled One-time Meetings Organized Count,Scheduled One-time Meetings Attended Count,Scheduled Recurring Meetings Organized Count,Scheduled Recurring Meetings Attended Count,Audio Duration,Video Duration,Screen Share Duration,Audio Duration In Seconds,Video Duration In Seconds,Screen Share Duration In Seconds,Has Other Action,Is Licensed,Report Period"
    static let email = "Report Refresh Date,User Principal Name,Display Name,Is Deleted,Deleted Date,Last Activity Date,Send Count,Receive Count,Read Count,Meeting Created Count,Meeting Interacted Count,Assigned Products,Report Period"
    static let activations = "Report Refresh Date,User Principal Name,Display Name,Product Type,Last Activated Date,Windows,Mac,Windows 10 Mobile,iOS,Android,Activated On Shared Computer"
}

/// Builds a report file from its header and rows given by column name.
func report(_ header: String, _ rows: [[String: String]], asOf: String = "2026-03-01") -> [UInt8] {
    let columns = header.split(separator: ",").map(String.init)
    var w = CSVWriter()
    w.write(columns)
    for row in rows {
        var r = row
        if r["Report Refresh Date"] == nil { r["Report Refresh Date"] = asOf }
        w.write(columns.map { r[$0] ?? "" })
    }
    return Array(w.output.utf8)
}

/// An Active users row: recent Exchange activity, given products.
func user(_ upn: String, _ products: String, lastActivity: String? = "2026-02-20", extra: [String: String] = [:]) -> [String: String] {
    var r = ["User Principal Name": upn, "Display Name": upn, "Is Deleted": "False", "Assigned Products": products,
        "Exchange License Assign Date": "2024-01-01"]
    if let lastActivity { r["Exchange Last Activity Date"] = lastActivity }
    return r.merging(extra) { $1 }
}

let bundledCatalogue: Catalogue = {
    let url = Bundle.module.url(forResource: "licence-catalogue", withExtension: "csv", subdirectory: "Fixtures")!
    return try! Catalogue.parse(Array(try! Data(contentsOf: url)), file: "licence-catalogue.csv")
}()

/// Reads the files and profiles them; returns the profile.
func profile(
    _ files: [(String, [UInt8])], catalogue: Catalogue = bundledCatalogue, policy: Policy = Policy(), people: PeopleFile = PeopleFile()
) throws -> Profile {
    var reader = ReportReader(catalogue: catalogue)
    try reader.read(files.map { ReportReader.Source.bytes($0.1, name: $0.0) })
    return try Profiler(catalogue: catalogue, policy: policy, people: people).profile(reader.table)
}

extension Profile {
    func row(_ upn: String) -> UserResult? { results.first { $0.upn == upn } }
    func reasonCodes(_ upn: String) -> [String] {
        row(upn)!.reasons.all.map { $0.code(inactivityDays: policy.inactivityDays) }
    }
}
