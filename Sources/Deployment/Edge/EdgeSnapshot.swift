import TopologyModel

/// The edge as the request path meets it, in Cloudflare's order: custom rules, rate limits,
/// Access applications, tunnel ingress. Built either from the plan (validation) or from the
/// rendered Terraform and cloudflared files read back (render), so the expectations judge what
/// was written, not what was meant.
public struct EdgeSnapshot: Sendable, Equatable {
    public struct FirewallRule: Sendable, Equatable {
        public let ref: String
        public let expression: WAFExpression
        public let action: String
        public init(ref: String, expression: WAFExpression, action: String) {
            self.ref = ref
            self.expression = expression
            self.action = action
        }
    }

    public struct RateLimitRule: Sendable, Equatable {
        public let ref: String
        public let expression: WAFExpression
        public let action: String
        public let requests: Int
        public let period: Int
        public init(ref: String, expression: WAFExpression, action: String, requests: Int, period: Int) {
            self.ref = ref
            self.expression = expression
            self.action = action
            self.requests = requests
            self.period = period
        }
    }

    public struct Policy: Sendable, Equatable {
        public let id: String
        public let decision: AccessDecision
        public let include: [AccessSelector]
        public init(id: String, decision: AccessDecision, include: [AccessSelector]) {
            self.id = id
            self.decision = decision
            self.include = include
        }
    }

    public struct Application: Sendable, Equatable {
        public let id: String
        public let destinations: [AccessDestination]
        /// In precedence order.
        public let policies: [Policy]
        public let serviceAuth401: Bool
        public init(id: String, destinations: [AccessDestination], policies: [Policy], serviceAuth401: Bool) {
            self.id = id
            self.destinations = destinations
            self.policies = policies
            self.serviceAuth401 = serviceAuth401
        }
    }

    public struct IngressRule: Sendable, Equatable {
        public let hostname: String
        public let service: String
        public init(hostname: String, service: String) {
            self.hostname = hostname
            self.service = service
        }
    }

    public var firewall: [FirewallRule]
    public var rateLimits: [RateLimitRule]
    public var applications: [Application]
    public var ingress: [IngressRule]
    /// Where each part was read from (`terraform/waf.tf.json`), for the decision path.
    public var sources: [String: String]

    public init(firewall: [FirewallRule], rateLimits: [RateLimitRule], applications: [Application], ingress: [IngressRule],
                sources: [String: String] = [:]) {
        self.firewall = firewall
        self.rateLimits = rateLimits
        self.applications = applications
        self.ingress = ingress
        self.sources = sources
    }

    /// The snapshot the plan means: what the rendered files must read back as.
    public init(plan: EdgePlan, ingress: CloudflaredIngress) {
        firewall = plan.firewallRules.map { FirewallRule(ref: $0.ref, expression: $0.expression, action: $0.action) }
        rateLimits = plan.rateLimits.map { RateLimitRule(ref: $0.ref, expression: $0.expression, action: $0.action, requests: $0.requests, period: $0.period) }
        applications = plan.coverage.applications.map { app in
            Application(id: app.id, destinations: app.paths.map { AccessDestination(hostname: app.hostname, path: $0) },
                        policies: app.policies.map { Policy(id: $0.id, decision: $0.decision, include: $0.include) },
                        serviceAuth401: app.serviceAuthOnly)
        }
        self.ingress = ingress.rules.map { IngressRule(hostname: $0.hostname, service: $0.service) }
        sources = ["firewall": "the edge plan", "ratelimit": "the edge plan", "access": "the edge plan", "ingress": "the edge plan"]
    }
}
