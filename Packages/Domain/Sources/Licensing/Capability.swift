/// What a licence lets a person do, in the catalogue's vocabulary and order.
public enum Capability: String, CaseIterable, Sendable, Codable {
    case officeDesktop = "office_desktop"
    case officeWeb = "office_web"
    case officeMobile = "office_mobile"
    case teams
    case teamsPhone = "teams_phone"
    case audioConferencing = "audio_conferencing"
    case webinars
    case archive
    case windowsEnterprise = "windows_enterprise"
    case intune
    case entraP1 = "entra_p1"
    case entraP2 = "entra_p2"
    case defenderEndpointP1 = "defender_endpoint_p1"
    case defenderEndpointP2 = "defender_endpoint_p2"
    case defenderOfficeP1 = "defender_office_p1"
    case defenderOfficeP2 = "defender_office_p2"
    case purviewIPP1 = "purview_ip_p1"
    case powerBIPro = "power_bi_pro"
    case ediscoveryPremium = "ediscovery_premium"

    var bit: UInt32 { 1 << UInt32(Self.allCases.firstIndex(of: self)!) }
}

/// A set of capabilities as a bit mask: unions and subset tests are single instructions.
public struct CapabilitySet: Hashable, Sendable, Sequence {
    public var bits: UInt32

    public init(bits: UInt32 = 0) { self.bits = bits }

    public init(_ capabilities: some Sequence<Capability>) {
        bits = capabilities.reduce(0) { $0 | $1.bit }
    }

    public func contains(_ c: Capability) -> Bool { bits & c.bit != 0 }
    public func isSuperset(of other: CapabilitySet) -> Bool { bits & other.bits == other.bits }
    public func union(_ other: CapabilitySet) -> CapabilitySet { CapabilitySet(bits: bits | other.bits) }
    public func subtracting(_ other: CapabilitySet) -> CapabilitySet { CapabilitySet(bits: bits & ~other.bits) }
    public func intersection(_ other: CapabilitySet) -> CapabilitySet { CapabilitySet(bits: bits & other.bits) }
    public var isEmpty: Bool { bits == 0 }
    public mutating func insert(_ c: Capability) { bits |= c.bit }

    /// Members in vocabulary order.
    public func makeIterator() -> IndexingIterator<[Capability]> {
        Capability.allCases.filter { contains($0) }.makeIterator()
    }
}
