import Testing
import TopologyModel
@testable import Validation

/// Each rule both ways: silent on the shipped profile, and firing (with its key path) on a
/// mutated copy.
@Suite struct ValidationRuleTests {
    func messages(_ rule: Rule, _ mutate: (inout Topology) -> Void) throws -> [Diagnostic] {
        var t = try shippedTopology()
        #expect(rule.check(t).errors.isEmpty, "\(rule.name) must pass on the shipped profile")
        mutate(&t)
        return rule.check(t)
    }

    @Test func shippedProfileHasNoErrors() throws {
        #expect(Validator.validate(try shippedTopology()).errors.isEmpty)
    }

    @Test func gatewayMustBindLoopback() throws {
        let found = try messages(GatewayRules.loopbackWhenTunnelOnly) { $0.gateway.bind = "0.0.0.0" }
        #expect(found.errors.map(\.keyPath) == ["gateway.bind"])
        #expect(found.first?.location?.line != nil)
    }

    @Test func portsMustBeInRange() throws {
        #expect(try messages(GatewayRules.portsInRange) { $0.gateway.port = 70000 }.errors.map(\.keyPath) == ["gateway.port"])
    }

    @Test func gatewayPortMustBeFreeOnItsHost() throws {
        let found = try messages(GatewayRules.uniquePortsPerHost) { $0.gateway.port = 41388 }
        #expect(found.errors.first?.message.contains("ssserver") == true)
    }

    @Test func cpuCapMustFitTheHost() throws {
        #expect(try messages(GatewayRules.cpusFitHost) { $0.gateway.limits.cpus = "1.5" }.errors.count == 1)
        #expect(try messages(GatewayRules.cpusFitHost) { $0.gateway.limits.cpus = "half" }.errors.count == 1)
    }

    @Test func proxyVariablesAreRefused() throws {
        let found = try messages(GatewayRules.noProxyVariables) { $0.gateway.environment.append(EnvironmentEntry(name: "ALL_PROXY", value: "socks5://x")) }
        #expect(found.errors.map(\.keyPath) == ["gateway.environment.ALL_PROXY"])
    }

    @Test func healthcheckMustBeAbleToFail() throws {
        #expect(try messages(GatewayRules.healthcheckPath) { $0.gateway.healthcheck.path = "/" }.warnings.count == 1)
        #expect(try messages(GatewayRules.healthcheckPath) { $0.gateway.healthcheck.timeout = Seconds(60) }.errors.count == 1)
    }

    @Test func memoryBudgetWarnsWithThePlansFigures() throws {
        let t = try shippedTopology()
        let warning = try #require(BudgetRules.memoryCapFitsHost.check(t).first)
        #expect(warning.severity == .warning)
        #expect(warning.message.contains("951 MiB RAM") && warning.message.contains("377.5 MiB") && warning.message.contains("139.5 MiB"))
        #expect(warning.message.contains("1800 MiB of swap"))
        let over = try messages(BudgetRules.memoryCapFitsHost) { $0.gateway.limits.memory = ByteSize(parsing: "600m")! }
        #expect(over.errors.first?.message.contains("exceeds that by 76.5 MiB") == true)
        let roomy = try messages(BudgetRules.memoryCapFitsHost) { $0.gateway.limits.memory = ByteSize(parsing: "128m")! }
        #expect(roomy.isEmpty)
    }

    @Test func referencesMustResolve() throws {
        #expect(try messages(ReferenceRules.gatewayHostExists) { $0.gateway.host = "nowhere" }.errors.count == 1)
        #expect(try messages(ReferenceRules.gatewaySecretsExist) { $0.gateway.secrets = ["nope"] }.errors.map(\.keyPath) == ["gateway.secrets[0]"])
        #expect(try messages(ReferenceRules.tunnelTokenSecretExists) { $0.tunnel.tokenSecret = nil }.errors.count == 1)
        #expect(try messages(ReferenceRules.serviceTokenSecretsExist) { $0.access.serviceTokens[0].clientIDSecret = "x" }.errors.count == 1)
        #expect(try messages(ReferenceRules.uniqueHostNames) { $0.hosts.append($0.hosts[0]) }.errors.count == 1)
        #expect(try messages(ReferenceRules.uniqueSecretNames) { $0.secrets.append($0.secrets[0]) }.errors.count == 1)
        #expect(try messages(ReferenceRules.secretHostsExist) { $0.secrets[0].mode = nil }.errors.count == 1)
    }

