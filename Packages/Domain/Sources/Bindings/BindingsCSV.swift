import Foundation
import Tabular

/// The CSV import and export for municipalities without KITOS: three files — systems, vendors and
/// bindings — told apart by their header, keyed by name so a re-import updates instead of
/// duplicating. The export writes the same three files, so export → edit → import round-trips.
public enum BindingsCSV {
    public enum Kind: String, Sendable, CaseIterable {
        case systems, vendors, bindings

        public var columns: [String] {
            switch self {
            case .systems: ["system", "kind", "owner", "used_by", "users", "criticality", "kitos_uuid"]
            case .vendors: ["vendor", "cvr", "country", "parent", "non_eu_compellable", "open_source"]
            case .bindings: ["system", "vendor", "product", "product_category", "component", "type", "scope", "strength", "substitutability",
                             "functions", "workaround", "removal_cost", "removal_effort_days", "evidence"]
            }
        }

        /// The suggested file name (Danish, as the municipality sees it).
        public var fileName: String {
            switch self {
            case .systems: "systemer.csv"
            case .vendors: "leverandoerer.csv"
            case .bindings: "bindinger.csv"
            }
        }
    }

    /// A refused row: file, line, column (1-based) and the column's name.
    public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var column: Int
        public var field: String
        public var message: String

        public var description: String { "\(file):\(line):\(column) (\(field)): \(message)" }

