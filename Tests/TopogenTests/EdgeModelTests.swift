import Deployment
import Testing
import TopologyModel

/// The derived edge on its own: Access path coverage, the default deny it implies, the policy
/// plans, the WAF expression printer and parser, and the evaluator's order.
@Suite struct EdgeModelTests {
    func surfaces(_ list: [(String, String, AccessSurface.Policy)], tokens: [String] = ["t"]) -> Access {
        Access(admins: ["a@x.dev"], serviceTokens: [], surfaces: list.map { name, path, policy in
            AccessSurface(name: name, hostname: "h.x.dev", path: path, policy: policy, serviceTokens: policy == .serviceToken ? tokens : [])
        }, defaultPolicy: .deny)
    }

    // MARK: coverage

    @Test func aBareHostCoversEveryPathAndAPrefixCoversItselfAndBelow() {
        #expect(AccessPath.root.covers("/anything/at/all"))
        let v1 = AccessPath(surfacePath: "/v1/*")!
        #expect(v1.prefix == "/v1")
        #expect(v1.covers("/v1") && v1.covers("/v1/") && v1.covers("/v1/models"))
        #expect(!v1.covers("/v1beta/models") && !v1.covers("/") && !v1.covers("/api/v1"))
        #expect(AccessPath(surfacePath: "/v1") == v1)
        #expect(AccessPath(surfacePath: "v1/*") == nil && AccessPath(surfacePath: "/a*b/*") == nil)
        #expect(v1.destination(on: "h.x.dev") == "h.x.dev/v1" && AccessPath.root.destination(on: "h.x.dev") == "h.x.dev")
    }

    @Test func theMostSpecificApplicationWins() {
        let coverage = AccessCoverage(surfaces([("ui", "/", .emailOTP), ("api", "/v1/*", .serviceToken), ("admin", "/v1/admin/*", .deny)]))
        #expect(coverage.deciding(host: "h.x.dev", path: "/static/js/app.js")?.application.id == "ui")
        #expect(coverage.deciding(host: "h.x.dev", path: "/v1/models")?.application.id == "api")
        #expect(coverage.deciding(host: "h.x.dev", path: "/v1/admin/users")?.application.id == "admin")
        #expect(coverage.deciding(host: "other.x.dev", path: "/") == nil)
        #expect(coverage.coversEveryPath(on: "h.x.dev"))
    }

    @Test func humanSurfacesWithOnePolicyShareOneApplication() {
        let coverage = AccessCoverage(surfaces([("api", "/api/*", .emailOTP), ("ui", "/", .emailOTP), ("v1", "/v1/*", .serviceToken)]))
        #expect(coverage.applications.map(\.id) == ["ui", "v1"])
        let ui = coverage.applications[0]
        // The root leads: it names the application and its policy; /api is a second destination.
        #expect(ui.destinations == ["h.x.dev", "h.x.dev/api"])
        #expect(ui.policies.map(\.id) == ["ui"])
        #expect(coverage.applications[1].serviceAuthOnly)
        // Machines and people on one path: one application, Service Auth before Allow.
        let both = AccessCoverage(surfaces([("v1", "/v1/*", .serviceToken), ("v1-people", "/v1/*", .emailOTP)]))
        #expect(both.applications.count == 1)
        #expect(both.applications[0].policies.map(\.decision) == [.nonIdentity, .allow])
    }

    @Test func policiesAreCloudflaresSelectors() {
        var access = surfaces([("ui", "/", .identity), ("pub", "/status/*", .bypass)], tokens: [])
        access.adminDomains = ["x.dev"]
        access.identityProvider = "google"
        let ui = AccessPolicyPlan(access.surfaces[0], in: access)
        #expect(ui.decision == .allow && ui.include == [.email("a@x.dev"), .emailDomain("x.dev")])
        #expect(ui.login == .identityProvider("google") && ui.login?.terraformVariable == "access_idp_google_id")
        let pub = AccessPolicyPlan(access.surfaces[1], in: access)
        #expect(pub.decision == .bypass && pub.include == [.everyone])
        let tokens = AccessPolicyPlan(AccessSurface(name: "v1", hostname: "h", path: "/v1/*", policy: .serviceToken, serviceTokens: ["a", "b"]), in: access)
        #expect(tokens.decision == .nonIdentity && tokens.include == [.serviceToken("a"), .serviceToken("b")])
    }

