/// The whole deployment, as one value: what a profile says once it has been read and checked.
/// Every artifact is derived from this and from nothing else, so a name lives in one place.
public struct Topology: Sendable, Equatable {
    /// The profile's file name without `.yaml`; also the folder name under `generated/`.
    public var name: String
    /// The profile path as given to the loader, e.g. `profiles/vultr-jp.yaml`.
    public var profilePath: String
    public var summary: String
    public var zone: Zone
    public var hosts: [Host]
    public var gateway: Gateway
    public var tunnel: Tunnel
    public var hostnames: [Hostname]
    public var access: Access
    public var waf: WAF
    public var consumers: [Consumer]
    public var secrets: [Secret]
    /// Requests and who should get what at the edge (`expectations:`), checked at render time.
    public var expectations: Expectations = Expectations()
    /// The deployment plan this profile implements, if any (`plan:`).
    public var plan: PlanReference? = nil
    /// Where each key path was written, for located diagnostics. Not part of equality: two
    /// topologies that say the same are equal wherever their profiles wrote it.
    public var sourceMap: SourceMap
    /// Warnings accepted in the profile (`acknowledge:`); applied by the pipeline, not rules.
    public var acknowledgements: [Acknowledgement] = []

    public init(name: String, profilePath: String, summary: String, zone: Zone, hosts: [Host],
                gateway: Gateway, tunnel: Tunnel, hostnames: [Hostname], access: Access, waf: WAF,
                consumers: [Consumer], secrets: [Secret], sourceMap: SourceMap = SourceMap()) {
        self.name = name
        self.profilePath = profilePath
        self.summary = summary
        self.zone = zone
        self.hosts = hosts
        self.gateway = gateway
        self.tunnel = tunnel
        self.hostnames = hostnames
        self.access = access
        self.waf = waf
        self.consumers = consumers
        self.secrets = secrets
        self.sourceMap = sourceMap
    }
}

/// Key path -> source position, filled by the loader. Validation rules name a key path; the
/// map turns it into `file:line:col`, falling back to the nearest written parent.
public struct SourceMap: Sendable, Equatable {
    public var locations: [String: SourceLocation]

    /// Always equal: positions are provenance, not content, so `Topology`'s synthesized `==`
    /// compares what a profile says.
    public static func == (_: SourceMap, _: SourceMap) -> Bool { true }

    public init(_ locations: [String: SourceLocation] = [:]) { self.locations = locations }

    public func location(of path: String) -> SourceLocation? {
        var candidate = path
        while true {
            if let found = locations[candidate] { return found }
            guard let cut = candidate.lastIndex(where: { $0 == "." || $0 == "[" }) else {
                return locations[""]
            }
            candidate = String(candidate[..<cut])
        }
    }
}

// MARK: - Lookups every artifact needs

extension Topology {
    public func host(named name: String) -> Host? { hosts.first { $0.name == name } }
    public func secret(named name: String) -> Secret? { secrets.first { $0.name == name } }
    public func serviceToken(named name: String) -> ServiceToken? { access.serviceTokens.first { $0.name == name } }
    public func surface(named name: String) -> AccessSurface? { access.surfaces.first { $0.name == name } }

    /// The public hostnames that lead to the gateway, in profile order.
    public var gatewayHostnames: [Hostname] { hostnames.filter { $0.service == .gateway } }

    /// The ssh alias that reaches a host: its `ssh` when the profile defines the host, else the
    /// name itself. The one place this fallback is decided; every command that ssh-es uses it.
    public func sshAlias(forHost name: String) -> String { host(named: name)?.ssh ?? name }

    /// The hostname people, probes and tunnel consumers use by default: the first gateway
    /// hostname, else the zone's apex. The one place this fallback is decided.
    public var publicHost: String { gatewayHostnames.first?.name ?? zone.name }

    /// The gateway's host, which validation guarantees exists.
    public var gatewayHost: Host? { host(named: gateway.host) }

    /// What a consumer puts in its base-URL variable. new-api serves the OpenAI-compatible API
    /// under `/v1`; consumers in another network namespace must use the public hostname.
    public func baseURL(for reach: Consumer.Reach) -> String {
        switch reach {
        case .tunnel:
            return "https://\(publicHost)/v1"
        case .loopback:
            return "http://\(gateway.bind):\(gateway.port)/v1"
        }
    }

    /// A consumer's base URL: through the hostname it names (else the first gateway hostname).
    public func baseURL(for consumer: Consumer) -> String {
        guard consumer.reach == .tunnel, let hostname = consumer.hostname else { return baseURL(for: consumer.reach) }
        return "https://\(hostname)/v1"
    }

    /// The hostname a tunnel consumer calls.
    public func calledHostname(_ consumer: Consumer) -> String? {
        guard consumer.reach == .tunnel else { return nil }
        return consumer.hostname ?? gatewayHostnames.first?.name
    }

    /// The service token a consumer carries: the one it names, else the first its variables
    /// carry (as a headers JSON, or as the token's client id secret).
    public func carriedToken(_ consumer: Consumer) -> String? {
        if let named = consumer.serviceToken { return named }
        if let first = consumer.serviceTokens.first { return first }
        let secrets = consumer.variables.compactMap { variable -> String? in
            if case .secret(let name) = variable.value { return name }
            return nil
        }
        return access.serviceTokens.first { secrets.contains($0.clientIDSecret) }?.name
    }

    /// The service token Access demands on the OpenAI-compatible API (`/v1/`) of the gateway's
    /// hostnames: that of the service-token surface covering `/v1/`, else of a service-token root.
    public var apiServiceToken: ServiceToken? {
        let hostnames = Set(gatewayHostnames.map(\.name))
        let surfaces = access.surfaces.filter { hostnames.contains($0.hostname) && $0.policy == .serviceToken }
        let covering = surfaces.first { $0.prefix.map { "/v1/".hasPrefix($0) } ?? false } ?? surfaces.first { $0.isRoot }
        return covering?.serviceTokens.first.flatMap(serviceToken(named:))
    }

    /// RAM the gateway's host has left once everything `MemoryBudget` counts is counted;
    /// negative when the cap does not fit, nil when the host's RAM is unknown.
    public var memoryHeadroom: Int64? { MemoryBudget(self).headroom }

    /// The origin the tunnel must forward to: the gateway's published loopback address.
    public var gatewayOrigin: String { "http://\(gateway.bind):\(gateway.port)" }
}

/// The `expectations:` section: requests written by the operator, each with the outcome the edge
/// must give it, and the model the live streaming probe asks for.
public struct Expectations: Sendable, Equatable, Decodable {
    /// One request line each, e.g. `GET llm.example.com/static/js/app.js anonymous -> access-login`.
    public var requests: [String]
    /// The model verify.sh streams a completion from; nil: the script needs `VERIFY_MODEL`.
    public var streamingModel: String?

    public init(requests: [String] = [], streamingModel: String? = nil) {
        self.requests = requests
        self.streamingModel = streamingModel
    }
}
