import Deployment
import Formats
import Foundation
import Testing
@testable import Artifacts
import ProfileLoader
import Rendering
import TopologyModel
@testable import Validation

// MARK: - runbook

@Suite("HostConsumer: runbook")
struct HostConsumerRunbookTests {
    @Test func vultrRunbookCarriesBudgetOwnershipFirstRunAndDiagram() throws {
        let topology = try shippedTopology("vultr-jp")
        let text = try Repo.render(topology, artifact: RunbookArtifact())[0].contents
        #expect(text.contains("| **headroom** |  |  | **139.5 MiB (14.7 % of RAM)** |"))
        #expect(text.contains("| this deployment's connector (`newapi-cloudflared.service`) | root | new, estimated | 50 MiB |"))
        #expect(text.contains("| **committed** |  |  | **811.5 MiB** |"))
        #expect(text.contains("| headroom this host needs |  |  | 190.2 MiB |"))
        #expect(text.contains("**Too little headroom**: 139.5 MiB is left, and this host needs 190.2 MiB"))
        #expect(text.contains("| swap in use |  |  | 1800 MiB of 3072 MiB |"))
        #expect(text.contains("| `openclaw` | twilight-backend zombie container; prd-dashboard cloudflared | PRD-related; do not co-mingle |"))
        #expect(text.contains("no longer exists"))
        #expect(text.contains("ssh -N -L 3000:127.0.0.1:3000 -- vultr"))
        #expect(text.contains("security add-generic-password -U -a admin -s newapi-admin-vultr-jp -w"))
        #expect(text.contains("never opens 9092"))
        #expect(!text.contains("ss -Hltn 'sport = :9092'"))
        #expect(text.contains("```mermaid\nflowchart LR\n"))
        #expect(text.contains("`cloudflared.service` is already the name of `cloudflared (prd-dashboard)`"))
        #expect(text.contains("docker stop twilight-backend"))
        #expect(text.contains("ufw delete allow 41388/tcp"))
        // The first run comes before the step that puts the hostname live.
        let firstRun = try #require(text.range(of: "### 4. First run over loopback"))
        let unitStep = try #require(text.range(of: "### 9. Install the generated newapi-cloudflared.service"))
        #expect(firstRun.lowerBound < unitStep.lowerBound)
    }

    @Test func hetznerRunbookFollowsItsOwnShape() throws {
        let topology = try shippedTopology("hetzner-de")
        let text = try Repo.render(topology, artifact: RunbookArtifact())[0].contents
        #expect(text.contains("| **headroom** |  |  | **2457 MiB (64.4 % of RAM)** |"))
        #expect(!text.contains("Too little headroom"))
        #expect(text.contains("sed \"s/TUNNEL_ID/$TUNNEL_UUID/g\" systemd/llmgw-cloudflared.service |"))
        #expect(text.contains("must be world-readable (`0644`)"))
        #expect(text.contains("### 11. Remove what this deployment retires"))
        #expect(text.contains("### 12. End-to-end verification"))
        #expect(text.contains("upstream0[\"OpenRouter\"]"))
        #expect(text.contains("consumer2 -->|\"http://127.0.0.1:3080/v1\"| gateway"))
        #expect(!text.contains("One-time PIN login method is enabled"))
        #expect(!text.contains("9092"))
    }

    @Test func markdownCheckCatchesBrokenStructure() throws {
        let good = "# T\n\n```mermaid\nflowchart LR\n  a --> b\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
        try Markdown.check(good, requiredHeadings: ["# T"])
        #expect(throws: Markdown.Problem.self) { try Markdown.check("# T\n```mermaid\nflowchart LR\n", requiredHeadings: []) }
        #expect(throws: Markdown.Problem.self) { try Markdown.check(good + "| 1 | 2 | 3 |\n", requiredHeadings: []) }
        #expect(throws: Markdown.Problem.self) { try Markdown.check(good, requiredHeadings: ["# T", "## Missing"]) }
        #expect(throws: Markdown.Problem.self) { try Markdown.check("# T\n", requiredHeadings: []) }
        #expect(Markdown.cells("| a \\| b | `c` |") == 2)
        #expect(Markdown.mermaidLabel("say \"hi\" #1") == "\"say #quot;hi#quot; #35;1\"")
    }
}