    @Test func secretFilesMustBePrivate() throws {
        #expect(try messages(SecretRules.fileSecretsArePrivate) { $0.secrets[0].mode = "0644" }.errors.map(\.keyPath) == ["secrets[0].mode"])
        #expect(try messages(SecretRules.secretsAreUsed) { $0.gateway.secrets = [] }.warnings.count == 1)
    }

    @Test func planDriftIsExplained() throws {
        let t = try shippedTopology()
        let ports = PlanDriftRules.preflightPortsTheGatewayDoesNotUse.check(t)
        #expect(ports.map(\.keyPath) == ["gateway.preflight_ports[1]"])
        #expect(ports.first?.message.contains("no metrics port 9092") == true)
        #expect(PlanDriftRules.serviceInstallUnitName.check(t).first?.message.contains("cloudflared.service") == true)
        var local = t
        local.tunnel.mode = .local
        #expect(PlanDriftRules.serviceInstallUnitName.check(local).isEmpty)
        var planless = t
        planless.plan = nil
        #expect(PlanDriftRules.serviceInstallUnitName.check(planless).isEmpty, "no plan says to run it, so nothing drifted")
        #expect(try messages(PlanDriftRules.unitNameClash) { $0.tunnel.unit = "cloudflared.service" }.errors.count == 1)
        var pinned = t
        pinned.gateway.tag = "v0.6.3.1"
        #expect(PlanDriftRules.unpinnedImage.check(pinned).isEmpty && !PlanDriftRules.unpinnedImage.check(t).isEmpty)
    }
}

/// What the systemd unit and the env files would refuse at render time is refused by `validate`
/// first, located at the key.
@Suite struct ArtifactFactRuleTests {
    @Test func aUnitNameWithoutServiceSuffixIsALocatedError() throws {
        var topology = try shippedTopology("vultr-jp")
        topology.tunnel.unit = "newapi-cloudflared"
        let found = Validator.validate(topology).errors
        #expect(found.map(\.keyPath) == ["tunnel.unit"])
        #expect(found.first?.location != nil)
    }

    @Test func relativeOrBlankPathsInTheUnitAreLocatedErrors() throws {
        var topology = try shippedTopology("vultr-jp")
        topology.tunnel.binary = "usr/bin/cloudflared"
        let tokenIndex = try #require(topology.secrets.firstIndex { $0.name == topology.tunnel.tokenSecret })
        topology.secrets[tokenIndex].location = "/etc/cloudflared/my token"
        let paths = Validator.validate(topology).errors.map(\.keyPath)
        #expect(Set(paths) == ["tunnel.binary", "secrets[\(tokenIndex)].location"])
    }

    @Test func aSecretEnvThatIsNoVariableNameIsALocatedError() throws {
        var topology = try shippedTopology("vultr-jp")
        topology.secrets[0].env = "SESSION SECRET"
        #expect(Validator.validate(topology).errors.map(\.keyPath) == ["secrets[0].env"])
    }

    @Test func theShippedProfilesPassTheseRules() throws {
        for name in ["vultr-jp", "hetzner-de"] {
            let topology = try shippedTopology(name)
            #expect(ArtifactFactRules.all.flatMap { $0.check(topology) }.isEmpty, "\(name)")
        }
    }
}

@Suite struct SecretFileLocationTests {
    /// A file secret is stored over ssh by `install … /dev/stdin LOCATION`: only an absolute path
    /// lands where the profile means.
    @Test(arguments: ["~/digest/token", "digest/token"])
    func aRelativeFileSecretIsRefusedWhereItIsWritten(location: String) throws {
        var t = try shippedTopology("hetzner-de")
        let index = try #require(t.secrets.firstIndex { $0.store == .file && $0.name != t.tunnel.tokenSecret && $0.location == "/srv/digest/token" })
        #expect(Validator.validate(t, rules: ArtifactFactRules.all).isEmpty)
        t.secrets[index].location = location
        let found = Validator.validate(t, rules: ArtifactFactRules.all)
        #expect(found.map(\.code) == ["secret-file-location"])
        #expect(found.first?.keyPath == "secrets[\(index)].location")
        #expect(found.first?.location?.line == 263)
    }
}
