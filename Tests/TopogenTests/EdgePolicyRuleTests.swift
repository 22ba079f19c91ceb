import Deployment
import Foundation
import Rendering
import Testing
@testable import Artifacts
import TopologyModel
@testable import Validation

/// The edge's new rules both ways (silent on the shipped profile, firing on a mutated copy with
/// the located message), and the render-time judgement on the files read back.
@Suite struct EdgePolicyRuleTests {
    func only(_ rule: Rule, _ profile: String = "ovh-split", _ mutate: (inout Topology) -> Void) throws -> Diagnostic {
        var t = try shippedTopology(profile)
        #expect(rule.check(t).isEmpty, "\(rule.name) must be silent on \(profile): \(rule.check(t).map(\.description))")
        mutate(&t)
        let found = rule.check(t)
        #expect(found.count == 1, "\(rule.name): \(found.map(\.description))")
        return try #require(found.first)
    }

    // MARK: policies

    @Test func aBypassSharesItsPathWithNothing() throws {
        let d = try only(AccessPolicyRules.bypassAlone) {
            $0.access.surfaces.append(AccessSurface(name: "status-admins", hostname: "admin.orbitkit.dev", path: "/api/status/*", policy: .identity))
        }
        #expect(d.keyPath == "access.surfaces[2].policy")
        #expect(d.message.hasPrefix("admin.orbitkit.dev/api/status/* is bypass and also surface status-admins's path: a bypass turns Access off there"))
        #expect(d.location?.line != nil)
    }

    @Test func anEmailDomainIsADomainNotAnAddress() throws {
        let star = try only(EdgeRules.emailOTPAdmins, "vultr-jp") { $0.access.admins = ["*@fsagent.cc"] }
        #expect(star.message == "'*@fsagent.cc' would be an e-mail address that matches nobody")
        #expect(star.hint == "admit the whole domain with access.admin_domains: [fsagent.cc] (an email_domain selector)")
        let domain = try only(AccessPolicyRules.adminDomains) { $0.access.adminDomains = ["@orbitkit.dev"] }
        #expect(domain.keyPath == "access.admin_domains[0]")
    }

    @Test func anIdentitySurfaceNeedsItsProvider() throws {
        let d = try only(AccessPolicyRules.identityLogin) { $0.access.identityProvider = nil }
        #expect(d.keyPath == "access.surfaces[1].policy")
        #expect(d.message.hasPrefix("an identity surface logs people in with a named identity provider"))
    }

    @Test func aConsumerNamesARealHostnameAndToken() throws {
        let host = try only(AccessPolicyRules.consumerHostname) { $0.consumers[0].hostname = "api.orbitkit.de" }
        #expect(host.message == "no gateway hostname 'api.orbitkit.de' (did you mean 'api.orbitkit.dev'?)")
        let token = try only(AccessPolicyRules.consumerToken) { $0.consumers[0].serviceToken = "backends" }
        #expect(token.keyPath == "consumers[0].service_token")
        #expect(token.message == "no service token named 'backends' (did you mean 'backend'?)")
    }

    @Test func aConsumerWhoseTokenIsNotAdmittedIsAnErrorAtTheConsumer() throws {
        var t = try shippedTopology("free-two-tokens")
        #expect(ExpectationRules.expectationOutcomes.check(t).isEmpty)
        t.access.surfaces[0].serviceTokens = ["crawler"]
        let found = ExpectationRules.expectationOutcomes.check(t)
        // The consumer's own, and the profile's two lines that send chatbot's token.
        #expect(found.map(\.keyPath) == ["expectations.requests[1]", "expectations.requests[2]", "consumers[1].service_token"])
        let d = try #require(found.last)
        #expect(d.severity == .error)
        #expect(d.keyPath == "consumers[1].service_token")
        #expect(d.message == "POST gw.tallowbird.net/v1/chat/completions token chatbot expected origin, got access-denied (decided by application api_v1); expected because consumer chatbot calls https://gw.tallowbird.net/v1 carrying service token chatbot")
        #expect(d.hint?.contains("topogen trace free-two-tokens POST https://gw.tallowbird.net/v1/chat/completions --token chatbot") == true)
        #expect(d.location?.line != nil)
    }

