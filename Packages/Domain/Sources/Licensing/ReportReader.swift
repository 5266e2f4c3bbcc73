import Tabular

/// Reads usage report files into a `UsageTable`: recognition by header, columns by name, the
/// merge rules of the contract, and errors that name file, line and column.
public struct ReportReader {
    public let catalogue: Catalogue
    public var table = UsageTable()
    var keyScratch: [UInt8] = []
    /// `Assigned Products` strings repeat: split each distinct one once.
    var productCache: [String: (mask: UInt64, extras: [String], text: String)] = [:]
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
        var columns: Resolved?
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
                    columns = Resolved(c, kind)
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
                let c0 = record[0] | 0x20
                if record.count == 4, c0 == UInt8(ascii: "t"), record[1] | 0x20 == UInt8(ascii: "r"), record[2] | 0x20 == UInt8(ascii: "u"),
                    record[3] | 0x20 == UInt8(ascii: "e")
                { return true }
                if record.count == 3, c0 == UInt8(ascii: "y"), record[1] | 0x20 == UInt8(ascii: "e"), record[2] | 0x20 == UInt8(ascii: "s") {
                    return true
                }
                if record.count == 5, c0 == UInt8(ascii: "f"), record[1] | 0x20 == UInt8(ascii: "a"), record[2] | 0x20 == UInt8(ascii: "l"),
                    record[3] | 0x20 == UInt8(ascii: "s"), record[4] | 0x20 == UInt8(ascii: "e")
                { return false }
                if record.count == 2, c0 == UInt8(ascii: "n"), record[1] | 0x20 == UInt8(ascii: "o") { return false }
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

    /// The positions of the columns this reader uses, resolved once per file.
    struct Resolved {
        struct Column {
            let index: Int
            let name: String
        }
        var refresh: Column
        var key: Column
        var isDeleted: Column?
        var assignedProducts: Column?
        var activity: [Column] = []
        var exchange: Column?
        var teams: Column?
        var assign: [Column] = []
        var lastActivity: Column?
        var windows: Column?, mac: Column?, web: Column?, mobile: Column?, teamsFlag: Column?
        var storage: Column?, archive: Column?, shared: Column?

        init(_ c: Columns, _ kind: ReportKind) {
            func col(_ n: String) -> Column? { c[n].map { Column(index: $0, name: n) } }
            refresh = col("Report Refresh Date")!
            key = col(kind.keyColumn)!
            switch kind {
            case .activeUsers:
                isDeleted = col("Is Deleted")
                assignedProducts = col("Assigned Products")
                activity = ReportReader.activityColumns.compactMap(col)
                exchange = col("Exchange Last Activity Date")
                teams = col("Teams Last Activity Date")
                assign = ReportReader.assignColumns.compactMap(col)
            default:
                lastActivity = col("Last Activity Date")
                windows = col("Windows")
                mac = col("Mac")
                web = col("Web")
                mobile = col("Mobile")
                teamsFlag = col("Teams")
                storage = col("Storage Used (Byte)")
                archive = col("Has Archive")
                shared = col("Activated On Shared Computer")
            }
        }
    }

    @inline(__always)
    func field(_ record: borrowing CSVRecord, _ column: Resolved.Column?, file: String) -> Field? {
        guard let column else { return nil }
        return Field(record: record.bytes(column.index), line: record.line, column: column.index, name: column.name, file: file)
    }

    static let activityColumns = [
        "Exchange Last Activity Date", "OneDrive Last Activity Date", "SharePoint Last Activity Date",
        "Skype For Business Last Activity Date", "Yammer Last Activity Date", "Teams Last Activity Date",
    ]
    static let assignColumns = [
        "Exchange License Assign Date", "OneDrive License Assign Date", "SharePoint License Assign Date",
        "Skype For Business License Assign Date", "Yammer License Assign Date", "Teams License Assign Date",
    ]