        public init(file: String, line: Int, column: Int, field: String, message: String) {
            (self.file, self.line, self.column, self.field, self.message) = (file, line, column, field, message)
        }
    }

    public struct SystemRow: Sendable, Equatable {
        public var name: String
        public var kind: Usage.Kind
        public var owner: String
        public var usedBy: [String]
        public var users: Int
        /// low, medium, high, critical (the inventory's scale).
        public var criticality: String
        public var kitosUUID: UUID?

        public init(name: String, kind: Usage.Kind, owner: String, usedBy: [String], users: Int, criticality: String, kitosUUID: UUID?) {
            (self.name, self.kind, self.owner, self.usedBy, self.users, self.criticality, self.kitosUUID) = (name, kind, owner, usedBy, users, criticality, kitosUUID)
        }
    }

    public struct VendorRow: Sendable, Equatable {
        public var name: String
        public var cvr: String
        public var country: String
        public var parent: String
        public var nonEUCompellable: Bool
        public var openSource: Bool

        public init(name: String, cvr: String, country: String, parent: String, nonEUCompellable: Bool, openSource: Bool) {
            (self.name, self.cvr, self.country, self.parent, self.nonEUCompellable, self.openSource) = (name, cvr, country, parent, nonEUCompellable, openSource)
        }
    }

    public struct BindingRow: Sendable, Equatable {
        public var line: Int
        public var system: String
        public var vendor: String
        public var product: String
        public var productCategory: String
        public var component: String
        public var type: BindingType
        public var scope: BindingScope
        public var strength: Strength
        public var substitutability: Substitutability
        public var functions: [String]
        public var workaround: String
        public var removalCost: Int?
        public var removalEffortDays: Double?
        public var evidence: String

        public init(line: Int, system: String, vendor: String, product: String, productCategory: String, component: String, type: BindingType,
                    scope: BindingScope, strength: Strength, substitutability: Substitutability, functions: [String], workaround: String,
                    removalCost: Int?, removalEffortDays: Double?, evidence: String) {
            (self.line, self.system, self.vendor, self.product, self.productCategory, self.component) = (line, system, vendor, product, productCategory, component)
            (self.type, self.scope, self.strength, self.substitutability) = (type, scope, strength, substitutability)
            (self.functions, self.workaround, self.removalCost, self.removalEffortDays, self.evidence) = (functions, workaround, removalCost, removalEffortDays, evidence)
        }
    }

    public enum File: Sendable, Equatable {
        case systems([SystemRow])
        case vendors([VendorRow])
        case bindings([BindingRow])
    }

    /// Reads one file; which of the three it is comes from its header (a first column of `vendor` is
    /// the vendors file; `system` with `vendor` the bindings file; `system` alone the systems file).
    public static func read(_ bytes: [UInt8], file: String) throws(Failure) -> File {
        let table: CSVTable
        do { table = try CSVTable(bytes: bytes) } catch {
            throw Failure(file: file, line: error.line, column: error.column, field: "", message: error.description)
        }
        let header = Set(table.header.map { $0.lowercased() })
        let kind: Kind
        if header.contains("system") {
            kind = header.contains("vendor") ? .bindings : .systems
        } else if header.contains("vendor") {
            kind = .vendors
        } else {
            throw Failure(file: file, line: 1, column: 1, field: table.header.first ?? "",
                message: "unknown file: the header must start like one of " + Kind.allCases.map { $0.columns.prefix(3).joined(separator: ",") }.joined(separator: " | "))
        }
        var cursor = Cursor(file: file, table: table)
        try cursor.requireColumns(kind == .systems ? ["system"] : kind == .vendors ? ["vendor", "country"] : ["system", "vendor", "type", "strength"])
        switch kind {
        case .systems:
            var rows: [SystemRow] = []
            var seen = Set<String>()
            for row in table.rows {
                cursor.row = row
                let name = try cursor.text("system", required: true)
                guard seen.insert(name.lowercased()).inserted else { throw cursor.fail("system", "\"\(name)\" occurs twice in the file") }
                let kindText = try cursor.text("kind").lowercased()
                let usageKind: Usage.Kind
                switch kindText {
                case "", "system": usageKind = .system
                case "process", "proces": usageKind = .process
                default: throw cursor.fail("kind", "expected system or process, not \"\(kindText.prefix(30))\"")
                }
                let criticality = try cursor.text("criticality").lowercased()
                guard criticality.isEmpty || ["low", "medium", "high", "critical"].contains(criticality) else {
                    throw cursor.fail("criticality", "expected low, medium, high or critical")
                }
                let uuidText = try cursor.text("kitos_uuid")
                guard uuidText.isEmpty || UUID(uuidString: uuidText) != nil else { throw cursor.fail("kitos_uuid", "expected a UUID") }
                rows.append(SystemRow(name: name, kind: usageKind, owner: try cursor.text("owner"), usedBy: try cursor.list("used_by"),
                    users: try cursor.int("users") ?? 0, criticality: criticality.isEmpty ? "medium" : criticality, kitosUUID: UUID(uuidString: uuidText)))
            }
            return .systems(rows)
        case .vendors:
            var rows: [VendorRow] = []
            var seen = Set<String>()
            for row in table.rows {
                cursor.row = row
                let name = try cursor.text("vendor", required: true)
                guard seen.insert(name.lowercased()).inserted else { throw cursor.fail("vendor", "\"\(name)\" occurs twice in the file") }
                let country = try cursor.text("country", required: true).uppercased()
                guard country.count == 2, country.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                    throw cursor.fail("country", "expected a two-letter country code (ISO 3166), e.g. DK or US")
                }
                let parent = try cursor.text("parent")
                guard parent.lowercased() != name.lowercased() else { throw cursor.fail("parent", "a vendor cannot be its own parent") }
                rows.append(VendorRow(name: name, cvr: try cursor.text("cvr"), country: country, parent: parent,
                    nonEUCompellable: try cursor.bool("non_eu_compellable"), openSource: try cursor.bool("open_source")))
            }
            return .vendors(rows)
        case .bindings:
            var rows: [BindingRow] = []
            for row in table.rows {
                cursor.row = row
                let system = try cursor.text("system", required: true)
                let vendor = try cursor.text("vendor", required: true)
                let component = try cursor.text("component")
                let product = try cursor.text("product")
                if !component.isEmpty && product.isEmpty { throw cursor.fail("component", "a component needs its product (the product column)") }
                rows.append(BindingRow(line: row.line, system: system, vendor: vendor, product: product, productCategory: try cursor.text("product_category"),
                    component: component, type: try cursor.value("type", BindingType.self), scope: try cursor.value("scope", BindingScope.self, default: .fagsystem),
                    strength: try cursor.value("strength", Strength.self),
                    substitutability: try cursor.value("substitutability", Substitutability.self, default: Substitutability.none),
                    functions: try cursor.list("functions"), workaround: try cursor.text("workaround"), removalCost: try cursor.int("removal_cost"),
                    removalEffortDays: try cursor.double("removal_effort_days"), evidence: try cursor.text("evidence")))
            }
            return .bindings(rows)
        }
    }

    struct Cursor {
        let file: String
        let table: CSVTable
        var row: CSVTable.Row?

        func fail(_ column: String, _ message: String) -> Failure {
            let index = table.column(column)
            return Failure(file: file, line: row?.line ?? 1, column: (index ?? 0) + 1, field: column, message: message)
        }

        func requireColumns(_ names: [String]) throws(Failure) {
            for name in names where table.column(name) == nil {
                throw Failure(file: file, line: 1, column: table.header.count + 1, field: name, message: "the column \"\(name)\" is missing")
            }
        }

        func text(_ column: String, required: Bool = false) throws(Failure) -> String {
            let value = row.map { $0[table.column(column)] }?.trimmingSpaces ?? ""
            if required && value.isEmpty { throw fail(column, "must not be empty") }
            if value.count > 2_000 { throw fail(column, "longer than 2,000 characters") }
            return value
        }

        /// A list separated by semicolons ("Jobcenter; Økonomi"): at most 200 entries of at most 200
        /// characters. Limits per entry, not on the whole field, so the export — which writes "; "
        /// between entries — always reads back (a 2,000-character field limit broke that; found by fuzzing).
        func list(_ column: String) throws(Failure) -> [String] {
            let value = row.map { $0[table.column(column)] } ?? ""
            let items = value.split(separator: ";").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
            if items.count > 200 { throw fail(column, "more than 200 entries") }
            if items.contains(where: { $0.count > 200 }) { throw fail(column, "an entry is longer than 200 characters") }
            return items
        }

        func int(_ column: String) throws(Failure) -> Int? {
            let t = try text(column).replacingOccurrences(of: ".", with: "").replacingOccurrences(of: " ", with: "")
            if t.isEmpty { return nil }
            guard let v = Int(t), v >= 0, v < 1_000_000_000_000 else { throw fail(column, "expected a whole number ≥ 0") }
            return v
        }

        func double(_ column: String) throws(Failure) -> Double? {
            let t = try text(column).replacingOccurrences(of: ",", with: ".")
            if t.isEmpty { return nil }
            guard let v = Double(t), v.isFinite, v >= 0, v < 1_000_000 else { throw fail(column, "expected a number ≥ 0") }
            return v
        }

        func bool(_ column: String) throws(Failure) -> Bool {
            switch try text(column).lowercased() {
            case "", "nej", "no", "false", "0": false
            case "ja", "yes", "true", "1": true
            default: throw fail(column, "expected ja or nej")
            }
        }

        func value<T: RawRepresentable & CaseIterable>(_ column: String, _ type: T.Type, default fallback: T? = nil) throws(Failure) -> T
        where T.RawValue == String {
            let t = try text(column).lowercased()
            if t.isEmpty, let fallback { return fallback }
            guard let v = T(rawValue: t) else {
                throw fail(column, "expected one of " + T.allCases.map(\.rawValue).joined(separator: ", ") + (t.isEmpty ? "" : ", not \"\(t.prefix(30))\""))
            }
            return v
        }
    }

    // MARK: Export

    public static func write(systems: [SystemRow]) -> String {
        var w = CSVWriter()
        w.write(Kind.systems.columns)
        for s in systems {
            w.write([s.name, s.kind.rawValue, s.owner, s.usedBy.joined(separator: "; "), String(s.users), s.criticality, s.kitosUUID?.uuidString.lowercased() ?? ""])
        }
        return w.output
    }

    public static func write(vendors: [VendorRow]) -> String {
        var w = CSVWriter()
        w.write(Kind.vendors.columns)
        for v in vendors { w.write([v.name, v.cvr, v.country, v.parent, v.nonEUCompellable ? "ja" : "nej", v.openSource ? "ja" : "nej"]) }
        return w.output
    }

    public static func write(bindings: [BindingRow]) -> String {
        var w = CSVWriter()
        w.write(Kind.bindings.columns)
        for b in bindings {
            w.write([b.system, b.vendor, b.product, b.productCategory, b.component, b.type.rawValue, b.scope.rawValue, b.strength.rawValue,
                     b.substitutability.rawValue, b.functions.joined(separator: "; "), b.workaround, b.removalCost.map(String.init) ?? "",
                     b.removalEffortDays.map { String($0) } ?? "", b.evidence])
        }
        return w.output
    }
}
