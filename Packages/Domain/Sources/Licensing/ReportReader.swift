import Tabular

/// Reads usage report files into a `UsageTable`: recognition by header, columns by name, the
/// merge rules of the contract, and errors that name file, line and column.
public struct ReportReader {
    public let catalogue: Catalogue
    public var table = UsageTable()
    /// Called every 100,000 rows with the file's name and the rows read so far.
    public var progress: ((String, Int) -> Void)?

    public init(catalogue: Catalogue) {
        self.catalogue = catalogue
    }

    /// A file to read: its name for messages, and how to open it.
    public struct Source {
        public var name: String
        public var open: () throws -> CSVStream

        public init(name: String, open: @escaping () throws -> CSVStream) {
            self.name = name
            self.open = open
        }

        public static func file(_ path: String, name: String) -> Source {
            Source(name: name) { try CSVStream(path: path) }
        }

        public static func bytes(_ bytes: [UInt8], name: String) -> Source {
            Source(name: name) { CSVStream(bytes: bytes) }
        }
    }

    /// Reads all sources: Active users files first (they define who is profiled), then the rest.
    public mutating func read(_ sources: [Source]) throws(InputError) {
        var classified: [(Source, ReportKind)] = []
        for source in sources {
            let header = try Self.header(of: source)
            guard let kind = ReportKind.recognise(header: header) else {
                table.unrecognisedFiles.append(source.name)
                continue
            }
            classified.append((source, kind))
        }
        guard classified.contains(where: { $0.1 == .activeUsers }) else {
            throw InputError(
                file: sources.first?.name ?? "(no files)",
                message: "no Active users report (getOffice365ActiveUserDetail) among the files; it is required")
        }
        for (source, kind) in classified where kind == .activeUsers { try read(source, kind) }
        for (source, kind) in classified where kind != .activeUsers { try read(source, kind) }
    }

    static func header(of source: Source) throws(InputError) -> [String] {
        var header: [String] = []
        do {
            let stream = try source.open()
            try stream.forEachRecord { record in
                header = record.strings()
                throw StopReading()
            }
        } catch is StopReading {
        } catch let e as CSVError {
            throw InputError(file: source.name, line: e.line, column: e.column, message: e.description)
        } catch {
            throw InputError(file: source.name, message: "cannot be read")
        }
        return header
    }

    struct StopReading: Error {}

    /// Column positions of one file, by name.
    struct Columns {
        var names: [String]
        var positions: [String: Int]

        init(_ header: [String]) {
            names = header.map { $0.trimmingSpaces }
            positions = [:]
            for (i, n) in names.enumerated() where positions[n.lowercased()] == nil { positions[n.lowercased()] = i }
        }

        subscript(_ name: String) -> Int? { positions[name.lowercased()] }
    }

    mutating func read(_ source: Source, _ kind: ReportKind) throws(InputError) {
        table.given.insert(kind)
        var columns: Columns?
        var rows = 0
        var failure: InputError?
        do {
            let stream = try source.open()
            try stream.forEachRecord { record in
                guard let cols = columns else {
                    let c = Columns(record.strings())
                    for required in kind.requiredColumns where c[required] == nil {
                        throw InputError(file: source.name, line: record.line, message: "required column \"\(required)\" is missing")
                    }
                    if kind == .apps {
                        if c["Web"] == nil { table.appsHasWeb = false }
                        if c["Mobile"] == nil { table.appsHasMobile = false }
                    }
                    if kind == .mailbox, c["Has Archive"] == nil { table.mailboxHasArchive = false }
                    columns = c
                    return
                }
                rows += 1
                if rows % 100_000 == 0 { progress?(source.name, rows) }
                try readRow(record, cols, kind, file: source.name)
            }
        } catch let e as InputError {
            failure = e
        } catch let e as CSVError {
            failure = InputError(file: source.name, line: e.line, column: e.column, message: e.description)
        } catch {
            failure = InputError(file: source.name, message: "cannot be read")
        }
        if let failure { throw failure }
        if columns == nil { throw InputError(file: source.name, line: 1, message: "the file is empty") }
    }

