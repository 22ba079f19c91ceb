import Foundation
import Testing
@testable import Artifacts
import Rendering
import TopologyModel
@testable import Validation

// Host and gateway facts as they really behave: a budget that counts everything, containers that
// cannot reach the host's loopback, the edge's 100-second timeout, obsolete variables, and the
// clients that read (or do not read) a consumer's header variable.

private func mib(_ n: Int64) -> Int64 { n * 1_048_576 }

/// A small host with nothing else listed: the shipped profile's gateway host, emptied.
private func tinyHost(ram: String, cap: String) throws -> Topology {
    var t = try shippedTopology("vultr-jp")
    let index = try #require(t.hosts.firstIndex { $0.name == t.gateway.host })
    t.hosts[index].memory = ByteSize(parsing: ram)
    t.hosts[index].workloads = []
    t.hosts[index].swap = ByteSize(bytes: 0, spelling: "0")
    t.hosts[index].swapInUse = nil
    t.gateway.limits.memory = try #require(ByteSize(parsing: cap))
    return t
}

@Suite struct MemoryBudgetTests {
    /// 512 MiB, a 256 MiB cap and no workloads listed: the reserve (160) and the connector (50)
    /// leave 46 MiB, below the 128 MiB floor a host needs.
    @Test func tinyHostWarnsWithEveryFigure() throws {
        let t = try tinyHost(ram: "512m", cap: "256m")
        let budget = MemoryBudget(t)
        #expect(budget.reserve?.bytes == mib(160) && budget.reserve?.source == .estimated)
        #expect(budget.connector.bytes == mib(50))
        #expect(budget.headroom == mib(46))
        #expect(budget.neededHeadroom == mib(128))
        let warning = try #require(BudgetRules.memoryCapFitsHost.check(t).first)
        #expect(warning.severity == .warning)
        for figure in ["512 MiB RAM", "kernel and container runtime 160 MiB", "50 MiB (estimated)", "leaves 46 MiB", "needs 128 MiB", "lower the cap to 174 MiB"] {
            #expect(warning.message.contains(figure) || warning.hint?.contains(figure) == true, "\(figure) in \(warning)")
        }
    }

    /// A big host is held to the same rule: a fifth of RAM up to 1 GiB must stay free.
    @Test func bigHostIsWarnedToo() throws {
        let t = try tinyHost(ram: "64g", cap: "63g")
        #expect(MemoryBudget(t).neededHeadroom == mib(1024))
        #expect(BudgetRules.memoryCapFitsHost.check(t).first?.severity == .warning)
        let roomy = try tinyHost(ram: "64g", cap: "32g")
        #expect(BudgetRules.memoryCapFitsHost.check(roomy).isEmpty)
    }

    /// A measured reserve replaces the estimate; a listed `system` workload replaces it too.
    @Test func reserveIsOverridablePerHost() throws {
        var t = try tinyHost(ram: "512m", cap: "256m")
        let index = try #require(t.hosts.firstIndex { $0.name == t.gateway.host })
        t.hosts[index].reserve = ByteSize(parsing: "60m")
        #expect(MemoryBudget(t).reserve == MemoryBudget.Term(name: "kernel and container runtime", bytes: mib(60), source: .profile))
        #expect(BudgetRules.memoryCapFitsHost.check(t).isEmpty)
        let shipped = try shippedTopology("vultr-jp")
        #expect(MemoryBudget(shipped).reserve == nil, "its 'dockerd + host services' workload is the reserve")
    }

    @Test func shippedHostFiguresCountTheConnector() throws {
        let t = try shippedTopology("vultr-jp")
        let budget = MemoryBudget(t)
        #expect(budget.headroom == Int64((951 - 377.5 - 50 - 384) * 1_048_576))
        let warning = try #require(BudgetRules.memoryCapFitsHost.check(t).first)
        #expect(warning.message.contains("leaves 139.5 MiB (14.7% of RAM)"))
        #expect(warning.message.contains("needs 190.2 MiB"))
        #expect(warning.message.contains("1800 MiB of swap"))
        var over = t
        over.gateway.limits.memory = try #require(ByteSize(parsing: "600m"))
        #expect(BudgetRules.memoryCapFitsHost.check(over).errors.first?.message.contains("exceeds that by 76.5 MiB") == true)
    }
}

@Suite struct ContainerRuleTests {
    @Test func hostLoopbackInADSNIsAnErrorWithTheFix() throws {
        for dsn in ["postgresql://llm:pw@127.0.0.1:5432/llm", "root:pw@tcp(localhost:3306)/newapi", "redis://localhost"] {
            var t = try shippedTopology("hetzner-de")
            t.gateway.environment.append(EnvironmentEntry(name: "SQL_DSN", value: dsn))
            let found = ContainerRules.noHostLoopbackFromBridge.check(t)
            #expect(found.errors.map(\.keyPath) == ["gateway.environment.SQL_DSN"], "\(dsn)")
            #expect(found.first?.hint?.contains("host-gateway") == true)
        }
        var fine = try shippedTopology("hetzner-de")
        fine.gateway.environment.append(EnvironmentEntry(name: "SQL_DSN", value: "postgresql://llm@host.docker.internal:5432/llm"))
        fine.gateway.environment.append(EnvironmentEntry(name: "NOTE", value: "127.0.0.1 is fine in prose"))
        #expect(ContainerRules.noHostLoopbackFromBridge.check(fine).isEmpty)
    }

