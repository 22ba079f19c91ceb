import Formats
import TopologyModel

/// A custom (firewall) rule topogen writes: `http_request_firewall_custom`.
public struct FirewallRulePlan: Sendable, Equatable {
    public let ref: String
    public let hostname: String
    public let description: String
    public let expression: WAFExpression
    public let action: String
}

/// A rate-limit rule in the form the zone's plan accepts: `http_ratelimit`.
public struct RateLimitRulePlan: Sendable, Equatable {
    public let ref: String
    public let limit: String
    public let surface: String
    public let description: String
    public let expression: WAFExpression
    public let action: String
    public let characteristics: [String]
    public let period: Int
    public let requests: Int
    public let mitigationTimeout: Int
    /// False on a plan whose rules cannot read `http.host`: the rule counts the path on every
    /// hostname of the zone.
    public let scopedToHostname: Bool
}

/// The Cloudflare edge of one topology, derived once: the Access applications (coverage), the
/// default deny (what no application covers), and the rate limits (in the plan's form). The
/// Terraform artifact renders exactly this; validation and the expectations read it.
public struct EdgePlan: Sendable, Equatable {
    /// Cloudflare's own endpoints on every proxied hostname (the Access login flow, challenge
    /// pages). Answered at the edge, so the default deny leaves them open.
    public static let cloudflarePaths = "/cdn-cgi/"

    public let coverage: AccessCoverage
    public let firewallRules: [FirewallRulePlan]
    /// Gateway hostnames where a root surface covers every path, so a default deny blocks nothing.
    public let denyIsNoOp: [String]
    public let rateLimits: [RateLimitRulePlan]
    public let limits: ZonePlanLimits

    public init(_ t: Topology) {
        let coverage = AccessCoverage(t.access)
        self.coverage = coverage
        limits = ZonePlanLimits(t.zone.plan)
        var rules: [FirewallRulePlan] = []
        var noOp: [String] = []
        if t.access.defaultPolicy == .deny {
            for hostname in t.gatewayHostnames.map(\.name) {
                if coverage.coversEveryPath(on: hostname) { noOp.append(hostname); continue }
                let allowed = coverage.paths(on: hostname).map(WAFExpression.covering) + [.startsWith(.path, Self.cloudflarePaths)]
                rules.append(FirewallRulePlan(
                    ref: "default_deny_\(TerraformString.identifier(hostname))", hostname: hostname,
                    description: "Default deny on \(hostname): block every path no Access application covers",
                    expression: .and([.host(hostname), .not(WAFExpression.any(allowed))]), action: "block"))
            }
        }
        firewallRules = rules
        denyIsNoOp = noOp
        let limits = self.limits
        var surfaces: [String: AccessSurface] = [:]
        for surface in t.access.surfaces where surfaces[surface.name] == nil { surfaces[surface.name] = surface }
        rateLimits = t.waf.rateLimits.compactMap { limit -> RateLimitRulePlan? in
            guard let surface = surfaces[limit.surface], let path = AccessPath(surfacePath: surface.path) else { return nil }
            let scoped = limits.scopesHostnames
            let paths = WAFExpression.covering(path)
            let expression: WAFExpression = scoped ? .and([.host(surface.hostname), paths]) : paths
            let place = scoped ? "on \(surface.hostname)\(path.probePath)" : "on \(path.probePath) of EVERY hostname in \(t.zone.name) (the \(limits.plan.rawValue) plan cannot name a hostname)"
            return RateLimitRulePlan(
                ref: "ratelimit_\(TerraformString.identifier(limit.name))", limit: limit.name, surface: surface.name,
                description: "\(limit.name): \(limit.requests) requests per \(limit.period) per IP \(place)",
                expression: expression, action: limit.action.rawValue, characteristics: ["cf.colo.id"] + limits.characteristics.prefix(1),
                period: limit.period.value, requests: limit.requests, mitigationTimeout: limit.mitigationTimeout.value,
                scopedToHostname: scoped)
        }
    }
}
