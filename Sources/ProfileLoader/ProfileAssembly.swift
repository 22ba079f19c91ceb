import TopologyModel

/// The profile's top-level sections, each decoded on its own: a section with an error is nil
/// and the others still load. A new top-level section is a field here and one in `Topology`.
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
}

extension ProfileSections {
    /// Decodes the checked top level. `ledger` collects the declared keys the model asked for.
    static func decode(_ fields: [String: CheckedValue], ledger: ModelDecoder.Ledger = .init()) throws -> ProfileSections {
        try ModelDecoder.decode(ProfileSections.self, from: .record(CheckedRecord(section: .profile, fields: fields)), ledger: ledger)
    }
}
