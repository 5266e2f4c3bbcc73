import Foundation
import Tabular

/// KITOS (OS2) API v2 read from saved responses: `it-systems`, `it-system-usages`, `it-contracts`
/// and `data-processing-registrations`, each a JSON array as the API returns it. Only what the
/// bindings model needs is read; unknown fields are ignored; a missing or malformed field the model
/// needs is refused with file, line, column and path. Everything keys on KITOS's UUIDs, so a
/// re-import updates instead of duplicating.
public struct KitosExport: Sendable, Equatable {
    public struct Organisation: Sendable, Equatable {
        public var uuid: UUID
        public var name: String
        public var cvr: String?
    }

    public struct System: Sendable, Equatable {
        public var uuid: UUID
        public var name: String
        public var rightsHolder: Organisation?
    }

    public struct SystemUsage: Sendable, Equatable {
        public var uuid: UUID
        public var systemUUID: UUID
        /// The local call name, else the system's name.
        public var name: String
        public var businessCritical: Bool?
        /// The lower bound of KITOS's expected-users interval.
        public var expectedUsers: Int?
        public var responsibleUnit: String?
        /// Outgoing relations: this usage → the usages it exchanges data with.
        public var relatedUsages: [UUID]
        public var lastModified: Date?
    }

    public struct Contract: Sendable, Equatable {
        public var uuid: UUID
        public var name: String
        public var supplier: Organisation?
        public var usages: [UUID]
        public var validFrom: Date?
        public var validTo: Date?
        public var irrevocableUntil: Date?
        public var noticePeriodMonths: Int?
        public var terminatedAt: Date?
    }

    public struct DataProcessing: Sendable, Equatable {
        public var uuid: UUID
        public var name: String
        public var processors: [Organisation]
        public var usages: [UUID]
    }

    public var systems: [System] = []
    public var usages: [SystemUsage] = []
    public var contracts: [Contract] = []
    public var dataProcessing: [DataProcessing] = []

    public static let files = ["it-systems.json", "it-system-usages.json", "it-contracts.json", "data-processing-registrations.json"]

    public init() {}

    /// Which endpoint a saved file holds, from its name ("it-system-usages (2).json", "kitos-it-contracts.json").
    public static func file(named filename: String) -> String? {
        let n = filename.lowercased()
        if n.contains("data-processing") || n.contains("dataprocessing") { return "data-processing-registrations.json" }
        if n.contains("usage") { return "it-system-usages.json" }
        if n.contains("contract") { return "it-contracts.json" }
        if n.contains("system") { return "it-systems.json" }
        return nil
    }

    /// Reads the files present (by name); at least the system usages are needed.
    public static func read(_ files: [String: [UInt8]]) throws(JSONError) -> KitosExport {
        var out = KitosExport()
        guard let usages = files["it-system-usages.json"] else {
            throw JSONError(file: "it-system-usages.json", line: 0, column: 0, path: "", message: "the file is missing (the system usages are needed)")
        }
        for (name, bytes) in files.sorted(by: { $0.key < $1.key }) {
            guard Self.files.contains(name) else { continue }
            let root = try JSONReader.parse(bytes, file: name)
            let items = try Field(root, name).array()
            for item in items {
                switch name {
                case "it-systems.json": out.systems.append(try system(Field(item, name)))
                case "it-contracts.json": out.contracts.append(try contract(Field(item, name)))
                case "data-processing-registrations.json": out.dataProcessing.append(try dataProcessing(Field(item, name)))
                default: break
                }
            }
        }
        let root = try JSONReader.parse(usages, file: "it-system-usages.json")
        for item in try Field(root, "it-system-usages.json").array() { out.usages.append(try usage(Field(item, "it-system-usages.json"))) }
        // The same UUID twice in one file is an error (a re-import must be able to key on it).
        for (file, ids) in [("it-system-usages.json", out.usages.map(\.uuid)), ("it-systems.json", out.systems.map(\.uuid)),
                            ("it-contracts.json", out.contracts.map(\.uuid))] {
            var seen = Set<UUID>()
            for id in ids where !seen.insert(id).inserted {
                throw JSONError(file: file, line: 0, column: 0, path: "", message: "the uuid \(id.uuidString.lowercased()) occurs twice")
            }
        }
        return out
    }

    static func organisation(_ f: Field?) throws(JSONError) -> Organisation? {
        guard let f, !f.node.isNull else { return nil }
        return Organisation(uuid: try f.required("uuid").uuid(), name: try f.required("name").string(), cvr: try f.optional("cvr")?.stringOrNil())
    }

    static func system(_ f: Field) throws(JSONError) -> System {
        System(uuid: try f.required("uuid").uuid(), name: try f.required("name").string(), rightsHolder: try organisation(f.optional("rightsHolder")))
    }

