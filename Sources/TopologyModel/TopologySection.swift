/// The top-level sections of a profile, each loaded on its own (`description:` lands in
/// `summary`, `acknowledge:` in `acknowledgements`). The raw values are the `Topology` fields
/// they land in. Validation rules declare which of these they read, so a profile whose `gateway:`
/// failed to load still gets every rule that does not read the gateway.
public enum TopologySection: String, Sendable, Hashable, CaseIterable, Comparable {
    case summary, plan, zone, hosts, gateway, tunnel, hostnames, access, waf, consumers, secrets, expectations, acknowledgements

    /// The profile key it is written under, for messages.
    public var key: String {
        switch self {
        case .summary: return "description"
        case .acknowledgements: return "acknowledge"
        default: return rawValue
        }
    }

    public static func < (a: TopologySection, b: TopologySection) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

extension Topology {
    /// This topology with `section` copied from `other`; everything else, the source map
    /// included, stays. The one place a section is swapped: partial loading fills the sections
    /// that failed from a stand-in this way, and tests swap sections to prove a rule's `reads`.
    public func with(_ section: TopologySection, from other: Topology) -> Topology {
        var copy = self
        switch section {
        case .summary: copy.summary = other.summary
        case .plan: copy.plan = other.plan
        case .zone: copy.zone = other.zone
        case .hosts: copy.hosts = other.hosts
        case .gateway: copy.gateway = other.gateway
        case .tunnel: copy.tunnel = other.tunnel
        case .hostnames: copy.hostnames = other.hostnames
        case .access: copy.access = other.access
        case .waf: copy.waf = other.waf
        case .consumers: copy.consumers = other.consumers
        case .secrets: copy.secrets = other.secrets
        case .expectations: copy.expectations = other.expectations
        case .acknowledgements: copy.acknowledgements = other.acknowledgements
        }
        return copy
    }
}
