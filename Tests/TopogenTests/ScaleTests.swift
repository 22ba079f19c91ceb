import Testing
import TopologyModel
@testable import Validation

/// Validation at 10,000 hostnames, judged by the work its lookups do (`WorkMeter`), never by
/// time: a rule that looked a list up once per element of another would show up here as a
/// count that grows with the square of the profile.
@Suite struct ScaleTests {
    /// vultr-jp with `hostnames` gateway hostnames, each with a service-token `/v1/*` surface
    /// carrying a rate limit and an e-mail-OTP UI surface at `/` (the whole hostname: new-api's UI
    /// needs it), and one consumer per ten. On Enterprise, the plan with the most rate limits.
    static func scaled(_ hostnames: Int) throws -> Topology {
        var t = try shippedTopology()
        t.zone.plan = .enterprise
        t.expectations = Expectations()
        let token = t.access.serviceTokens[0].name
        let limit = t.waf.rateLimits[0]
        t.hostnames = (0..<hostnames).map { Hostname(name: "h\($0).\(t.zone.name)", service: .gateway) }
        t.access.surfaces = t.hostnames.enumerated().flatMap { i, hostname in
            [AccessSurface(name: "h\(i)-v1", hostname: hostname.name, path: "/v1/*", policy: .serviceToken, serviceToken: token),
             AccessSurface(name: "h\(i)-admin", hostname: hostname.name, path: "/", policy: .emailOTP)]
        }
        t.waf.rateLimits = (0..<hostnames).map {
            RateLimit(name: "h\($0)-v1-per-ip", surface: "h\($0)-v1", requests: limit.requests, period: limit.period,
                      mitigationTimeout: limit.mitigationTimeout, action: limit.action)
        }
        let consumer = t.consumers[0]
        t.consumers = (0..<max(1, hostnames / 10)).map { j in
            var copy = consumer
            copy.name = "consumer-\(j)"
            return copy
        }
        return t
    }

    /// Elements a profile holds in the lists rules relate to each other.
    static func size(_ t: Topology) -> Int {
        t.hostnames.count + t.access.surfaces.count + t.waf.rateLimits.count + t.consumers.count
            + t.consumers.reduce(0) { $0 + $1.variables.count } + t.secrets.count + t.hosts.count + t.access.serviceTokens.count
    }

    /// Every rule but the plan's rule count (Enterprise allows 100 rate limits; these profiles have thousands).
    static let scaledRules = Validator.rules.filter { $0.name != "rate-limit-count" }

    static func visits(_ t: Topology, rules: [Rule] = scaledRules) -> (Int, [Diagnostic]) {
        let meter = WorkMeter()
        let diagnostics = meter.measure { Validator.validate(t, rules: rules) }
        return (meter.visits, diagnostics)
    }

    @Test func everyRuleIsLinearAtTenThousandHostnames() throws {
        let small = try Self.scaled(1_000), large = try Self.scaled(10_000)
        let (smallVisits, smallDiagnostics) = Self.visits(small)
        let (largeVisits, largeDiagnostics) = Self.visits(large)
        #expect(smallDiagnostics.errors.isEmpty, "\(smallDiagnostics.errors.prefix(3))")
        #expect(largeDiagnostics.errors.isEmpty, "\(largeDiagnostics.errors.prefix(3))")
        // Ten times the profile may cost ten times the lookups (a little more for the sorted
        // searches), never a hundred.
        #expect(largeVisits <= 12 * smallVisits, "\(smallVisits) visits at 1,000 hostnames, \(largeVisits) at 10,000")
        #expect(largeVisits <= 8 * Self.size(large), "\(largeVisits) visits for \(Self.size(large)) elements")
        #expect(largeVisits >= Self.size(large) / 2, "the meter must see the rules' lookups at all")
    }

    /// The meter would catch the pattern the ingress rule used to have: one lookup built per hostname.
    @Test func theMeterCatchesAQuadraticRule() throws {
        let quadratic = Rule("quadratic", reads: [.hostnames, .access]) { t in
            for hostname in t.hostnames { _ = FirstByKey(t.access.surfaces, \.hostname)[hostname.name] }
            return []
        }
        let t = try Self.scaled(1_000)
        let (visits, _) = Self.visits(t, rules: [quadratic])
        #expect(visits > 8 * Self.size(t))
    }

    /// Problems planted at the far end of a 10,000-hostname profile are found, each once.
    @Test func problemsAtTheEndOfALargeProfileAreFound() throws {
        var t = try Self.scaled(10_000)
        t.hostnames.append(Hostname(name: t.hostnames[0].name.uppercased(), service: .gateway))
        t.access.surfaces.append(AccessSurface(name: "h9999-v1", hostname: t.hostnames[9_999].name, path: "/other/*", policy: .emailOTP))
        t.access.surfaces.append(AccessSurface(name: "late", hostname: t.hostnames[9_998].name, path: "/v1/*", policy: .serviceToken,
                                               serviceToken: t.access.serviceTokens[0].name))
        t.access.surfaces.append(AccessSurface(name: "inner", hostname: t.hostnames[9_997].name, path: "/v1/models/*", policy: .emailOTP))
        t.waf.rateLimits.append(RateLimit(name: "nowhere", surface: "missing", requests: 1, period: Seconds(10),
                                          mitigationTimeout: Seconds(10), action: .block))
        let errors = Validator.validate(t, rules: Self.scaledRules).errors.map { "\($0.keyPath): \($0.message)" }
        #expect(errors.contains("hostnames[10000].name: 'H0.FSAGENT.CC' is listed twice: its ingress rule #10001 could never match"))
        #expect(errors.contains("access.surfaces[20000].name: surface 'h9999-v1' is declared twice"))
        #expect(errors.contains("access.surfaces[20001].path: h9998.fsagent.cc/v1/* already has the service_token surface 'h9998-v1'"))
        #expect(errors.contains("waf.rate_limits[9997].surface: the limit on h9997-v1 (/v1/*) would also count surface inner (/v1/models/*)"))
        #expect(errors.contains("waf.rate_limits[10000].surface: no Access surface named 'missing'"))
    }
}
