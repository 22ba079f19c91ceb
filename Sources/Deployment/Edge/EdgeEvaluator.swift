/// One stage's verdict on the way through the edge.
public struct EdgeStep: Sendable, Equatable, CustomStringConvertible {
    public enum Stage: String, Sendable { case firewall = "custom rules", rateLimit = "rate limiting", access = "Access", ingress = "tunnel ingress", origin }

    public let stage: Stage
    /// The rule or application this stage read (`default_deny_llm_example_com`), if any.
    public let rule: String?
    public let text: String

    public var description: String { "\(stage.rawValue): \(text)" }
}

/// A request's whole path through the edge and where it ended.
public struct EdgeDecision: Sendable, Equatable {
    public let outcome: EdgeOutcome
    public let steps: [EdgeStep]
    /// The rule or application that decided (the last step that named one).
    public var decidedBy: String { steps.last(where: { $0.rule != nil })?.rule ?? "(none)" }
}

/// Cloudflare's request order (terraform.md §12): custom rules, rate limiting, Access, then the
/// tunnel's ingress and the origin. Rate limits count but do not decide a single request.
public enum EdgeEvaluator {
    public static func evaluate(_ request: EdgeRequest, on edge: EdgeSnapshot) -> EdgeDecision {
        evaluate(request, on: EdgeIndex(edge))
    }

    public static func evaluate(_ request: EdgeRequest, on index: EdgeIndex) -> EdgeDecision {
        let edge = index.snapshot
        var steps: [EdgeStep] = []
        let fields: [WAFExpression.Field: String] = [.host: request.host, .path: request.path, .method: request.method]
        let source = { (key: String) in edge.sources[key].map { " (\($0))" } ?? "" }

        if let rule = index.firewallRules(for: request.host).first(where: { $0.expression.matches(fields) }) {
            steps.append(EdgeStep(stage: .firewall, rule: rule.ref, text: "rule \(rule.ref) matches: \(rule.action)\(source("firewall"))"))
            if rule.action == "block" { return EdgeDecision(outcome: .blocked, steps: steps) }
        } else {
            steps.append(EdgeStep(stage: .firewall, rule: nil, text: "no rule matches\(source("firewall"))"))
        }
        let counted = index.rateLimitRules(for: request.host).filter { $0.expression.matches(fields) }
        steps.append(EdgeStep(stage: .rateLimit, rule: nil, text: counted.isEmpty ? "not counted"
                                  : "counted by " + counted.map { "\($0.ref) (\($0.requests) per \($0.period)s, then \($0.action))" }.joined(separator: ", ")))

        if let refusal = access(request, applications: index.applications(for: request.host), steps: &steps) {
            return EdgeDecision(outcome: refusal, steps: steps)
        }

        guard let rule = index.ingressRule(for: request.host) else {
            steps.append(EdgeStep(stage: .ingress, rule: nil, text: "no ingress rule: cloudflared answers 503"))
            return EdgeDecision(outcome: .notFound, steps: steps)
        }
        let name = rule.hostname.isEmpty ? "catch-all" : rule.hostname
        if rule.service.hasPrefix("http_status:") {
            steps.append(EdgeStep(stage: .ingress, rule: "ingress \(name)", text: "rule \(name) answers \(rule.service)\(source("ingress"))"))
            return EdgeDecision(outcome: .notFound, steps: steps)
        }
        steps.append(EdgeStep(stage: .ingress, rule: "ingress \(name)", text: "rule \(name) forwards to \(rule.service)\(source("ingress"))"))
        steps.append(EdgeStep(stage: .origin, rule: nil, text: "new-api answers \(request.method) \(request.path)"))
        return EdgeDecision(outcome: .origin, steps: steps)
    }

    /// Access: the most specific destination picks the application; its policies decide in
    /// precedence order. Returns the refusal, or nil when the request passes on.
    static func access(_ request: EdgeRequest, applications: [EdgeSnapshot.Application], steps: inout [EdgeStep]) -> EdgeOutcome? {
        var best: (EdgeSnapshot.Application, AccessDestination)?
        for app in applications {
            for destination in app.destinations where destination.covers(host: request.host, path: request.path) {
                if best.map({ destination.path.specificity > $0.1.path.specificity }) ?? true { best = (app, destination) }
            }
        }
        guard let (app, destination) = best else {
            steps.append(EdgeStep(stage: .access, rule: nil, text: "no application covers \(request.host)\(request.path): Access is not involved"))
            return nil
        }
        let rule = "application \(app.id)"
        let via = "application \(app.id) (destination \(destination.uri))"
        for policy in app.policies where admits(policy, request.principal) {
            switch policy.decision {
            case .bypass:
                steps.append(EdgeStep(stage: .access, rule: rule, text: "\(via): policy \(policy.id) bypasses Access"))
                return nil
            case .deny:
                steps.append(EdgeStep(stage: .access, rule: rule, text: "\(via): policy \(policy.id) denies \(request.principal)"))
                return .accessDenied
            case .nonIdentity, .allow:
                steps.append(EdgeStep(stage: .access, rule: rule, text: "\(via): policy \(policy.id) (\(policy.decision.rawValue)) admits \(request.principal)"))
                return nil
            }
        }
        let hasLogin = app.policies.contains { $0.decision == .allow }
        switch request.principal {
        case .email:
            steps.append(EdgeStep(stage: .access, rule: rule, text: "\(via): no policy admits \(request.principal): 403 after login"))
            return .accessDenied
        case .token where !hasLogin, .anonymous where !hasLogin:
            let code = app.serviceAuth401 ? "401" : "403"
            steps.append(EdgeStep(stage: .access, rule: rule, text: "\(via): no policy admits \(request.principal): \(code)"))
            return .accessDenied
        case .token, .anonymous:
            steps.append(EdgeStep(stage: .access, rule: rule, text: "\(via): no policy admits \(request.principal): redirect to the Access login"))
            return .accessLogin
        }
    }

    /// Allow needs a logged-in person and Service Auth a token: `everyone` in them is still
    /// everyone of that kind.
    static func admits(_ policy: EdgeSnapshot.Policy, _ principal: EdgeRequest.Principal) -> Bool {
        switch (policy.decision, principal) {
        case (.allow, .email), (.nonIdentity, .token), (.bypass, _), (.deny, _):
            return policy.include.contains { admits($0, principal) }
        default:
            return false
        }
    }

    static func admits(_ selector: AccessSelector, _ principal: EdgeRequest.Principal) -> Bool {
        switch (selector, principal) {
        case (.everyone, _): return true
        case (.serviceToken(let name), .token(let carried)): return name == carried
        case (.email(let address), .email(let who)): return address.lowercased() == who.lowercased()
        case (.emailDomain(let domain), .email(let who)): return who.lowercased().hasSuffix("@" + domain.lowercased())
        default: return false
        }
    }
}