    @Test func theUIBlockedBeforeAccessIsAnError() throws {
        // The pre-fix vultr-jp: no root surface, so the UI's /static/ and SPA routes hit the deny.
        let found = try {
            var t = try shippedTopology("vultr-jp")
            t.access.surfaces.removeAll { $0.isRoot }
            t.expectations = Expectations()
            return ExpectationRules.expectationOutcomes.check(t)
        }()
        #expect(found.contains { $0.message.hasPrefix("GET llm.fsagent.cc/static/js/index.js anonymous expected access-login, got blocked (decided by default_deny_llm_fsagent_cc)") })
        #expect(found.allSatisfy { $0.keyPath == "access.surfaces[1]" })
    }

    @Test func writtenExpectationsAreLocatedAndParsed() throws {
        let syntax = try only(ExpectationRules.expectationSyntax) { $0.expectations.requests[0] = "GET admin.orbitkit.dev/ nobody -> origin" }
        #expect(syntax.keyPath == "expectations.requests[0]")
        #expect(syntax.message == "'nobody' is not who sends the request")
        let token = try only(ExpectationRules.expectationSyntax) { $0.expectations.requests[0] = "GET admin.orbitkit.dev/ token nope -> origin" }
        #expect(token.message == "no service token named 'nope'")
        let outcome = try only(ExpectationRules.expectationOutcomes) { $0.expectations.requests[7] = "GET api.orbitkit.dev/ anonymous -> access-login" }
        #expect(outcome.keyPath == "expectations.requests[7]")
        #expect(outcome.message == "GET api.orbitkit.dev/ anonymous expected access-login, got blocked (decided by default_deny_api_orbitkit_dev)")
    }

    // MARK: plan

    @Test func rateLimitsFitThePlan() throws {
        let period = try only(ZonePlanRules.rateLimitPlan, "free-two-tokens") { $0.waf.rateLimits[0].period = Seconds(60) }
        #expect(period.message == "period 1m is not one the free plan accepts" && period.hint == "use one of 10s (zone.plan: free)")
        let challenge = try only(ZonePlanRules.rateLimitPlan, "free-two-tokens") { $0.waf.rateLimits[0].action = .managedChallenge }
        #expect(challenge.keyPath == "waf.rate_limits[0].mitigation_timeout")
        #expect(challenge.message.contains("requires mitigation_timeout 0s"))
        let log = try only(ZonePlanRules.rateLimitPlan, "ovh-split") { $0.waf.rateLimits[0].action = .log }
        #expect(log.message == "action log is not available on the pro plan")
        var enterprise = try shippedTopology("ovh-split")
        enterprise.zone.plan = .enterprise
        enterprise.waf.rateLimits[0].action = .log
        enterprise.waf.rateLimits[0].period = Seconds(300)
        #expect(ZonePlanRules.rateLimitPlan.check(enterprise).isEmpty)
        let count = try only(ZonePlanRules.rateLimitCount, "free-two-tokens") { $0.waf.rateLimits.append($0.waf.rateLimits[0]) }
        #expect(count.message == "the free plan allows 1 rate-limit rule; the profile has 2")
    }

    @Test func aFreePlanRuleCannotNameItsHostnameAndSaysSo() throws {
        let t = try shippedTopology("free-two-tokens")
        let warning = try #require(ZonePlanRules.rateLimitHostnameScope.check(t).first)
        #expect(warning.severity == .warning)
        #expect(warning.message == "the free plan's rate limits cannot read http.host: v1-per-ip counts /v1 on every hostname of tallowbird.net, not only gw.tallowbird.net")
        let rule = try #require(EdgePlan(t).rateLimits.first)
        #expect(!rule.expression.reads(.host) && !rule.scopedToHostname)
        #expect(rule.period == 10 && rule.mitigationTimeout == 10 && rule.characteristics == ["cf.colo.id", "ip.src"])
        #expect(ZonePlanRules.rateLimitHostnameScope.check(try shippedTopology("ovh-split")).isEmpty)
        #expect(try #require(EdgePlan(try shippedTopology("ovh-split")).rateLimits.first).expression.reads(.host))
    }

