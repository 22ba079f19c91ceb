import TopologyModel

/// The expectations every deployment implies, whatever its profile writes: each surface
/// reachable under its policy and refused to anonymous requests, each consumer admitted on the
/// path it calls, uncovered paths blocked under a default deny, and the paths new-api's own UI
/// loads reaching the human surface (not the WAF block) on every hostname that has one.
public enum DerivedExpectations {
    /// What the gateway image's browser UI requests (newapi.md §9.2-9.5): the entry page, Rsbuild
    /// assets under /static/, root files, SPA routes loaded directly, the UI's API and playground.
    public static let uiRequests: [(method: String, path: String)] = [
        ("GET", "/"), ("GET", "/static/js/index.js"), ("GET", "/static/css/index.css"), ("GET", "/favicon.ico"),
        ("GET", "/logo.png"), ("GET", "/sign-in"), ("GET", "/dashboard"), ("GET", "/keys"), ("GET", "/setup"),
        ("GET", "/api/user/self"), ("POST", "/pg/chat/completions"),
    ]

    /// A path no surface of any shipped profile names, for the default-deny probe.
    public static let unlistedPath = "/topogen-verify-unlisted-path"

    public static func all(_ t: Topology, plan: EdgePlan) -> [RequestExpectation] {
        surfaces(t, plan: plan) + consumers(t) + defaultDeny(plan) + ui(t, plan: plan)
    }

    static func surfaces(_ t: Topology, plan: EdgePlan) -> [RequestExpectation] {
        let gateway = Set(t.gatewayHostnames.map(\.name))
        var out: [RequestExpectation] = []
        for (i, surface) in t.access.surfaces.enumerated() where gateway.contains(surface.hostname) {
            guard let path = AccessPath(surfacePath: surface.path), let app = plan.coverage.application(ofSurface: surface.name) else { continue }
            let probe = path.probePath
            let source = "access.surfaces[\(i)]"
            func expect(_ principal: EdgeRequest.Principal, _ outcome: EdgeOutcome, _ why: String) {
                out.append(RequestExpectation(request: EdgeRequest(method: "GET", host: surface.hostname, path: probe, principal: principal),
                                              outcome: outcome, source: source, reason: why))
            }
            switch surface.policy {
            case .bypass:
                expect(.anonymous, .origin, "surface \(surface.name) is public (bypass)")
            case .deny:
                expect(.anonymous, .accessDenied, "surface \(surface.name) denies everyone")
            case .serviceToken:
                expect(.anonymous, app.isHuman ? .accessLogin : .accessDenied, "surface \(surface.name) admits service tokens only")
                for token in surface.serviceTokens {
                    expect(.token(token), .origin, "surface \(surface.name) admits service token \(token)")
                }
            case .emailOTP, .identity:
                expect(.anonymous, .accessLogin, "surface \(surface.name) asks people to log in")
                if let person = t.access.admins.first ?? t.access.adminDomains.first.map({ "someone@\($0)" }) {
                    expect(.email(person), .origin, "surface \(surface.name) admits \(person)")
                }
            }
        }
        return out
    }

    static func consumers(_ t: Topology) -> [RequestExpectation] {
        t.consumers.enumerated().compactMap { i, consumer in
            guard let hostname = t.calledHostname(consumer) else { return nil }
            let token = t.carriedToken(consumer)
            return RequestExpectation(
                request: EdgeRequest(method: "POST", host: hostname, path: "/v1/chat/completions", principal: token.map(EdgeRequest.Principal.token) ?? .anonymous),
                outcome: .origin, source: "consumers[\(i)]",
                reason: "consumer \(consumer.name) calls https://\(hostname)/v1 " + (token.map { "carrying service token \($0)" } ?? "with no service token"))
        }
    }

    static func defaultDeny(_ plan: EdgePlan) -> [RequestExpectation] {
        plan.firewallRules.map { rule in
            RequestExpectation(request: EdgeRequest(method: "GET", host: rule.hostname, path: unlistedPath, principal: .anonymous),
                               outcome: .blocked, source: "access.default", reason: "default: deny blocks what no surface covers on \(rule.hostname)")
        }
    }

    /// On each hostname with a human surface, the UI's paths must reach Access. A path another
    /// (non-human) surface claims on purpose is that surface's business and is skipped.
    static func ui(_ t: Topology, plan: EdgePlan) -> [RequestExpectation] {
        var out: [RequestExpectation] = []
        var firstHuman: [String: Int] = [:]
        for (i, surface) in t.access.surfaces.enumerated() where surface.policy.isHuman && firstHuman[surface.hostname] == nil {
            firstHuman[surface.hostname] = i
        }
        for hostname in t.gatewayHostnames.map(\.name) {
            guard let human = firstHuman[hostname] else { continue }
            for (method, path) in uiRequests {
                if let deciding = plan.coverage.deciding(host: hostname, path: path), !deciding.application.isHuman { continue }
                out.append(RequestExpectation(
                    request: EdgeRequest(method: method, host: hostname, path: path, principal: .anonymous), outcome: .accessLogin,
                    source: "access.surfaces[\(human)]",
                    reason: "new-api's UI requests \(path); on \(hostname) it must reach the Access login, not a WAF block"))
            }
        }
        return out
    }
}

/// The profile's own expectations and the derived ones, in that order.
public enum EdgeExpectations {
    /// The written lines, parsed; a line that does not parse is returned as its error.
    public static func written(_ t: Topology) -> [(index: Int, result: Result<RequestExpectation, RequestExpectation.ParseError>)] {
        t.expectations.requests.enumerated().map { i, line in
            let source = "expectations.requests[\(i)]"
            do { return (i, .success(try RequestExpectation.parse(line, source: source))) } catch let error as RequestExpectation.ParseError {
                return (i, .failure(error))
            } catch {
                return (i, .failure(RequestExpectation.ParseError(message: "\(error)", hint: "")))
            }
        }
    }

    public static func all(_ t: Topology, plan: EdgePlan) -> [RequestExpectation] {
        written(t).compactMap { try? $0.result.get() } + DerivedExpectations.all(t, plan: plan)
    }
}