    /// The lower-cased, trimmed key of a UPN field, or nil for an empty or `(Unknown)` user.
    @inline(__always)
    static func key(_ bytes: UnsafeBufferPointer<UInt8>, scratch: inout [UInt8]) -> (key: String, written: String)? {
        var lo = 0
        var hi = bytes.count
        while lo < hi, bytes[lo] == 0x20 || bytes[lo] == 0x09 { lo += 1 }
        while hi > lo, bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09 { hi -= 1 }
        if lo == hi { return nil }
        scratch.removeAll(keepingCapacity: true)
        var ascii = true
        for i in lo..<hi {
            let c = bytes[i]
            if c >= 0x80 { ascii = false }
            scratch.append(c >= 0x41 && c <= 0x5A ? c | 0x20 : c)
        }
        let written = String(decoding: UnsafeBufferPointer(rebasing: bytes[lo..<hi]), as: UTF8.self)
        let key = ascii ? String(decoding: scratch, as: UTF8.self) : written.lowercased()
        if key == "(unknown)" { return nil }
        return (key, written)
    }

    mutating func readRow(_ record: borrowing CSVRecord, _ cols: Resolved, _ kind: ReportKind, file: String) throws(InputError) {
        let refresh = field(record, cols.refresh, file: file)!
        guard !refresh.record.isEmpty else { throw refresh.fail("the Report Refresh Date must not be empty") }
        let asOf = try refresh.date()
        if asOf > table.asOf { table.asOf = asOf }

        guard let (key, upn) = Self.key(record.bytes(cols.key.index), scratch: &keyScratch) else {
            table.unknownRows[kind, default: 0] += 1
            return
        }

        if kind == .activeUsers {
            guard table.index[key] == nil else { return }  // the first row wins
            var u = UserUsage(upn: upn, key: key)
            if let f = field(record, cols.isDeleted, file: file) { u.isDeleted = try f.bool() }
            let products = field(record, cols.assignedProducts, file: file)!.text
            if let cached = productCache[products] {
                (u.current, u.unpricedExtras, u.assignedProducts) = cached
            } else {
                let split = splitProducts(products)
                productCache[products] = (split.0, split.1, products)
                (u.current, u.unpricedExtras, u.assignedProducts) = (split.0, split.1, products)
            }
            for column in cols.activity {
                let d = try field(record, column, file: file)!.date()
                u.lastActivity = max(u.lastActivity, d)
            }
            if let f = field(record, cols.exchange, file: file) { u.exchangeDate = try f.date() }
            if let f = field(record, cols.teams, file: file) { u.teamsDate = try f.date() }
            for column in cols.assign {
                let d = try field(record, column, file: file)!.date()
                if d != Day.none && (u.licensedSince == Day.none || d < u.licensedSince) { u.licensedSince = d }
            }
            table.index[key] = Int32(table.users.count)
            table.users.append(u)
            return
        }

        // Validate the row's fields even for users outside the Active users report.
        let lastActivity = try field(record, cols.lastActivity, file: file)?.date() ?? Day.none
        var desktop = false, web = false, mobile = false, teams = false
        var bytes: Int64 = 0, archive = false, shared: Int64 = 0
        switch kind {
        case .apps:
            let windows = try field(record, cols.windows, file: file)!.bool()
            let mac = try field(record, cols.mac, file: file)!.bool()
            desktop = windows || mac
            web = try field(record, cols.web, file: file)?.bool() ?? false
            mobile = try field(record, cols.mobile, file: file)?.bool() ?? false
            teams = try field(record, cols.teamsFlag, file: file)?.bool() ?? false
        case .mailbox:
            bytes = try field(record, cols.storage, file: file)!.int64()
            archive = try field(record, cols.archive, file: file)?.bool() ?? false
        case .oneDriveUsage:
            bytes = try field(record, cols.storage, file: file)!.int64()
        case .activations:
            shared = try field(record, cols.shared, file: file)!.count()
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
