import TopologyModel

/// What a zone's plan lets a rate-limit rule say (terraform.md §11, cloudflare-docs
/// `rate-limiting-availability-by-plan` and `rate-limiting-rules/parameters`). The values are the
/// ones valid in both versions of the availability table; the provider checks none of them, so a
/// violation would otherwise surface only at `terraform apply`.
public struct ZonePlanLimits: Sendable, Equatable {
    public let plan: Zone.Plan
    /// Fields the rule expression may read. Free: the path only, so a rule cannot name a hostname.
    public let expressionFields: [WAFExpression.Field]
    /// Counting characteristics besides the mandatory `cf.colo.id`.
    public let characteristics: [String]
    public let periods: [Int]
    public let mitigationTimeouts: [Int]
    public let maxRules: Int
    public let actions: [RateLimit.Action]
    /// Below Enterprise a challenge action needs `mitigation_timeout = 0` (request throttling).
    public let challengesNeedZeroTimeout: Bool

    public init(_ plan: Zone.Plan) {
        self.plan = plan
        // The Log action is Enterprise-only (cloudflare-docs: "Log action (only available on Enterprise plans)").
        let everyAction: [RateLimit.Action] = [.block, .challenge, .jsChallenge, .managedChallenge]
        switch plan {
        case .free:
            expressionFields = [.path]
            characteristics = ["ip.src"]
            periods = [10]
            mitigationTimeouts = [10]
            maxRules = 1
            actions = everyAction
            challengesNeedZeroTimeout = true
        case .pro:
            expressionFields = [.host, .path]
            characteristics = ["ip.src"]
            periods = [10, 60]
            mitigationTimeouts = [10, 60, 3600]
            maxRules = 2
            actions = everyAction
            challengesNeedZeroTimeout = true
        case .business:
            expressionFields = [.host, .path, .method]
            characteristics = ["ip.src"]
            periods = [10, 60, 600]
            mitigationTimeouts = [10, 60, 3600, 86400]
            maxRules = 5
            actions = everyAction
            challengesNeedZeroTimeout = true
        case .enterprise:
            expressionFields = [.host, .path, .method]
            characteristics = ["ip.src"]
            periods = [10, 60, 120, 300, 600, 3600]
            mitigationTimeouts = [0, 10, 60, 120, 300, 600, 3600, 86400]
            maxRules = 100
            actions = everyAction + [.log]
            challengesNeedZeroTimeout = false
        }
    }

    /// Whether a rule can be scoped to one hostname on this plan.
    public var scopesHostnames: Bool { expressionFields.contains(.host) }

    /// The timeouts a rule with this action may use.
    public func timeouts(for action: RateLimit.Action) -> [Int] {
        action.isChallenge && challengesNeedZeroTimeout ? [0] : mitigationTimeouts
    }
}