    // MARK: Fields

    struct Field {
        let record: UnsafeBufferPointer<UInt8>
        let line: Int
        let column: Int
        let name: String
        let file: String

        func fail(_ message: String) -> InputError {
            InputError(file: file, line: line, column: column + 1, columnName: name, message: message)
        }

        var text: String { String(decoding: record, as: UTF8.self) }

        func date() throws(InputError) -> Int32 {
            if record.isEmpty { return Day.none }
            guard let d = Day.parse(record) else { throw fail("not a date (YYYY-MM-DD): \"\(text.prefix(40))\"") }
            return d
        }

        func bool() throws(InputError) -> Bool {
            switch record.count {
            case 0: return false
            case 2, 3, 4, 5:
                let lower = record.map { $0 | 0x20 }
                if lower == Array("true".utf8) || lower == Array("yes".utf8) { return true }
                if lower == Array("false".utf8) || lower == Array("no".utf8) { return false }
            default: break
            }
            throw fail("not True/False or Yes/No: \"\(text.prefix(40))\"")
        }

        func int64() throws(InputError) -> Int64 {
            if record.isEmpty { return 0 }
            var v: Int64 = 0
            for c in record {
                guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { throw fail("not a whole number: \"\(text.prefix(40))\"") }
                let (m, o1) = v.multipliedReportingOverflow(by: 10)
                let (s, o2) = m.addingReportingOverflow(Int64(c - UInt8(ascii: "0")))
                guard !o1, !o2 else { throw fail("number too large: \"\(text.prefix(40))\"") }
                v = s
            }
            return v
        }

        /// `Activated On Shared Computer`: a count, or True/Yes as 1.
        func count() throws(InputError) -> Int64 {
            if let first = record.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") { return try int64() }
            return try bool() ? 1 : 0
        }
    }

    @inline(__always)
    func field(_ record: borrowing CSVRecord, _ cols: Columns, _ name: String, file: String) -> Field? {
        guard let i = cols[name] else { return nil }
        return Field(record: record.bytes(i), line: record.line, column: i, name: name, file: file)
    }

    static let activityColumns = [
        "Exchange Last Activity Date", "OneDrive Last Activity Date", "SharePoint Last Activity Date",
        "Skype For Business Last Activity Date", "Yammer Last Activity Date", "Teams Last Activity Date",
    ]
    static let assignColumns = [
        "Exchange License Assign Date", "OneDrive License Assign Date", "SharePoint License Assign Date",
        "Skype For Business License Assign Date", "Yammer License Assign Date", "Teams License Assign Date",
    ]

