import Deployment
import Formats
import Foundation
import Testing
import TopologyModel
@testable import Validation

/// Every edge rule both ways: silent on the shipped profile, and on a mutated copy firing with
/// the exact message, key path and (where the profile wrote the key) source line.
@Suite struct EdgeRuleTests {
    /// The one diagnostic `rule` reports after `mutate`; the rule must be silent before it.
    func only(_ rule: Rule, _ mutate: (inout Topology) -> Void) throws -> Diagnostic {
        var t = try shippedTopology()
        #expect(rule.check(t).isEmpty, "\(rule.name) must be silent on the shipped profile")
        mutate(&t)
        let found = rule.check(t)
        #expect(found.count == 1, "\(rule.name): \(found.map(\.description))")
        return try #require(found.first)
    }

    /// 1-based line of the first profile line containing `needle`.
    func line(_ needle: String) throws -> Int {
        let text = try String(contentsOfFile: repoPath("profiles/vultr-jp.yaml"), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return try #require(lines.firstIndex { $0.contains(needle) }) + 1
    }

    @Test func shippedProfilePassesEveryEdgeRule() throws {
        let t = try shippedTopology()
        // vultr-jp keeps the plan's root surface (so its default deny is a no-op) on a Free zone
        // (so its rate limit cannot name the hostname): both are said, as warnings, and nothing else.
        let warned: Set<String> = ["default-deny-no-op", "rate-limit-hostname-scope"]
        for rule in EdgeRules.all {
            let found = rule.check(t)
            #expect(found.errors.isEmpty, "\(rule.name): \(found.map(\.description))")
            #expect(found.warnings.isEmpty != warned.contains(rule.name), "\(rule.name): \(found.map(\.description))")
        }
        // Rule names are the diagnostics' stable handles: no two rules may share one.
        let names = Validator.rules.map(\.name)
        #expect(Set(names).count == names.count, "\(names)")
    }

    // MARK: hostnames

    @Test func hostnameMustBeInTheZone() throws {
        let d = try only(EdgeRules.hostnamesInZone) { $0.hostnames[0].name = "llm.example.com" }
        #expect(d.severity == .error)
        #expect(d.keyPath == "hostnames[0].name")
        #expect(d.message == "'llm.example.com' is not in the zone fsagent.cc")
        #expect(d.location?.line == (try line("- name: llm.fsagent.cc")))
        #expect(d.location?.file == "profiles/vultr-jp.yaml")
    }

    @Test func zoneApexIsInTheZone() throws {
        var t = try shippedTopology()
        t.hostnames[0].name = "fsagent.cc"
        #expect(EdgeRules.hostnamesInZone.check(t).isEmpty)
    }

    @Test func hostnameGetsOneIngressRule() throws {
        let d = try only(EdgeRules.hostnamesRoutedOnce) { $0.hostnames.append(Hostname(name: "llm.fsagent.cc", service: .gateway)) }
        #expect(d.keyPath == "hostnames[1].name")
        #expect(d.message == "'llm.fsagent.cc' is listed twice: its ingress rule #2 could never match")
    }

    @Test func hostnameNeedsAccessCoverage() throws {
        let d = try only(EdgeRules.hostnamesCovered) { $0.hostnames.append(Hostname(name: "chat.fsagent.cc", service: .gateway)) }
        #expect(d.keyPath == "hostnames[1].name")
        #expect(d.message == "no Access surface covers 'chat.fsagent.cc': the tunnel would publish it without Access")
        #expect(d.hint?.contains("hostname: chat.fsagent.cc") == true)
    }

    // MARK: surfaces

    @Test func surfaceNamesAnExistingHostname() throws {
        let d = try only(EdgeRules.surfaceHostnames) { $0.access.surfaces[1].hostname = "api.fsagent.cc" }
        #expect(d.keyPath == "access.surfaces[1].hostname")
        #expect(d.message == "no public hostname 'api.fsagent.cc'")
        #expect(d.hint == "use one of hostnames: llm.fsagent.cc")
        #expect(d.location?.line == (try line("path: /api/*")) - 1)
    }

    @Test func surfacePathHasAnEnforceableShape() throws {
        for bad in ["/v1", "/v1/", "v1/*", "/v1*", "/v1/\"x\"/*", "/*", "//*", "/v1/*/x/*"] {
            let d = try only(EdgeRules.surfacePaths) { $0.access.surfaces[0].path = bad }
            #expect(d.keyPath == "access.surfaces[0].path")
            #expect(d.message == "'\(bad)' is not a surface path topogen can enforce")
        }
        #expect(EdgeRules.isSurfacePath("/api/admin-v2/*"))
        #expect(EdgeRules.isSurfacePath("/"))
    }

    @Test func surfaceNamesAreUnique() throws {
        let d = try only(EdgeRules.surfacesUnique) { $0.access.surfaces[2].name = "api-v1" }
        #expect(d.keyPath == "access.surfaces[2].name")
        #expect(d.message == "surface 'api-v1' is declared twice")
    }

    @Test func aPathHasOneSurfacePerPolicy() throws {
        let d = try only(EdgeRules.surfacesUnique) { $0.access.surfaces[1].path = "/" }
        #expect(d.keyPath == "access.surfaces[2].path")
        #expect(d.message == "llm.fsagent.cc/ already has the email_otp surface 'admin-api'")
        #expect(d.location != nil)
        // A login for people next to the token for machines, on one path, is one application.
        var t = try shippedTopology()
        t.access.surfaces[1].path = "/v1/*"
        #expect(EdgeRules.surfacesUnique.check(t).isEmpty)
        #expect(AccessCoverage(t.access).application(ofSurface: "admin-api")?.id == "api_v1")
    }

    @Test func serviceTokenSurfaceNamesAnExistingToken() throws {
        let missing = try only(EdgeRules.surfaceServiceTokens) { $0.access.surfaces[0].serviceToken = "newapi-consumer" }
        #expect(missing.keyPath == "access.surfaces[0].service_token")
        #expect(missing.message == "no service token named 'newapi-consumer' (did you mean 'newapi-consumers'?)")
        #expect(missing.hint == "use one of: newapi-consumers")
        #expect(missing.location?.line == (try line("service_token: newapi-consumers")))

        let absent = try only(EdgeRules.surfaceServiceTokens) { $0.access.surfaces[0].serviceToken = nil }
        #expect(absent.keyPath == "access.surfaces[0].policy")
        #expect(absent.message == "a service_token surface must name the token it accepts")

        let stray = try only(EdgeRules.surfaceServiceTokens) { $0.access.surfaces[1].serviceToken = "newapi-consumers" }
        #expect(stray.keyPath == "access.surfaces[1].service_token")
        #expect(stray.message == "only a service_token surface takes a service token (this one is email_otp)")
    }

    @Test func emailOTPNeedsAdmins() throws {
        let none = try only(EdgeRules.emailOTPAdmins) { $0.access.admins = [] }
        #expect(none.keyPath == "access.surfaces[1].policy")
        #expect(none.message == "an email_otp surface with no admins lets nobody in")
        let malformed = try only(EdgeRules.emailOTPAdmins) { $0.access.admins = ["admin"] }
        #expect(malformed.keyPath == "access.admins[0]")
        #expect(malformed.message == "'admin' is not an email address")
    }

    @Test func defaultMustBeDeny() throws {
        let d = try only(EdgeRules.defaultDeny) { $0.access.defaultPolicy = .allow }
        #expect(d.keyPath == "access.default")
        #expect(d.message == "default: allow publishes every path no surface lists, with no Access in front")
        #expect(d.hint?.hasPrefix("use default: deny") == true)
        #expect(d.location?.line == (try line("default: deny")))
    }

    // MARK: rate limits

    @Test func rateLimitNamesAnExistingSurface() throws {
        let d = try only(EdgeRules.rateLimitScope) { $0.waf.rateLimits[0].surface = "api-v2" }
        #expect(d.keyPath == "waf.rate_limits[0].surface")
        #expect(d.message == "no Access surface named 'api-v2'")
        #expect(d.hint == "use one of: api-v1, admin-api, login-ui")
        #expect(d.location?.line == (try line("surface: api-v1")))
    }

    @Test func rateLimitTouchesItsSurfaceOnly() throws {
        let d = try only(EdgeRules.rateLimitScope) {
            $0.access.surfaces.append(AccessSurface(name: "v1-admin", hostname: "llm.fsagent.cc", path: "/v1/admin/*", policy: .emailOTP))
        }
        #expect(d.message == "the limit on api-v1 (/v1/*) would also count surface v1-admin (/v1/admin/*)")
        // The root surface covers every path, so a limit on it counts every other surface too.
        var t = try shippedTopology()
        t.waf.rateLimits[0].surface = "login-ui"
        #expect(EdgeRules.rateLimitScope.check(t).map(\.message) == [
            "the limit on login-ui (/) would also count surface api-v1 (/v1/*)",
            "the limit on login-ui (/) would also count surface admin-api (/api/*)",
        ])
    }

    // MARK: tunnel

    @Test func tunnelOriginIsTheGatewaysAddress() throws {
        let d = try only(EdgeRules.tunnelOrigin) { $0.tunnel.origin = "http://localhost:3000" }
        #expect(d.keyPath == "tunnel.origin")
        #expect(d.message == "the tunnel forwards to http://localhost:3000, but the gateway listens on http://127.0.0.1:3000")
        #expect(d.location?.line == (try line("origin: http://127.0.0.1:3000")))
        let moved = try only(EdgeRules.tunnelOrigin) { $0.gateway.port = 3001 }
        #expect(moved.hint == "set tunnel.origin: http://127.0.0.1:3001 (gateway.bind and gateway.port)")
        // A wildcard bind is gateway-binds-loopback's error; the tunnel still reaches it on loopback.
        var open = try shippedTopology()
        open.gateway.bind = "0.0.0.0"
        #expect(EdgeRules.tunnelOrigin.check(open).isEmpty)
    }

    @Test func originRequestDurationsArePositive() throws {
        let d = try only(EdgeRules.originRequestDurations) { $0.tunnel.originRequest.keepAliveTimeout = Seconds(0) }
        #expect(d.keyPath == "tunnel.origin_request.keep_alive_timeout")
        #expect(d.message == "keep_alive_timeout must be longer than 0s")
        #expect(d.location?.line == (try line("keep_alive_timeout: 120s")))
    }

    @Test func http2ToOriginAgreesWithTheTunnel() throws {
        let d = try only(EdgeRules.http2OriginAgrees) { $0.zone.settings.http2ToOrigin = true }
        #expect(d.keyPath == "zone.settings.http2_to_origin")
        #expect(d.message == "http2_to_origin is true, but the tunnel's origin_request.http2_origin is false")
        #expect(d.location?.line == (try line("http2_to_origin: false")))
    }

    // MARK: cloudflared's ingress rules (research/cloudflared.md §5)

    @Test func hostnameWithAPortIsRefusedInCloudflaredsWords() throws {
        let d = try only(EdgeRules.cloudflaredIngress) { $0.hostnames[0].name = "llm.fsagent.cc:443" }
        #expect(d.keyPath == "hostnames[0].name")
        #expect(d.message == "cloudflared refuses the hostname 'llm.fsagent.cc:443' of ingress rule #1")
        #expect(d.hint?.hasPrefix("cloudflared: \"Hostname cannot contain a port\"") == true)
    }

    @Test func wildcardOnlyAsALeadingLabel() throws {
        let inside = try only(EdgeRules.cloudflaredIngress) { $0.hostnames[0].name = "llm.*.fsagent.cc" }
        #expect(inside.hint?.hasPrefix("cloudflared: \"Hostname patterns can have at most one wildcard character (\"*\") and it can only be used for subdomains, e.g. \"*.example.com\"\"") == true)
        let glued = try only(EdgeRules.cloudflaredIngress) { $0.hostnames[0].name = "*llm.fsagent.cc" }
        #expect(glued.message == "the hostname '*llm.fsagent.cc' of ingress rule #1 could never match")
        #expect(glued.hint?.hasSuffix("write \"*.llm.fsagent.cc\" for every subdomain") == true)
        var t = try shippedTopology()
        t.hostnames[0].name = "*.fsagent.cc"
        #expect(EdgeRules.cloudflaredIngress.check(t).isEmpty)
    }

    @Test func catchAllHostnameBeforeTheEndIsRefused() throws {
        let d = try only(EdgeRules.cloudflaredIngress) { $0.hostnames[0].name = "*" }
        #expect(d.keyPath == "hostnames[0].name")
        #expect(d.message == "the hostname '*' makes ingress rule #1 match every request, hiding the rules after it")
        #expect(d.hint?.hasPrefix("cloudflared: \"Rule #1 is matching the hostname '*', but this will match every hostname, meaning the rules which follow it will never be triggered.\"") == true)
    }

    @Test func originWithAPathOrNoSchemeIsRefused() throws {
        let path = try only(EdgeRules.cloudflaredIngress) { $0.tunnel.origin = "http://127.0.0.1:3000/" }
        #expect(path.keyPath == "tunnel.origin")
        #expect(path.message == "cloudflared refuses 'http://127.0.0.1:3000/' as the service of ingress rule #1")
        #expect(path.hint?.contains("ingress rules don't support proxying to a different path on the origin service") == true)
        let scheme = try only(EdgeRules.cloudflaredIngress) { $0.tunnel.origin = "localhost:3000" }
        #expect(scheme.hint?.hasPrefix("cloudflared: \"localhost:3000 is an invalid address, please make sure it has a scheme and a hostname\"") == true)
    }

    @Test func ingressChecksMirrorCloudflaredsFixtures() {
        // ingress_test.go's valid services, and its invalid ones with their errors.
        for ok in ["http://localhost:8000", "https://localhost:8000", "wss://localhost:8000", "tcp://127.0.0.1", "ssh://localhost:22",
                   "unix:/tmp/echo.sock", "unix+tls:/tmp/echo.sock", "http_status:404", "hello_world", "bastion", "socks-proxy"] {
            #expect(CloudflaredIngress.serviceError(ok) == nil, "\(ok)")
        }
        #expect(CloudflaredIngress.serviceError("http_status:asdf") == "invalid HTTP status code: strconv.Atoi: parsing \"asdf\": invalid syntax")
        #expect(CloudflaredIngress.serviceError("http_status:1000") == "invalid HTTP status code: 1000")
        #expect(CloudflaredIngress.serviceError("https://localhost:8000/static/")?.hasSuffix("The path will be the same as the eyeball request's path") == true)
        #expect(CloudflaredIngress.serviceError("") == " is an invalid address, please make sure it has a scheme and a hostname")
        // The last rule must be the catch-all.
        let noCatchAll = CloudflaredIngress(rules: [.init(hostname: "a.example.com", service: "http://localhost:1", source: "x")],
                                            originRequest: OriginRequest(connectTimeout: Seconds(30), keepAliveTimeout: Seconds(90), noTLSVerify: false, http2Origin: false))
        #expect(noCatchAll.problems().map(\.cloudflaredError) == ["The last ingress rule must match all URLs (i.e. it should not have a hostname or path filter)"])
        // A "catch-all" with a path is not one.
        let pathed = CloudflaredIngress(rules: [.init(hostname: "", path: "^/x", service: "http_status:404", source: "x")],
                                        originRequest: noCatchAll.originRequest)
        #expect(pathed.problems().count == 1)
    }

    @Test func derivedIngressEndsWithThePathlessCatchAll() throws {
        let ingress = CloudflaredIngress(try shippedTopology())
        #expect(ingress.rules.map(\.hostname) == ["llm.fsagent.cc", ""])
        #expect(ingress.rules.last?.service == "http_status:404")
        #expect(ingress.rules.last?.isCatchAll == true)
        #expect(ingress.rules.allSatisfy { $0.path.isEmpty })
        #expect(ingress.problems().isEmpty)
    }

    // MARK: Terraform names

    @Test func terraformNamesDoNotCollide() throws {
        let d = try only(EdgeRules.terraformNames) { t in
            t.access.serviceTokens.append(ServiceToken(name: "newapi_consumers", duration: Seconds(3600),
                                                       clientIDSecret: "cf-access-client-id", clientSecretSecret: "cf-access-client-secret"))
        }
        #expect(d.keyPath == "access.service_tokens[1].name")
        #expect(d.message == "service tokens 'newapi_consumers' and 'newapi-consumers' both become the Terraform name newapi_consumers")
        #expect(TerraformString.identifier("*.fsagent.cc") == "wildcard_fsagent_cc")
        #expect(TerraformString.identifier("3rd-Party") == "_3rd_party")
    }

    @Test func secretsNameRealTerraformOutputs() throws {
        let typo = try only(EdgeRules.terraformOutputNames) { $0.secrets[5].generate = "terraform output -raw tunel_token" }
        #expect(typo.keyPath == "secrets[5].generate")
        #expect(typo.message == "'terraform output tunel_token' names no output of the generated Terraform")
        #expect(typo.hint == "the outputs (tunnel mode remote) are: access_client_id, access_client_secret, tunnel_id, tunnel_token")
        #expect(typo.location?.line == (try line("terraform output -raw tunnel_token")))
        // A local-mode tunnel has credentials, not a token.
        let local = try only(EdgeRules.terraformOutputNames) { $0.tunnel.mode = .local }
        #expect(local.hint == "the outputs (tunnel mode local) are: access_client_id, access_client_secret, tunnel_credentials, tunnel_id")
        #expect(EdgeRules.terraformOutputName(in: "terraform -chdir=terraform output -json access_client_id") == "access_client_id")
        #expect(EdgeRules.terraformOutputName(in: "openssl rand -hex 32") == nil)
    }

    // MARK: through the loader

    @Test func aProfileTextErrorIsLocated() throws {
        let text = try String(contentsOfFile: repoPath("profiles/vultr-jp.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "      path: /v1/*", with: "      path: /v1")
        let loaded = loadText(text, name: "edge")
        let t = try #require(loaded.topology)
        let found = Validator.validate(t).errors.filter { $0.keyPath.hasPrefix("access.") }
        #expect(found.map(\.description) == [
            "profiles/edge.yaml:\(try line("path: /v1/*")):7: error: access.surfaces[0].path: '/v1' is not a surface path topogen can enforce\n"
                + "  hint: write / for the whole hostname (every path), or a prefix such as /v1/* (/v1 and below; letters, digits, . _ ~ - between slashes)",
        ])
    }
}
