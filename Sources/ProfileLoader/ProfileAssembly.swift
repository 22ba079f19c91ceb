import Formats
import TopologyModel
import Yams

/// The profile's top-level sections, each decoded on its own: a section with an error is nil
/// and the others still load. A new top-level section is a field here, one in `Topology` and a
/// case of `TopologySection`.
struct ProfileSections: Decodable {
    var summary: String?
    var plan: String?
    var zone: Zone?
    var hosts: [Host]?
    var gateway: Gateway?
    var tunnel: Tunnel?
    var hostnames: [Hostname]?
    var access: Access?
    var waf: WAF?
    var consumers: [Consumer]?
    var secrets: [Secret]?
    var expectations: Expectations?
    var acknowledgements: [Acknowledgement]?

    /// The topology, when every section loaded.
    func topology(name: String, file: String) -> Topology? {
        guard let summary, let zone, let hosts, let gateway, let tunnel, let hostnames, let access, let waf,
              let consumers, let secrets, let acknowledgements else { return nil }
        var topology = Topology(name: name, profilePath: file, summary: summary, zone: zone, hosts: hosts, gateway: gateway,
                                tunnel: tunnel, hostnames: hostnames, access: access, waf: waf, consumers: consumers, secrets: secrets)
        topology.acknowledgements = acknowledgements
        topology.expectations = expectations ?? Expectations()
        topology.plan = plan.map(PlanReference.init(title:))
        return topology
    }

    /// The sections that loaded, with a stand-in (`StandIns`) in place of each that failed.
    /// `attempted` names the optional sections the profile wrote (or misspelt): absent, they
    /// are simply absent; written and still nil, they failed.
    func partial(name: String, file: String, attempted: Set<TopologySection>) -> PartialTopology {
        let standIn = StandIns.topology
        let missing = TopologySection.allCases.filter { !has($0) }
        let failed = missing.filter { ProfileSections.isOptional($0) ? attempted.contains($0) : true }
        var filled = Topology(name: name, profilePath: file, summary: summary ?? standIn.summary, zone: zone ?? standIn.zone,
                              hosts: hosts ?? standIn.hosts, gateway: gateway ?? standIn.gateway, tunnel: tunnel ?? standIn.tunnel,
                              hostnames: hostnames ?? standIn.hostnames, access: access ?? standIn.access, waf: waf ?? standIn.waf,
                              consumers: consumers ?? standIn.consumers, secrets: secrets ?? standIn.secrets)
        filled.acknowledgements = acknowledgements ?? standIn.acknowledgements
        filled.expectations = expectations ?? standIn.expectations
        filled.plan = plan.map(PlanReference.init(title:))
        return PartialTopology(topology: filled, failed: Set(failed))
    }

    /// Whether the section has a value (an optional one may have none and still have loaded).
    func has(_ section: TopologySection) -> Bool {
        switch section {
        case .summary: return summary != nil
        case .plan: return plan != nil
        case .zone: return zone != nil
        case .hosts: return hosts != nil
        case .gateway: return gateway != nil
        case .tunnel: return tunnel != nil
        case .hostnames: return hostnames != nil
        case .access: return access != nil
        case .waf: return waf != nil
        case .consumers: return consumers != nil
        case .secrets: return secrets != nil
        case .expectations: return expectations != nil
        case .acknowledgements: return acknowledgements != nil
        }
    }

    static func isOptional(_ section: TopologySection) -> Bool {
        ProfileSection.profile.key(landingIn: section.rawValue)?.presence == .optional
    }

    /// The optional sections the top-level mapping writes (not null) or misspells.
    static func attempted(in root: Node) -> Set<TopologySection> {
        guard case .mapping(let mapping) = root else { return [] }
        let declared = ProfileSection.profile.keys.map(\.name)
        var names: Set<String> = []
        for (key, value) in mapping {
            guard let name = key.string else { continue }
            if declared.contains(name) {
                if !NodeReader.isNull(value) { names.insert(name) }
            } else if let closest = DidYouMean.closest(name, in: declared) {
                names.insert(closest)
            }
        }
        return Set(ProfileSection.profile.keys.filter { names.contains($0.name) }.compactMap { TopologySection(rawValue: $0.field) })
    }
}

/// What validation gets from a profile that loaded only in part: the sections that loaded, a
/// stand-in for each one that failed (never read by a rule that runs), and which those are.
public struct PartialTopology: Sendable {
    public var topology: Topology
    public var failed: Set<TopologySection>

    public var loaded: Set<TopologySection> { Set(TopologySection.allCases).subtracting(failed) }
}

extension ProfileSections {
    /// Decodes the checked top level. `ledger` collects the declared keys the model asked for.
    static func decode(_ fields: [String: CheckedValue], ledger: ModelDecoder.Ledger = .init()) throws -> ProfileSections {
        try ModelDecoder.decode(ProfileSections.self, from: .record(CheckedRecord(section: .profile, fields: fields)), ledger: ledger)
    }
}
