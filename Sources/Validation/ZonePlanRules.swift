import Deployment
import TopologyModel

/// The zone's plan against what the profile asks of it (terraform.md §11, §14): rate limits in
/// the values, actions and number the plan accepts, and zone settings that agree.
enum ZonePlanRules {
    static let all: [Rule] = [rateLimitPlan, rateLimitCount, rateLimitHostnameScope, tlsSettings]

    static let rateLimitPlan = Rule("rate-limit-plan", reads: [.plan, .zone, .waf]) { t in
        var report = Report(t)
        let limits = ZonePlanLimits(t.zone.plan)
        let plan = t.zone.plan.rawValue
        let spell = { (values: [Int]) in values.map { Seconds($0).goDuration }.joined(separator: ", ") }
        for (i, limit) in t.waf.rateLimits.enumerated() {
            if !limits.periods.contains(limit.period.value) {
                report.error("waf.rate_limits[\(i)].period", "period \(limit.period) is not one the \(plan) plan accepts",
                             hint: "use one of \(spell(limits.periods)) (zone.plan: \(plan))")
            }
            if !limits.actions.contains(limit.action) {
                report.error("waf.rate_limits[\(i)].action", "action \(limit.action.rawValue) is not available on the \(plan) plan",
                             hint: "use one of \(limits.actions.map(\.rawValue).joined(separator: ", ")) (log is Enterprise only)")
            }
            let timeouts = limits.timeouts(for: limit.action)
            if !timeouts.contains(limit.mitigationTimeout.value) {
                let why = limit.action.isChallenge && limits.challengesNeedZeroTimeout
                    ? "below Enterprise a \(limit.action.rawValue) action throttles, and Cloudflare requires mitigation_timeout 0s with it"
                    : "mitigation_timeout \(limit.mitigationTimeout) is not one the \(plan) plan accepts"
                report.error("waf.rate_limits[\(i)].mitigation_timeout", why,
                             hint: "use \(spell(timeouts))" + (limit.action.isChallenge ? ", or action: block" : ""))
            }
            if limit.requests < 1 {
                report.error("waf.rate_limits[\(i)].requests", "requests must be at least 1",
                             hint: "count the requests one client may make per period" + (t.plan == nil ? ", e.g. 60 per 10s" : "; plan §3 suggests 60 per 10s"))
            }
        }
        return report.items
    }

    static let rateLimitCount = Rule("rate-limit-count", reads: [.zone, .waf]) { t in
        var report = Report(t)
        let limits = ZonePlanLimits(t.zone.plan)
        if t.waf.rateLimits.count > limits.maxRules {
            report.error("waf.rate_limits[\(limits.maxRules)]",
                         "the \(t.zone.plan.rawValue) plan allows \(limits.maxRules) rate-limit rule\(limits.maxRules == 1 ? "" : "s"); the profile has \(t.waf.rateLimits.count)",
                         hint: "keep the \(limits.maxRules) that matter most, or set zone.plan to the plan the zone is really on")
        }
        return report.items
    }

    /// Free-plan rules read the path only: the rule is written without a hostname, and then
    /// counts that path on every hostname of the zone.
    static let rateLimitHostnameScope = Rule("rate-limit-hostname-scope", reads: [.zone, .access, .waf]) { t in
        var report = Report(t)
        guard !ZonePlanLimits(t.zone.plan).scopesHostnames else { return [] }
        var surfaces: [String: AccessSurface] = [:]
        for surface in t.access.surfaces where surfaces[surface.name] == nil { surfaces[surface.name] = surface }
        for (i, limit) in t.waf.rateLimits.enumerated() {
            guard let surface = surfaces[limit.surface], let path = AccessPath(surfacePath: surface.path) else { continue }
            report.warning("waf.rate_limits[\(i)].surface",
                           "the \(t.zone.plan.rawValue) plan's rate limits cannot read http.host: \(limit.name) counts \(path.probePath) on every hostname of \(t.zone.name), not only \(surface.hostname)",
                           hint: "the rule is rendered path-only (the form the \(t.zone.plan.rawValue) plan accepts); a Pro plan scopes it to \(surface.hostname)")
        }
        return report.items
    }

    static let tlsSettings = Rule("zone-tls-settings", reads: [.zone]) { t in
        var report = Report(t)
        let settings = t.zone.settings
        if settings.minTLSVersion == .v1_3, settings.tls13 == .off {
            report.error("zone.settings.min_tls_version", "min_tls_version 1.3 with tls_1_3 off leaves no TLS version a client may use",
                         hint: "set tls_1_3: on, or min_tls_version: \"1.2\"")
        }
        if settings.zeroRTT == true, settings.tls13 == .off {
            report.error("zone.settings.0rtt", "0-RTT is a TLS 1.3 feature, and tls_1_3 is off", hint: "set tls_1_3: on (or zrt), or drop 0rtt")
        }
        return report.items
    }
}