    // MARK: WAF expressions

    @Test func theDefaultDenyBlocksExactlyWhatNoApplicationCovers() throws {
        var t = try shippedTopology("vultr-jp")
        #expect(EdgePlan(t).firewallRules.isEmpty)
        #expect(EdgePlan(t).denyIsNoOp == ["llm.fsagent.cc"])
        t.access.surfaces.removeAll { $0.isRoot }
        let rule = try #require(EdgePlan(t).firewallRules.first)
        for (path, blocked) in [("/v1", false), ("/v1/models", false), ("/api/status", false), ("/cdn-cgi/access/callback", false),
                                ("/", true), ("/static/js/app.js", true), ("/v1beta/x", true), ("/apix", true)] {
            #expect(rule.expression.matches([.host: "llm.fsagent.cc", .path: path]) == blocked, "\(path)")
        }
        #expect(!rule.expression.matches([.host: "other.fsagent.cc", .path: "/"]))
    }

    @Test func printedExpressionsParseBackToThemselves() throws {
        let samples: [WAFExpression] = [
            .and([.host("h.x.dev"), .not(.any([.covering(AccessPath(prefix: "/v1")), .startsWith(.path, "/cdn-cgi/")]))]),
            .covering(.root),
            .host("*.x.dev"),
            .or([.equals(.method, "POST"), .not(.endsWith(.path, "\"quoted\\back\""))]),
        ]
        for sample in samples {
            #expect(try WAFExpressionParser.parse(sample.description) == sample, "\(sample)")
        }
        // Cloudflare's spelling variants of the subset read the same.
        #expect(try WAFExpressionParser.parse(#"http.host == "a" && not (http.request.uri.path eq "/")"#)
            == .and([.equals(.host, "a"), .not(.equals(.path, "/"))]))
    }

    @Test func anythingOutsideTheSubsetIsAnError() {
        for (text, message) in [(#"http.cookie eq "x""#, "'http.cookie' is not a field topogen writes"),
                                (#"http.host eq "a" or"#, "expected a field"),
                                (#"http.host eq "a"#, "unterminated string"),
                                (#"(http.host eq "a""#, "expected ')'"),
                                (#"http.host in {"a"}"#, "expected 'eq' after http.host")] {
            #expect(throws: WAFExpressionParser.Failure.self) { try WAFExpressionParser.parse(text) }
            #expect((try? WAFExpressionParser.parse(text)) == nil)
            do { _ = try WAFExpressionParser.parse(text) } catch let failure as WAFExpressionParser.Failure {
                #expect(failure.message == message, "\(text)")
            } catch {}
        }
    }

    // MARK: the evaluator

    @Test func customRulesRunBeforeAccessAndIngressLast() throws {
        let t = try shippedTopology("ovh-split")
        let edge = EdgeSnapshot(plan: EdgePlan(t), ingress: CloudflaredIngress(t))
        let blocked = EdgeEvaluator.evaluate(EdgeRequest(method: "GET", host: "api.orbitkit.dev", path: "/", principal: .token("backend")), on: edge)
        #expect(blocked.outcome == .blocked && blocked.decidedBy == "default_deny_api_orbitkit_dev" && blocked.steps.count == 1)
        let origin = EdgeEvaluator.evaluate(EdgeRequest(method: "POST", host: "api.orbitkit.dev", path: "/v1/chat/completions", principal: .token("backend")), on: edge)
        #expect(origin.outcome == .origin)
        #expect(origin.steps.map(\.stage) == [.firewall, .rateLimit, .access, .ingress, .origin])
        #expect(origin.steps[1].text.contains("ratelimit_api_per_ip"))
        let status = EdgeEvaluator.evaluate(EdgeRequest(method: "GET", host: "admin.orbitkit.dev", path: "/api/status", principal: .anonymous), on: edge)
        #expect(status.outcome == .origin && status.steps[2].text.contains("policy status bypasses Access"))
        let person = EdgeEvaluator.evaluate(EdgeRequest(method: "GET", host: "admin.orbitkit.dev", path: "/keys", principal: .email("eve@elsewhere.org")), on: edge)
        #expect(person.outcome == .accessDenied)
        let colleague = EdgeEvaluator.evaluate(EdgeRequest(method: "GET", host: "admin.orbitkit.dev", path: "/keys", principal: .email("Ann@OrbitKit.dev")), on: edge)
        #expect(colleague.outcome == .origin)
        let wrongToken = EdgeEvaluator.evaluate(EdgeRequest(method: "GET", host: "admin.orbitkit.dev", path: "/", principal: .token("backend")), on: edge)
        #expect(wrongToken.outcome == .accessLogin)
        let unknownHost = EdgeEvaluator.evaluate(EdgeRequest(method: "GET", host: "www.orbitkit.dev", path: "/", principal: .anonymous), on: edge)
        #expect(unknownHost.outcome == .notFound && unknownHost.decidedBy == "ingress catch-all")
    }

    // MARK: expectations

    @Test func expectationLinesParseOrSayWhy() throws {
        let parsed = try RequestExpectation.parse("POST llm.x.dev/v1/chat/completions?x=1 token ci → origin", source: "s")
        #expect(parsed.request == EdgeRequest(method: "POST", host: "llm.x.dev", path: "/v1/chat/completions", principal: .token("ci")))
        #expect(parsed.outcome == .origin)
        #expect(try RequestExpectation.parse("GET https://h.x.dev -> blocked", source: "s").request.path == "/")
        for (line, message) in [("GET h.x.dev/ anonymous -> allowed", "'allowed' is not an outcome"),
                                ("FETCH h.x.dev/ -> origin", "'FETCH' is not an HTTP method"),
                                ("GET h.x.dev/ token -> origin", "'token' is not who sends the request"),
                                ("GET /v1 -> origin", "'/v1' is not host/path"),
                                ("GET h.x.dev/", "'GET h.x.dev/' has no single '->' before the outcome")] {
            #expect(throws: RequestExpectation.ParseError.self) { try RequestExpectation.parse(line, source: "s") }
            do { _ = try RequestExpectation.parse(line, source: "s") } catch let error as RequestExpectation.ParseError {
                #expect(error.message == message, "\(line)")
            }
        }
        #expect(EdgeOutcome.refused.accepts(.blocked) && EdgeOutcome.refused.accepts(.accessLogin) && !EdgeOutcome.refused.accepts(.origin))
    }

    @Test func everyDeploymentImpliesItsExpectations() throws {
        let t = try shippedTopology("vultr-jp")
        let derived = DerivedExpectations.all(t, plan: EdgePlan(t)).map(\.description)
        #expect(derived.contains("GET llm.fsagent.cc/v1 anonymous -> access-denied"))
        #expect(derived.contains("GET llm.fsagent.cc/v1 token newapi-consumers -> origin"))
        #expect(derived.contains("POST llm.fsagent.cc/v1/chat/completions token newapi-consumers -> origin"))
        #expect(derived.contains("GET llm.fsagent.cc/static/js/index.js anonymous -> access-login"))
        #expect(derived.contains("POST llm.fsagent.cc/pg/chat/completions anonymous -> access-login"))
        let free = try shippedTopology("free-two-tokens")
        let freeDerived = DerivedExpectations.all(free, plan: EdgePlan(free)).map(\.description)
        #expect(freeDerived.contains("GET gw.tallowbird.net/topogen-verify-unlisted-path anonymous -> blocked"))
        // No human surface there: the UI's paths are not expected to reach Access.
        #expect(!freeDerived.contains { $0.contains("/static/") })
    }

    @Test func theShippedProfilesCarryAtLeastThirtyExpectations() throws {
        var written = 0
        for name in ["vultr-jp", "hetzner-de", "ovh-split", "free-two-tokens"] {
            let t = try shippedTopology(name)
            written += t.expectations.requests.count
            let edge = EdgeSnapshot(plan: EdgePlan(t), ingress: CloudflaredIngress(t))
            for result in ExpectationResult.evaluate(EdgeExpectations.all(t, plan: EdgePlan(t)), on: edge) {
                #expect(result.passed, "\(name): \(result.failure)")
            }
        }
        #expect(written >= 30)
    }
}