    mutating func readRow(_ record: borrowing CSVRecord, _ cols: Columns, _ kind: ReportKind, file: String) throws(InputError) {
        let refresh = try field(record, cols, "Report Refresh Date", file: file)!
        guard !refresh.record.isEmpty else { throw refresh.fail("the Report Refresh Date must not be empty") }
        let asOf = try refresh.date()
        if asOf > table.asOf { table.asOf = asOf }

        let keyField = field(record, cols, kind.keyColumn, file: file)!
        let upn = keyField.text.trimmingSpaces
        if upn.isEmpty || upn.lowercased() == "(unknown)" {
            table.unknownRows[kind, default: 0] += 1
            return
        }
        let key = upn.lowercased()

        if kind == .activeUsers {
            guard table.index[key] == nil else { return }  // the first row wins
            var u = UserUsage(upn: upn)
            if let f = field(record, cols, "Is Deleted", file: file) { u.isDeleted = try f.bool() }
            let products = field(record, cols, "Assigned Products", file: file)!.text
            (u.current, u.unpricedExtras) = splitProducts(products)
            for name in Self.activityColumns {
                guard let f = field(record, cols, name, file: file) else { continue }
                let d = try f.date()
                u.lastActivity = max(u.lastActivity, d)
                if name.hasPrefix("Exchange") { u.exchangeDate = max(u.exchangeDate, d) }
                if name.hasPrefix("Teams") { u.teamsDate = max(u.teamsDate, d) }
            }
            for name in Self.assignColumns {
                guard let f = field(record, cols, name, file: file) else { continue }
                let d = try f.date()
                if d != Day.none && (u.licensedSince == Day.none || d < u.licensedSince) { u.licensedSince = d }
            }
            table.index[key] = Int32(table.users.count)
            table.users.append(u)
            return
        }

        // Validate the row's fields even for users outside the Active users report.
        let lastActivity = try field(record, cols, "Last Activity Date", file: file)?.date() ?? Day.none
        var desktop = false, web = false, mobile = false, teams = false
        var bytes: Int64 = 0, archive = false, shared: Int64 = 0
        switch kind {
        case .apps:
            let windows = try field(record, cols, "Windows", file: file)!.bool()
            let mac = try field(record, cols, "Mac", file: file)!.bool()
            desktop = windows || mac
            web = try field(record, cols, "Web", file: file)?.bool() ?? false
            mobile = try field(record, cols, "Mobile", file: file)?.bool() ?? false
            teams = try field(record, cols, "Teams", file: file)?.bool() ?? false
        case .mailbox:
            bytes = try field(record, cols, "Storage Used (Byte)", file: file)!.int64()
            archive = try field(record, cols, "Has Archive", file: file)?.bool() ?? false
        case .oneDriveUsage:
            bytes = try field(record, cols, "Storage Used (Byte)", file: file)!.int64()
        case .activations:
            shared = try field(record, cols, "Activated On Shared Computer", file: file)!.count()
        default:
            break
        }
        guard let i = table.index[key].map(Int.init) else { return }
        table.users[i].lastActivity = max(table.users[i].lastActivity, lastActivity)
        switch kind {
        case .apps:
            table.users[i].appsDesktop = table.users[i].appsDesktop || desktop
            table.users[i].appsWeb = table.users[i].appsWeb || web
            table.users[i].appsMobile = table.users[i].appsMobile || mobile
            table.users[i].appsTeams = table.users[i].appsTeams || teams
        case .mailbox:
            table.users[i].mailboxBytes = max(table.users[i].mailboxBytes, bytes)
            table.users[i].hasArchive = table.users[i].hasArchive || archive
            table.users[i].exchangeDate = max(table.users[i].exchangeDate, lastActivity)
        case .oneDriveUsage:
            table.users[i].onedriveBytes = max(table.users[i].onedriveBytes, bytes)
        case .activations:
            table.users[i].sharedActivations += shared
        case .emailActivity:
            table.users[i].exchangeDate = max(table.users[i].exchangeDate, lastActivity)
        case .teamsActivity:
            table.users[i].teamsDate = max(table.users[i].teamsDate, lastActivity)
        case .activeUsers, .sharePointActivity, .oneDriveActivity:
            break
        }
    }

    /// Splits `Assigned Products` on `+`, joining pieces whose `+`-join is a catalogue product
    /// name (longest match first), e.g. `ENTERPRISE MOBILITY + SECURITY E3`.
    public func splitProducts(_ text: String) -> (UInt64, [String]) {
        let pieces = text.split(separator: "+", omittingEmptySubsequences: false).map(String.init)
        var mask: UInt64 = 0
        var extras: [String] = []
        var i = 0
        while i < pieces.count {
            var matched = false
            var j = pieces.count
            while j > i {
                let candidate = pieces[i..<j].joined(separator: "+").trimmingSpaces
                if let index = catalogue.index(productName: candidate) {
                    mask |= 1 << UInt64(index)
                    i = j
                    matched = true
                    break
                }
                j -= 1
            }
            if !matched {
                let name = pieces[i].trimmingSpaces
                if !name.isEmpty && !extras.contains(name) { extras.append(name) }
                i += 1
            }
        }
        return (mask, extras)
    }
}