    @Test func aGatewaySecretMadeWithALoopbackDSNIsAnError() throws {
        var t = try shippedTopology("hetzner-de")
        t.secrets[0].generate = "printf 'postgres://digest:%s@127.0.0.1:5432/llmgw' \"$(openssl rand -hex 16)\""
        #expect(ContainerRules.noHostLoopbackFromBridge.check(t).errors.map(\.keyPath) == ["secrets[0].generate"])
    }

    @Test func streamingTimeoutAboveTheEdgeWarnsWithTheNumbers() throws {
        let shipped = try shippedTopology("hetzner-de")
        #expect(ContainerRules.timeoutsWithinEdge.check(shipped).isEmpty, "the shipped 90 s stays below the edge")
        var t = shipped
        let index = try #require(t.gateway.environment.firstIndex { $0.name == "STREAMING_TIMEOUT" })
        t.gateway.environment[index].value = "300"
        let warning = try #require(ContainerRules.timeoutsWithinEdge.check(t).first)
        #expect(warning.keyPath == "gateway.environment.STREAMING_TIMEOUT")
        #expect(warning.message.contains("300 s") && warning.message.contains("100 s") && warning.message.contains("524"))
        #expect(warning.hint?.contains("ping keep-alive") == true)
    }

    @Test func consumerTimeoutAboveTheEdgeWarnsOnlyThroughTheTunnel() throws {
        var t = try shippedTopology("hetzner-de")
        let ci = try #require(t.consumers.firstIndex { $0.name == "ci-runner" })
        let variable = try #require(t.consumers[ci].environment.firstIndex { $0.name == "LLMGW_TIMEOUT_SECONDS" })
        t.consumers[ci].variables[variable].value = .literal("120")
        let warning = try #require(ContainerRules.timeoutsWithinEdge.check(t).first)
        #expect(warning.keyPath == "consumers[\(ci)].variables[\(variable)].literal")
        #expect(warning.message.contains("ci-runner waits up to 120 s"))
        t.consumers[ci].variables[variable] = EnvVariable(name: "TIMEOUT_MS", value: .literal("150000"))
        #expect(ContainerRules.timeoutsWithinEdge.check(t).first?.message.contains("150 s") == true)
        t.consumers[ci].reach = .loopback
        #expect(ContainerRules.timeoutsWithinEdge.check(t).isEmpty, "loopback never meets the edge")
    }

    /// A timeout the profile states with the consumer (its code's, whatever its variables are
    /// called) is compared too, at the key that states it, loaded from the profile's text.
    @Test func aStatedRequestTimeoutAboveTheEdgeWarns() throws {
        let text = try String(contentsOfFile: repoPath("profiles/hetzner-de.yaml"), encoding: .utf8)
        let anchor = "    env_file: /etc/jupyter/openai.env\n"
        #expect(text.components(separatedBy: anchor).count == 2)
        let loaded = loadText(text.replacingOccurrences(of: anchor, with: anchor + "    request_timeout: 2m\n"), name: "hetzner-de")
        var t = try #require(loaded.topology, "\(loaded.diagnostics)")
        let lab = try #require(t.consumers.firstIndex { $0.name == "lab-notebooks" })
        #expect(t.consumers[lab].requestTimeout == Seconds(120))
        let warnings = ContainerRules.timeoutsWithinEdge.check(t)
        #expect(warnings.map(\.keyPath) == ["consumers[\(lab)].request_timeout"])
        #expect(warnings.first?.message.contains("lab-notebooks waits up to 120 s (request_timeout)") == true)
        let envFileLine = try #require(text.components(separatedBy: "\n").firstIndex { $0 + "\n" == anchor }) + 1
        #expect(warnings.first?.location?.line == envFileLine + 1)
        t.consumers[lab].requestTimeout = Seconds(90)
        #expect(ContainerRules.timeoutsWithinEdge.check(t).isEmpty, "90 s ends before the edge's 100 s")
    }

    @Test func tokenizerCacheIsObsolete() throws {
        var t = try shippedTopology("vultr-jp")
        #expect(PlanDriftRules.obsoleteTokenizerCache.check(t).isEmpty)
        #expect(!t.gateway.environment.contains { $0.name == "TIKTOKEN_CACHE_DIR" }, "the shipped profiles no longer set it")
        t.gateway.environment.append(EnvironmentEntry(name: "TIKTOKEN_CACHE_DIR", value: "/data/tiktoken"))
        #expect(PlanDriftRules.obsoleteTokenizerCache.check(t).map(\.keyPath) == ["gateway.environment.TIKTOKEN_CACHE_DIR"])
    }
}
