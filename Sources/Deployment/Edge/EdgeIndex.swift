/// An `EdgeSnapshot` arranged for lookups: rules and applications by the hostname they name, so
/// judging every expectation of a 10,000-hostname profile stays linear. A rule whose expression
/// does not pin one hostname (a Free-plan rate limit, a wildcard) is tried for every request.
public struct EdgeIndex: Sendable {
    public let snapshot: EdgeSnapshot
    private let firewall: Buckets
    private let rateLimits: Buckets
    private let applications: Buckets
    /// First ingress rule per exact hostname; wildcard and catch-all rules in order.
    private let ingressByHost: [String: Int]
    private let ingressOther: [Int]

    struct Buckets: Sendable {
        var byHost: [String: [Int]] = [:]
        var everywhere: [Int] = []

        mutating func add(_ index: Int, host: String?) {
            if let host { byHost[host, default: []].append(index) } else { everywhere.append(index) }
        }

        /// In rule order: a rule's place in its list is what Cloudflare honours.
        func candidates(_ host: String) -> [Int] { ((byHost[host] ?? []) + everywhere).sorted() }
    }

    public init(_ snapshot: EdgeSnapshot) {
        self.snapshot = snapshot
        var firewall = Buckets(), rateLimits = Buckets(), applications = Buckets()
        for (i, rule) in snapshot.firewall.enumerated() { firewall.add(i, host: Self.pinnedHost(rule.expression)) }
        for (i, rule) in snapshot.rateLimits.enumerated() { rateLimits.add(i, host: Self.pinnedHost(rule.expression)) }
        for (i, app) in snapshot.applications.enumerated() {
            let hosts = Set(app.destinations.map { $0.hostname.lowercased() })
            if hosts.contains(where: { $0.contains("*") }) { applications.add(i, host: nil) } else { for host in hosts { applications.add(i, host: host) } }
        }
        var byHost: [String: Int] = [:], other: [Int] = []
        for (i, rule) in snapshot.ingress.enumerated() {
            if rule.hostname.isEmpty || rule.hostname.contains("*") { other.append(i) } else if byHost[rule.hostname.lowercased()] == nil { byHost[rule.hostname.lowercased()] = i }
        }
        self.firewall = firewall
        self.rateLimits = rateLimits
        self.applications = applications
        ingressByHost = byHost
        ingressOther = other
    }

    /// `http.host eq "h" and …` (or the bare comparison) can only match requests to h.
    static func pinnedHost(_ expression: WAFExpression) -> String? {
        switch expression {
        case .equals(.host, let host): return host.lowercased()
        case .and(let parts): return parts.lazy.compactMap(pinnedHost).first
        default: return nil
        }
    }

    func firewallRules(for host: String) -> [EdgeSnapshot.FirewallRule] { firewall.candidates(host).map { snapshot.firewall[$0] } }
    func rateLimitRules(for host: String) -> [EdgeSnapshot.RateLimitRule] { rateLimits.candidates(host).map { snapshot.rateLimits[$0] } }
    func applications(for host: String) -> [EdgeSnapshot.Application] { applications.candidates(host).map { snapshot.applications[$0] } }

    func ingressRule(for host: String) -> EdgeSnapshot.IngressRule? {
        let exact = ingressByHost[host]
        let other = ingressOther.first { i in
            let rule = snapshot.ingress[i]
            return rule.hostname.isEmpty || rule.hostname == "*" || HostPattern.matches(rule.hostname, host)
        }
        guard let index = [exact, other].compactMap({ $0 }).min() else { return nil }
        return snapshot.ingress[index]
    }
}