    @Test func onlyListedZoneSettingsAreManaged() throws {
        let free = try shippedTopology("free-two-tokens")
        #expect(free.zone.settings.managed.isEmpty)
        // Nothing to manage: no resource block at all (Terraform refuses an empty one).
        let zoneFile = try #require(try renderedFiles(free).first { $0.path == "terraform/zone.tf.json" }).contents
        #expect(!zoneFile.contains("\"resource\""))
        let ovh = try shippedTopology("ovh-split")
        #expect(ovh.zone.settings.managed.map { "\($0.id)=\($0.value)" } == ["ssl=full", "always_use_https=on", "min_tls_version=1.2", "tls_1_3=on"])
        let d = try only(ZonePlanRules.tlsSettings) { $0.zone.settings.minTLSVersion = .v1_3; $0.zone.settings.tls13 = .off }
        #expect(d.keyPath == "zone.settings.min_tls_version")
        var zero = ovh
        zero.zone.settings.zeroRTT = true
        #expect(zero.zone.settings.managed.last.map { "\($0.name) \($0.id)" } == "zero_rtt 0rtt")
    }

    @Test func aHostMayHaveNoSwap() throws {
        let host = try #require(try shippedTopology("free-two-tokens").host(named: "scw-par"))
        #expect(host.swap?.bytes == 0 && host.swapInUse?.bytes == 0)
        #expect(ByteSize(parsing: "0") == nil, "zero is refused where it is not declared a real answer")
    }

    // MARK: render time, on the files read back

    func renderedFiles(_ t: Topology) throws -> [GeneratedFile] {
        var renderer = ProfileRenderer(templates: try TemplateLibrary(directory: repoPath("templates")), artifacts: [CloudflaredConfigArtifact(), TerraformArtifact()])
        renderer.checksExpectations = false
        return try renderer.render(t).files
    }

    @Test func theRenderedFilesReadBackAsThePlan() throws {
        for name in ["vultr-jp", "hetzner-de", "ovh-split", "free-two-tokens"] {
            let t = try shippedTopology(name)
            let readBack = try EdgeReadBack.snapshot(t, files: try renderedFiles(t))
            var planned = EdgeSnapshot(plan: EdgePlan(t), ingress: CloudflaredIngress(t))
            planned.sources = readBack.sources
            #expect(readBack.firewall == planned.firewall, "\(name)")
            #expect(readBack.rateLimits == planned.rateLimits, "\(name)")
            #expect(readBack.ingress == planned.ingress, "\(name)")
            #expect(Set(readBack.applications.map(\.id)) == Set(planned.applications.map(\.id)), "\(name)")
            for app in planned.applications { #expect(readBack.applications.first { $0.id == app.id } == app, "\(name) \(app.id)") }
        }
    }

    @Test func anEditedFileFailsTheExpectationsAtRenderTime() throws {
        let t = try shippedTopology("ovh-split")
        var files = try renderedFiles(t)
        try EdgeExpectationCheck.verify(t, files: files)
        // The deny rule's host condition edited to another hostname: api.orbitkit.dev/ now reaches the origin.
        let index = try #require(files.firstIndex { $0.path == "terraform/waf.tf.json" })
        files[index].contents = files[index].contents.replacingOccurrences(of: #"http.host eq \"api.orbitkit.dev\""#, with: #"http.host eq \"apl.orbitkit.dev\""#)
        #expect(throws: EdgeExpectationCheck.Failure.self) { try EdgeExpectationCheck.verify(t, files: files) }
        do { try EdgeExpectationCheck.verify(t, files: files) } catch let failure as EdgeExpectationCheck.Failure {
            #expect(failure.diagnostics.contains { $0.message == "rendered edge: GET api.orbitkit.dev/ anonymous expected blocked, got origin (decided by ingress api.orbitkit.dev)" && $0.location != nil })
        }
        // An expression outside the subset cannot slip through unevaluated.
        files[index].contents = files[index].contents.replacingOccurrences(of: "http.host eq", with: "http.cookie eq")
        #expect(throws: EdgeReadBack.Failure.self) { try EdgeExpectationCheck.verify(t, files: files) }
    }
}
