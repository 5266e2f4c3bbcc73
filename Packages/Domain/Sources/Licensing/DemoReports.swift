import Foundation

/// Writes a realistic, deterministic set of the nine usage reports (and a people file) for a
/// fictitious municipality: for tests, demos and benchmarks. Same `users` and `seed` → same bytes.
public enum DemoReports {
    public static let asOf = "2026-03-01"

    public struct Department: Sendable {
        public var name: String
        public var share: Double
        public var frontline: Bool
        public var education: Bool
        /// Probability that a person here uses desktop Office.
        public var desktop: Double
    }

    public static let departments: [Department] = [
        .init(name: "Hjemmeplejen", share: 0.22, frontline: true, education: false, desktop: 0.08),
        .init(name: "Dagplejen", share: 0.08, frontline: true, education: false, desktop: 0.05),
        .init(name: "Skoleområdet", share: 0.24, frontline: false, education: true, desktop: 0.7),
        .init(name: "Vej og Park", share: 0.06, frontline: true, education: false, desktop: 0.15),
        .init(name: "Borgerservice", share: 0.08, frontline: false, education: false, desktop: 0.9),
        .init(name: "Jobcenter", share: 0.12, frontline: false, education: false, desktop: 0.85),
        .init(name: "Økonomi", share: 0.1, frontline: false, education: false, desktop: 0.97),
        .init(name: "IT", share: 0.1, frontline: false, education: false, desktop: 0.95),
    ]

    static let firstNames = ["Anne", "Mette", "Hanne", "Lone", "Susanne", "Camilla", "Louise", "Maria", "Jens", "Peter", "Lars", "Søren",
        "Michael", "Henrik", "Thomas", "Rasmus", "Mads", "Ida", "Emma", "Freja", "Niels", "Karen", "Birgitte", "Ole"]
    static let lastNames = ["Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen",
        "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Poulsen", "Johansen", "Møller", "Mortensen", "Østergaard"]

    struct Rng {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
        mutating func chance(_ p: Double) -> Bool { unit() < p }
        mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    /// Buffered writer of one file.
    final class Out {
        let handle: FileHandle
        var buffer = ""
        init(_ url: URL) throws {
            FileManager.default.createFile(atPath: url.path, contents: nil)
            handle = try FileHandle(forWritingTo: url)
            buffer.reserveCapacity(1 << 20)
        }
        func line(_ s: String) throws {
            buffer += s
            buffer += "\r\n"
            if buffer.utf8.count > 1 << 20 { try flush() }
        }
        func flush() throws {
            try handle.write(contentsOf: Data(buffer.utf8))
            buffer.removeAll(keepingCapacity: true)
        }
        func close() throws {
            try flush()
            try handle.close()
        }
    }

    /// Writes the files into `directory` (created if needed). Returns the file names written.
    @discardableResult
    public static func write(users: Int, to directory: URL, seed: UInt64 = 50_49) throws -> [String] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let names = [
            "active-users.csv", "apps.csv", "mailbox.csv", "onedrive-usage.csv", "onedrive-activity.csv", "sharepoint.csv",
            "teams.csv", "email.csv", "activations.csv", "people.csv",
        ]
        let outs = try names.map { try Out(directory.appendingPathComponent($0)) }
        let (au, apps, mb, odu, oda, sp, teams, email, act, people) = (outs[0], outs[1], outs[2], outs[3], outs[4], outs[5], outs[6], outs[7], outs[8], outs[9])
        try au.line("Report Refresh Date,User Principal Name,Display Name,Is Deleted,Deleted Date,Has Exchange License,Has OneDrive License,Has SharePoint License,Has Skype For Business License,Has Yammer License,Has Teams License,Exchange Last Activity Date,OneDrive Last Activity Date,SharePoint Last Activity Date,Skype For Business Last Activity Date,Yammer Last Activity Date,Teams Last Activity Date,Exchange License Assign Date,OneDrive License Assign Date,SharePoint License Assign Date,Skype For Business License Assign Date,Yammer License Assign Date,Teams License Assign Date,Assigned Products")
        try apps.line("Report Refresh Date,User Principal Name,Last Activation Date,Last Activity Date,Report Period,Windows,Mac,Mobile,Web,Outlook,Word,Excel,PowerPoint,OneNote,Teams,Outlook (Windows),Word (Windows),Excel (Windows),PowerPoint (Windows),OneNote (Windows),Teams (Windows),Outlook (Mac),Word (Mac),Excel (Mac),PowerPoint (Mac),OneNote (Mac),Teams (Mac),Outlook (Mobile),Word (Mobile),Excel (Mobile),PowerPoint (Mobile),OneNote (Mobile),Teams (Mobile),Outlook (Web),Word (Web),Excel (Web),PowerPoint (Web),OneNote (Web),Teams (Web)")
        try mb.line("Report Refresh Date,User Principal Name,Display Name,Is Deleted,Deleted Date,Created Date,Last Activity Date,Item Count,Storage Used (Byte),Issue Warning Quota (Byte),Prohibit Send Quota (Byte),Prohibit Send/Receive Quota (Byte),Deleted Item Count,Deleted Item Size (Byte),Deleted Item Quota (Byte),Has Archive,Report Period")
        try odu.line("Report Refresh Date,Site URL,Owner Display Name,Is Deleted,Last Activity Date,File Count,Active File Count,Storage Used (Byte),Storage Allocated (Byte),Owner Principal Name,Report Period")
        try oda.line("Report Refresh Date,User Principal Name,Is Deleted,Deleted Date,Last Activity Date,Viewed Or Edited File Count,Synced File Count,Shared Internally File Count,Shared Externally File Count,Assigned Products,Report Period")
        try sp.line("Report Refresh Date,User Principal Name,Is Deleted,Deleted Date,Last Activity Date,Viewed Or Edited File Count,Synced File Count,Shared Internally File Count,Shared Externally File Count,Visited Page Count,Assigned Products,Report Period")
        try teams.line("Report Refresh Date,Tenant Display Name,Shared Channel Tenant Display Names,User Id,User Principal Name,Last Activity Date,Is Deleted,Deleted Date,Assigned Products,Team Chat Message Count,Private Chat Message Count,Call Count,Meeting Count,Post Messages,Reply Messages,Urgent Messages,Meetings Organized Count,Meetings Attended Count,Ad Hoc Meetings Organized Count,Ad Hoc Meetings Attended Count,Scheduled One-time Meetings Organized Count,Scheduled One-time Meetings Attended Count,Scheduled Recurring Meetings Organized Count,Scheduled Recurring Meetings Attended Count,Audio Duration,Video Duration,Screen Share Duration,Audio Duration In Seconds,Video Duration In Seconds,Screen Share Duration In Seconds,Has Other Action,Is Licensed,Report Period")
        try email.line("Report Refresh Date,User Principal Name,Display Name,Is Deleted,Deleted Date,Last Activity Date,Send Count,Receive Count,Read Count,Meeting Created Count,Meeting Interacted Count,Assigned Products,Report Period")
        try act.line("Report Refresh Date,User Principal Name,Display Name,Product Type,Last Activated Date,Windows,Mac,Windows 10 Mobile,iOS,Android,Activated On Shared Computer")
        try people.line("user_principal_name,department,job_title,frontline_eligible,education_eligible,desktop_override")

