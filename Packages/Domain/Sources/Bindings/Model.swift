import Foundation

/// The bindings model of specs/bindings.md: vendors with parents and jurisdiction, products and
/// components, the municipality's system usages (the same rows as the NIS2 asset inventory), typed
/// bindings between them, integrations, and contracts with their exit terms.

public struct Vendor: Sendable, Equatable, Identifiable {
    public var id: UUID
    public var name: String
    /// ISO 3166 alpha-2, e.g. "DK", "US".
    public var country: String
    /// The ultimate parent, when the vendor is part of a group.
    public var parentID: UUID?
    /// Non-EU law can compel access to data (e.g. the US CLOUD Act).
    public var nonEUCompellable: Bool
    public var openSource: Bool
    /// CVR number, or a foreign company id.
    public var cvr: String

    public init(id: UUID = UUID(), name: String, country: String, parentID: UUID? = nil, nonEUCompellable: Bool = false, openSource: Bool = false,
                cvr: String = "") {
        self.id = id
        self.cvr = cvr
        self.name = name
        self.country = country
        self.parentID = parentID
        self.nonEUCompellable = nonEUCompellable
        self.openSource = openSource
    }
}

public struct Product: Sendable, Equatable, Identifiable {
    public var id: UUID
    public var vendorID: UUID
    public var name: String
    /// office suite, e-mail, identity, ESDH, fagsystem, security, BI, hosting …
    public var category: String
    /// on_premises, hosted, saas (empty when unknown).
    public var delivery: String
    /// proprietary or open_source (empty when unknown).
    public var licence: String
    /// Open standards it speaks: ODF, OOXML, PDF/A, IMAP, CalDAV, SAML2, OIDC, SCIM …
    public var openStandards: [String]
    /// The formats its data can be exported in, as documented.
    public var exportFormats: [String]

    public init(id: UUID = UUID(), vendorID: UUID, name: String, category: String, delivery: String = "", licence: String = "",
                openStandards: [String] = [], exportFormats: [String] = []) {
        self.id = id
        self.vendorID = vendorID
        self.name = name
        self.category = category
        self.delivery = delivery
        self.licence = licence
        self.openStandards = openStandards
        self.exportFormats = exportFormats
    }
}

public struct Component: Sendable, Equatable, Identifiable {
    public var id: UUID
    public var productID: UUID
    public var name: String

    public init(id: UUID = UUID(), productID: UUID, name: String) {
        self.id = id
        self.productID = productID
        self.name = name
    }
}

/// The municipality's use of a system, or one of its processes: an asset of the shared inventory.
public struct Usage: Sendable, Equatable, Identifiable {
    public enum Kind: String, Sendable { case system, process }
    public var id: UUID
    public var name: String
    public var kind: Kind
    /// The owning department.
    public var department: String?
    /// The departments that use it, when more than the owner (an ESDH is used everywhere).
    public var usedBy: [String]
    public var users: Int
    public var businessCritical: Bool

    public init(id: UUID = UUID(), name: String, kind: Kind = .system, department: String? = nil, usedBy: [String] = [], users: Int = 0,
                businessCritical: Bool = false) {
        self.id = id
        self.name = name
        self.kind = kind
        self.department = department
        self.usedBy = usedBy
        self.users = users
        self.businessCritical = businessCritical
    }

    /// The departments it serves: those that use it, or else its owner.
    public var departments: [String] { usedBy.isEmpty ? department.map { [$0] } ?? [] : usedBy }
}

/// What a binding points at.
public enum Target: Hashable, Sendable {
    case vendor(UUID)
    case product(UUID)
    case component(UUID)
}

public enum BindingType: String, CaseIterable, Sendable {
    case identity
    case clientAddIn = "client_add_in"
    case documentTemplate = "document_template"
    case fileFormat = "file_format"
    case api
    case dataHosting = "data_hosting"
    case licenceBundle = "licence_bundle"
    case securityTooling = "security_tooling"
    case dataFlow = "data_flow"
    case workflow
    case skills
}

/// Aarhus's three: administrative processes, line-of-business systems, security solutions.
public enum BindingScope: String, CaseIterable, Sendable {
    case administrativeProcess = "administrative_process"
    case fagsystem
    case securitySolution = "security_solution"
}

/// Ordered: convenience < degraded < hard.
public enum Strength: String, CaseIterable, Sendable, Comparable {
    /// Works, but less comfortably.
    case convenience
    /// Works with a loss of function.
    case degraded
    /// Stops working.
    case hard

    var rank: Int {
        switch self {
        case .convenience: 0
        case .degraded: 1
        case .hard: 2
        }
    }

    public static func < (a: Strength, b: Strength) -> Bool { a.rank < b.rank }
}

public enum Substitutability: String, CaseIterable, Sendable {
    case openStandard = "open_standard"
    case otherVendor = "other_vendor"
    case none
}

public struct Binding: Sendable, Equatable, Identifiable {
    public var id: UUID
    /// The usage (system or process) that is bound.
    public var from: UUID
    public var to: Target
    public var type: BindingType
    public var scope: BindingScope
    public var strength: Strength
    public var substitutability: Substitutability
    /// The functions that break or degrade ("journalise e-mail", "mail merge").
    public var functions: [String]
    /// How the function can be kept without the target, if at all.
    public var workaround: String
    /// Estimated cost (kroner) and effort (person-days) to remove the binding.
    public var removalCost: Int?
    public var removalEffortDays: Double?
    public var verifiedAt: Date?
    /// Who verified the binding (a person of the municipality), and on what evidence.
    public var verifiedBy: UUID?
    public var evidence: String

    public init(
        id: UUID = UUID(), from: UUID, to: Target, type: BindingType, scope: BindingScope = .fagsystem, strength: Strength,
        substitutability: Substitutability = .none, functions: [String] = [], workaround: String = "", removalCost: Int? = nil,
        removalEffortDays: Double? = nil, verifiedAt: Date? = nil, verifiedBy: UUID? = nil, evidence: String = ""
    ) {
        self.verifiedBy = verifiedBy
        self.evidence = evidence
        self.id = id
        self.from = from
        self.to = to
        self.type = type
        self.scope = scope
        self.strength = strength
        self.substitutability = substitutability
        self.functions = functions
        self.workaround = workaround
        self.removalCost = removalCost
        self.removalEffortDays = removalEffortDays
        self.verifiedAt = verifiedAt
    }
}

/// A data flow or interface: `consumer` needs `provider` (KITOS usage relations and interfaces).
public struct Integration: Sendable, Equatable {
    public var consumer: UUID
    public var provider: UUID

    public init(consumer: UUID, provider: UUID) {
        self.consumer = consumer
        self.provider = provider
    }
}

/// Everything one municipality (or a centre, across several) has: the graph the analyses read.
public struct Landscape: Sendable {
    public var vendors: [Vendor]
    public var products: [Product]
    public var components: [Component]
    public var usages: [Usage]
    public var bindings: [Binding]
    public var integrations: [Integration]

    public init(vendors: [Vendor] = [], products: [Product] = [], components: [Component] = [], usages: [Usage] = [], bindings: [Binding] = [],
                integrations: [Integration] = []) {
        self.vendors = vendors
        self.products = products
        self.components = components
        self.usages = usages
        self.bindings = bindings
        self.integrations = integrations
    }
}
