import Tabular

/// One licence product with its price.
public struct Product: Equatable, Sendable {
    public enum Kind: String, Sendable { case base, addon }
    public enum Eligibility: String, Sendable { case any, frontline, education }

    public var sku: String
    public var displayName: String
    /// Upper-case, as in `Assigned Products`.
    public var productName: String
    public var kind: Kind
    public var eligibility: Eligibility
    public var priceOre: Int64
    public var mailboxGB: Int
    public var onedriveGB: Int
    public var capabilities: CapabilitySet

    public init(
        sku: String, displayName: String, productName: String, kind: Kind, eligibility: Eligibility, priceOre: Int64,
        mailboxGB: Int, onedriveGB: Int, capabilities: CapabilitySet
    ) {
        self.sku = sku
        self.displayName = displayName
        self.productName = productName
        self.kind = kind
        self.eligibility = eligibility
        self.priceOre = priceOre
        self.mailboxGB = mailboxGB
        self.onedriveGB = onedriveGB
        self.capabilities = capabilities
    }

    /// A base product with desktop Office: the "heavy package" of the 35–65 % band.
    public var isHeavy: Bool { kind == .base && capabilities.contains(.officeDesktop) }
}

/// The products a municipality buys, with its own prices.
public struct Catalogue: Equatable, Sendable {
    public let products: [Product]
    private let byProductName: [String: Int]
    private let bySKU: [String: Int]

    public init(products: [Product]) throws(InputError) {
        guard products.count <= 64 else {
            throw InputError(file: "catalogue", message: "more than 64 products; Handlefrihed handles at most 64")
        }
        var byName: [String: Int] = [:]
        var bySKU: [String: Int] = [:]
        for (i, p) in products.enumerated() {
            if bySKU[p.sku] != nil { throw InputError(file: "catalogue", message: "duplicate sku \(p.sku)") }
            if byName[p.productName.uppercased()] != nil {
                throw InputError(file: "catalogue", message: "duplicate product_name \(p.productName)")
            }
            bySKU[p.sku] = i
            byName[p.productName.uppercased()] = i
        }
        self.products = products
        self.byProductName = byName
        self.bySKU = bySKU
    }

    public func index(productName: String) -> Int? { byProductName[productName.uppercased()] }
    public func index(sku: String) -> Int? { bySKU[sku] }

    public static let columns = [
        "sku", "display_name", "product_name", "kind", "eligibility", "price_dkk_month", "mailbox_gb", "onedrive_gb", "capabilities",
    ]

    /// Parses `sku,display_name,product_name,kind,eligibility,price_dkk_month,mailbox_gb,onedrive_gb,capabilities`.
    public static func parse(_ bytes: [UInt8], file: String) throws(InputError) -> Catalogue {
        let table: CSVTable
        do {
            table = try CSVTable(bytes: bytes)
        } catch {
            throw InputError(file: file, line: error.line, column: error.column, message: error.description)
        }
        var index: [String: Int] = [:]
        for name in columns {
            guard let i = table.column(name) else {
                throw InputError(file: file, line: 1, message: "required column \"\(name)\" is missing")
            }
            index[name] = i
        }
        func fail(_ row: CSVTable.Row, _ column: String, _ message: String) -> InputError {
            InputError(file: file, line: row.line, column: index[column]! + 1, columnName: column, message: message)
        }
        var products: [Product] = []
        var skus = Set<String>()
        var names = Set<String>()
        for row in table.rows {
            let sku = row[index["sku"]].trimmingSpaces
            guard !sku.isEmpty else { throw fail(row, "sku", "must not be empty") }
            guard skus.insert(sku).inserted else { throw fail(row, "sku", "duplicate sku \"\(sku)\"") }
            let productName = row[index["product_name"]].trimmingSpaces
            guard !productName.isEmpty else { throw fail(row, "product_name", "must not be empty") }
            guard names.insert(productName.uppercased()).inserted else {
                throw fail(row, "product_name", "duplicate product_name \"\(productName)\"")
            }
            guard let kind = Product.Kind(rawValue: row[index["kind"]].trimmingSpaces.lowercased()) else {
                throw fail(row, "kind", "must be base or addon, not \"\(row[index["kind"]])\"")
            }
            guard let eligibility = Product.Eligibility(rawValue: row[index["eligibility"]].trimmingSpaces.lowercased()) else {
                throw fail(row, "eligibility", "must be any, frontline or education, not \"\(row[index["eligibility"]])\"")
            }
            guard let price = Money.parseOre(row[index["price_dkk_month"]]) else {
                throw fail(row, "price_dkk_month", "not an amount in DKK with at most two decimals: \"\(row[index["price_dkk_month"]])\"")
            }
            guard let mailbox = Int(row[index["mailbox_gb"]].trimmingSpaces), mailbox >= 0 else {
                throw fail(row, "mailbox_gb", "not a whole number of GB: \"\(row[index["mailbox_gb"]])\"")
            }
            guard let onedrive = Int(row[index["onedrive_gb"]].trimmingSpaces), onedrive >= 0 else {
                throw fail(row, "onedrive_gb", "not a whole number of GB: \"\(row[index["onedrive_gb"]])\"")
            }
            var caps = CapabilitySet()
            for raw in row[index["capabilities"]].split(separator: ";") {
                let name = String(raw).trimmingSpaces
                if name.isEmpty { continue }
                guard let c = Capability(rawValue: name) else {
                    throw fail(row, "capabilities", "unknown capability \"\(name)\"")
                }
                caps.insert(c)
            }
            products.append(
                Product(
                    sku: sku, displayName: row[index["display_name"]].trimmingSpaces, productName: productName.uppercased(),
                    kind: kind, eligibility: eligibility, priceOre: price, mailboxGB: mailbox, onedriveGB: onedrive,
                    capabilities: caps))
        }
        guard products.contains(where: { $0.kind == .base }) else {
            throw InputError(file: file, message: "the catalogue has no base product")
        }
        return try Catalogue(products: products)
    }

    /// Writes the catalogue back in its own format (the web editor's export).
    public func csv() -> String {
        var w = CSVWriter()
        w.write(Self.columns)
        for p in products {
            w.write([
                p.sku, p.displayName, p.productName, p.kind.rawValue, p.eligibility.rawValue, Money.format(p.priceOre),
                String(p.mailboxGB), String(p.onedriveGB), p.capabilities.map(\.rawValue).joined(separator: ";"),
            ])
        }
        return w.output
    }
}

import Foundation

extension Catalogue {
    /// The shipped default: common SKUs with list prices (DKK). A municipality replaces the prices
    /// with its own 50.49 prices.
    public static let bundledCSV: [UInt8] = {
        guard let url = Bundle.module.url(forResource: "licence-catalogue", withExtension: "csv", subdirectory: "Resources"),
            let data = try? Data(contentsOf: url)
        else { fatalError("licence-catalogue.csv is missing from the Licensing bundle") }
        return Array(data)
    }()

    public static let bundled: Catalogue = {
        do {
            return try parse(bundledCSV, file: "licence-catalogue.csv")
        } catch {
            fatalError("the bundled catalogue is invalid: \(error)")
        }
    }()
}