    static func usage(_ f: Field) throws(JSONError) -> SystemUsage {
        let context = try f.required("systemContext")
        let general = f.optional("general")
        let localName = try general?.optional("localCallName")?.stringOrNil()
        var critical: Bool?
        if let value = try f.optional("gdpr")?.optional("businessCritical")?.stringOrNil() {
            switch value.lowercased() {
            case "yes": critical = true
            case "no": critical = false
            case "dontknow", "undecided": critical = nil
            default: throw f.optional("gdpr")!.optional("businessCritical")!.fail("expected Yes, No or DontKnow, not \"\(value.prefix(30))\"")
            }
        }
        var relations: [UUID] = []
        for r in try f.optional("outgoingSystemRelations")?.array() ?? [] {
            relations.append(try Field(r, f.file).required("toSystemUsage").required("uuid").uuid())
        }
        let unit = try f.optional("organizationUsage")?.optional("responsibleOrganizationUnit")?.optional("name")?.stringOrNil()
        let systemName = try context.required("name").string()
        return SystemUsage(
            uuid: try f.required("uuid").uuid(), systemUUID: try context.required("uuid").uuid(),
            name: localName.flatMap { $0.isEmpty ? nil : $0 } ?? systemName,
            businessCritical: critical, expectedUsers: try general?.optional("numberOfExpectedUsers")?.optional("lowerBound")?.intOrNil(),
            responsibleUnit: unit, relatedUsages: relations, lastModified: try f.optional("lastModified")?.dateOrNil())
    }

    static func contract(_ f: Field) throws(JSONError) -> Contract {
        let supplier = f.optional("supplier")
        let validity = f.optional("general")?.optional("validity")
        // The notice period is an organisation-defined option whose name carries the months ("3", "3 måneder").
        var notice: Int?
        if let option = try f.optional("termination")?.optional("terms")?.optional("noticePeriodMonths")?.optional("name")?.stringOrNil() {
            notice = Int(option.prefix(while: \.isNumber))
        }
        var usages: [UUID] = []
        for u in try f.optional("systemUsages")?.array() ?? [] { usages.append(try Field(u, f.file).required("uuid").uuid()) }
        return Contract(
            uuid: try f.required("uuid").uuid(), name: try f.required("name").string(),
            supplier: try organisation(supplier?.optional("organization") ?? supplier?.optional("supplierOrganization")), usages: usages,
            validFrom: try validity?.optional("validFrom")?.dateOrNil(), validTo: try validity?.optional("validTo")?.dateOrNil(),
            irrevocableUntil: try f.optional("agreementPeriod")?.optional("irrevocableUntil")?.dateOrNil(), noticePeriodMonths: notice,
            terminatedAt: try f.optional("termination")?.optional("terminatedAt")?.dateOrNil())
    }

    static func dataProcessing(_ f: Field) throws(JSONError) -> DataProcessing {
        var processors: [Organisation] = []
        for p in try f.optional("dataProcessors")?.array() ?? [] { if let o = try organisation(Field(p, f.file)) { processors.append(o) } }
        var usages: [UUID] = []
        for u in try f.optional("systemUsages")?.array() ?? [] { usages.append(try Field(u, f.file).required("uuid").uuid()) }
        return DataProcessing(uuid: try f.required("uuid").uuid(), name: try f.required("name").string(), processors: processors, usages: usages)
    }
}

/// A JSON value with the file it came from, and typed readers that fail with its position.
struct Field {
    let node: JSONNode
    let file: String

    init(_ node: JSONNode, _ file: String) {
        self.node = node
        self.file = file
    }

    func fail(_ message: String) -> JSONError {
        JSONError(file: file, line: node.line, column: node.column, path: node.path, message: message)
    }

    func required(_ key: String) throws(JSONError) -> Field {
        guard let child = node[key], !child.isNull else {
            guard case .object = node.value else { throw fail("expected an object with \"\(key)\"") }
            throw fail("\"\(key)\" is required")
        }
        return Field(child, file)
    }

    func optional(_ key: String) -> Field? { node[key].map { Field($0, file) } }

    func array() throws(JSONError) -> [JSONNode] {
        guard let items = node.array else { throw fail("expected an array") }
        return items
    }

    func string() throws(JSONError) -> String {
        guard let s = node.string else { throw fail("expected text") }
        return s
    }

    func stringOrNil() throws(JSONError) -> String? { node.isNull ? nil : try string() }

    func uuid() throws(JSONError) -> UUID {
        guard let s = node.string, let id = UUID(uuidString: s) else { throw fail("expected a UUID") }
        return id
    }

    func intOrNil() throws(JSONError) -> Int? {
        if node.isNull { return nil }
        guard case .number(let text) = node.value, let v = Int(text) else { throw fail("expected a whole number") }
        return v
    }

    /// ISO 8601 as ASP.NET writes it: with or without a zone (UTC assumed), with or without fractions.
    func dateOrNil() throws(JSONError) -> Date? {
        if node.isNull { return nil }
        guard var s = node.string else { throw fail("expected a date") }
        if let dot = s.firstIndex(of: "."), let end = s[dot...].firstIndex(where: { !$0.isNumber && $0 != "." }) ?? Optional(s.endIndex) {
            s.removeSubrange(dot..<end)
        }
        if s.count == 19 { s += "Z" }
        if s.count == 10 { s += "T00:00:00Z" }
        guard let date = try? Date(s, strategy: .iso8601) else { throw fail("expected a date like 2026-03-01T00:00:00Z") }
        return date
    }
}