        var rng = Rng(state: seed ^ UInt64(users))
        let asOfDay = Int(Day.parse(asOf)!)
        func date(_ daysAgo: Int) -> String { Day.format(Int32(asOfDay - daysAgo)) }
        let gib: Double = 1_073_741_824
        var cumulative: [Double] = []
        var acc = 0.0
        for d in departments {
            acc += d.share
            cumulative.append(acc)
        }
        for i in 0..<users {
            let r = rng.unit() * acc
            let dept = departments[cumulative.firstIndex { r < $0 } ?? departments.count - 1]
            let first = firstNames[rng.int(firstNames.count)]
            let last = lastNames[rng.int(lastNames.count)]
            let upn = ascii("\(first).\(last).\(i)@demokommune.example").lowercased()
            let display = "\(first) \(last)"
            let deleted = rng.chance(0.01)
            let inactive = rng.chance(0.07)
            let newLicence = !inactive && rng.chance(0.02)
            let desktop = rng.chance(dept.desktop)
            let teamsUser = rng.chance(dept.frontline ? 0.55 : 0.9)

            // What they hold today: most hold the big package whatever they use (the point of profiling).
            var products: [String]
            if dept.education && rng.chance(0.6) {
                products = ["MICROSOFT 365 A3 FOR FACULTY"]
            } else if dept.frontline && rng.chance(0.35) {
                products = [rng.chance(0.5) ? "MICROSOFT 365 F3" : "OFFICE 365 F3"]
            } else {
                let x = rng.unit()
                products = x < 0.62 ? ["MICROSOFT 365 E3"] : x < 0.70 ? ["MICROSOFT 365 E5"] : x < 0.82 ? ["OFFICE 365 E3"]
                    : x < 0.90 ? ["OFFICE 365 E1"] : ["MICROSOFT 365 E3 (NO TEAMS)", "MICROSOFT TEAMS EEA"]
            }
            if !dept.frontline && rng.chance(0.05) { products.append("POWER BI PRO") }
            if rng.chance(0.02) { products.append("MICROSOFT TEAMS PHONE STANDARD") }
            if products.first == "OFFICE 365 E3" && rng.chance(0.3) { products.append("ENTERPRISE MOBILITY + SECURITY E3") }
            if rng.chance(0.01) { products.append("VISIO PLAN 2") }

            let lastActive = inactive ? 100 + rng.int(300) : newLicence ? 0 : rng.int(20)
            let lastDate = newLicence ? "" : date(lastActive)
            let assign = newLicence ? date(rng.int(25)) : date(200 + rng.int(1500))
            let teamsDate = teamsUser && !inactive && !newLicence ? date(rng.int(30)) : ""
            let productList = products.joined(separator: "+")
            let shortName = i < 3 && users > 100 ? "(Unknown)" : upn
            try au.line(
                "\(asOf),\(shortName),\(display),\(deleted ? "True" : "False"),\(deleted ? date(10) : ""),True,True,True,False,False,True,\(lastDate),\(desktop && !inactive ? date(rng.int(10)) : ""),\(rng.chance(0.5) && !inactive ? date(rng.int(30)) : ""),,,\(teamsDate),\(assign),\(assign),\(assign),,,\(assign),\(productList)"
            )
            if deleted { continue }

            let web = !inactive && rng.chance(dept.frontline ? 0.6 : 0.8)
            let mobile = !inactive && rng.chance(dept.frontline ? 0.7 : 0.4)
            if !inactive && (desktop || web || mobile) {
                let yn = { (b: Bool) in b ? "Yes" : "No" }
                try apps.line(
                    "\(asOf),\(upn),\(date(30 + rng.int(300))),\(date(rng.int(10))),180,\(yn(desktop)),No,\(yn(mobile)),\(yn(web)),Yes,\(yn(desktop)),\(yn(desktop)),No,No,\(yn(teamsUser)),\(yn(desktop)),\(yn(desktop)),\(yn(desktop)),No,No,\(yn(desktop && teamsUser)),No,No,No,No,No,No,\(yn(mobile)),No,No,No,No,\(yn(mobile && teamsUser)),\(yn(web)),\(yn(web)),No,No,No,\(yn(web && teamsUser))"
                )
            }
            // Mailbox: frontline staff have small mailboxes; office workers larger, a few huge.
            let size: Double = dept.frontline ? rng.unit() * 1.5 * gib : (rng.chance(0.03) ? (46 + rng.unit() * 40) * gib : rng.unit() * rng.unit() * 12 * gib)
            let archive = !dept.frontline && rng.chance(0.04)
            try mb.line(
                "\(asOf),\(upn),\(display),False,,\(date(2000)),\(inactive ? date(lastActive) : date(rng.int(5))),\(Int(size / 80_000)),\(Int64(size)),106300440576,106300440576,107374182400,12,1200000,32212254720,\(archive ? "True" : "False"),180"
            )
            let od: Double = desktop ? rng.unit() * rng.unit() * 6 * gib : rng.unit() * 0.5 * gib
            try odu.line(
                "\(asOf),https://demokommune-my.sharepoint.com/personal/u\(i),\(display),False,\(inactive ? "" : date(rng.int(14))),\(Int(od / 2_000_000)),\(Int(od / 9_000_000)),\(Int64(od)),1099511627776,\(upn),180"
            )
            if !inactive {
                try oda.line("\(asOf),\(upn),False,,\(date(rng.int(14))),\(rng.int(200)),\(desktop ? rng.int(90) : 0),\(rng.int(20)),0,\(productList),180")
                try sp.line("\(asOf),\(upn),False,,\(date(rng.int(20))),\(rng.int(50)),0,\(rng.int(5)),0,\(rng.int(300)),\(productList),180")
                try email.line("\(asOf),\(upn),\(display),False,,\(date(rng.int(5))),\(rng.int(300)),\(rng.int(2000)),\(rng.int(1800)),\(rng.int(20)),\(rng.int(60)),\(productList),180")
            }
            if teamsUser && !inactive {
                try teams.line(
                    "\(asOf),Demokommune,,\(UUID(uuid: (UInt8(i & 255), UInt8((i >> 8) & 255), UInt8((i >> 16) & 255), 0, 0, 0, 0x40, 0, 0x80, 0, 0, 0, 0, 0, 0, 0)).uuidString),\(upn),\(date(rng.int(30))),False,,\(productList),\(rng.int(400)),\(rng.int(900)),\(rng.int(60)),\(rng.int(80)),\(rng.int(10)),\(rng.int(30)),0,\(rng.int(20)),\(rng.int(70)),\(rng.int(5)),\(rng.int(10)),\(rng.int(10)),\(rng.int(30)),\(rng.int(10)),\(rng.int(40)),PT3H,PT1H,PT20M,10800,3600,1200,No,Yes,180"
                )
            }
            if desktop || (dept.frontline && rng.chance(0.05)) {
                let shared = dept.frontline ? "True" : "False"
                try act.line("\(asOf),\(upn),\(display),MICROSOFT 365 APPS FOR ENTERPRISE,\(date(rng.int(400))),\(desktop ? 1 : 0),0,0,\(rng.int(2)),\(rng.int(2)),\(shared)")
            }
            let title = dept.education ? "Lærer" : dept.frontline ? (dept.name == "Hjemmeplejen" ? "Social- og sundhedshjælper" : "Medarbejder") : "Konsulent"
            try people.line("\(upn),\(dept.name),\(title),\(dept.frontline ? "ja" : ""),\(dept.education ? "ja" : ""),")
        }
        for o in outs { try o.close() }
        return names
    }

    static func ascii(_ s: String) -> String {
        s.replacingOccurrences(of: "æ", with: "ae").replacingOccurrences(of: "ø", with: "oe").replacingOccurrences(of: "å", with: "aa")
            .replacingOccurrences(of: "Æ", with: "Ae").replacingOccurrences(of: "Ø", with: "Oe").replacingOccurrences(of: "Å", with: "Aa")
    }
}