// MARK: - the second profile

@Suite("HostConsumer: second profile")
struct HostConsumerSecondProfileTests {
    @Test func validatesCleanlyAndDiffersInKind() throws {
        let checked = Pipeline_check("profiles/hetzner-de.yaml")
        #expect(!checked.hasErrors, "\(checked.map(\.description).joined(separator: "\n"))")
        let second = try shippedTopology("hetzner-de"), first = try shippedTopology("vultr-jp")
        #expect(second.tunnel.mode == .local && first.tunnel.mode == .remote)
        #expect(second.zone.name != first.zone.name)
        #expect(second.gatewayHostnames.map(\.name) != first.gatewayHostnames.map(\.name))
        #expect(second.gatewayHost?.memory != first.gatewayHost?.memory)
        #expect(second.consumers.count == 3)
        #expect(second.consumers.contains { $0.reach == .loopback })
        #expect(second.access.surfaces.contains { $0.policy == .deny })
        #expect(!second.access.surfaces.contains { $0.isRoot })
        #expect(Set(second.secrets.map(\.name)).isDisjoint(with: first.secrets.map(\.name)))
        let files = try Repo.render(second)
        #expect(files.keys.contains("consumers/nightly-digest.env"))
    }

    private func Pipeline_check(_ relative: String) -> [Diagnostic] {
        let loaded = ProfileLoader.load(path: repoPath(relative), displayPath: relative)
        guard let topology = loaded.topology else { return loaded.diagnostics }
        return loaded.diagnostics + Validator.validate(topology)
    }
}

// MARK: - slow requests through the edge

@Suite("HostConsumer: SDK retries behind the edge")
struct HostConsumerEdgeRetryTests {
    /// The consumer's section of the RUNBOOK, from its heading to the next consumer's.
    static func section(of consumer: String, in runbook: String) throws -> Substring {
        let start = try #require(runbook.range(of: "#### \(consumer) on "))
        let rest = runbook[start.upperBound...]
        let end = rest.range(of: "\n#### ")?.lowerBound ?? rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex
        return rest[..<end]
    }

    /// The SDKs retry every 5xx twice by default: a 524 from the edge sends the request three times.
    @Test func anSDKConsumerThroughTheTunnelIsToldWhatA524Costs() throws {
        let t = try shippedTopology("vultr-jp")
        let runbook = try #require(try Repo.render(t)["RUNBOOK.md"]).contents
        let hermes = try Self.section(of: "hermes-stock-research-pro", in: runbook)
        #expect(hermes.contains("waits up to 600 s and sends a request again after any 5xx, 2 times by\ndefault, so such a request reaches the gateway 3 times"))
        #expect(hermes.contains("`max_retries=0`"))
        let ownCode = try Self.section(of: "twilight-backend", in: runbook)
        #expect(!ownCode.contains("Cloudflare's 524"), "own code has no SDK defaults to describe")
    }

    @Test func nodeGetsItsOwnArgumentAndLoopbackGetsNone() throws {
        var t = try shippedTopology("vultr-jp")
        let index = try #require(t.consumers.firstIndex { $0.name == "hermes-stock-research-pro" })
        t.consumers[index].client = ConsumerClient(kind: .openAINode, version: [6, 36, 0])
        let node = try Self.section(of: "hermes-stock-research-pro", in: try #require(try Repo.render(t)["RUNBOOK.md"]).contents)
        #expect(node.contains("`maxRetries: 0`") && !node.contains("max_retries"))
        let steps = RunbookDocument.edgeRetry(t.consumers[index])
        #expect(steps.map(\.attempts) == [3])
        t.consumers[index].reach = .loopback
        #expect(RunbookDocument.edgeRetry(t.consumers[index]).isEmpty)
    }
}
