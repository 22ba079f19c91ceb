import Foundation
import Testing
@testable import Artifacts
import Deployment
import Rendering
import TopologyModel
@testable import Validation

// What the host-side files say: consumers get the header variable their client reads (or the
// code lines), secrets are never run when they are words, and a profile that names no plan gets
// none of the plan's text.

private func render(_ topology: Topology) throws -> [String: String] {
    let renderer = ProfileRenderer(templates: try TemplateLibrary(directory: repoPath("templates")))
    return Dictionary(uniqueKeysWithValues: try renderer.render(topology).files.map { ($0.path, $0.contents) })
}

@Suite struct ConsumerClientTests {
    @Test func clientSpellingsAndVersions() {
        #expect(ConsumerClient(parsing: "openai-python>=2.34.0")?.readableHeaderVariable?.name == "OPENAI_CUSTOM_HEADERS")
        #expect(ConsumerClient(parsing: "openai-node >= 6.36")?.readableHeaderVariable != nil)
        #expect(ConsumerClient(parsing: "openai-python>=2.33.9")?.readableHeaderVariable == nil)
        #expect(ConsumerClient(parsing: "openai-node>=6.35.0")?.readableHeaderVariable == nil)
        #expect(ConsumerClient(parsing: "openai-python")?.readableHeaderVariable == nil, "an unknown version may predate the variable")
        #expect(ConsumerClient(parsing: "own-code")?.headerVariable == nil)
        #expect(ConsumerClient(parsing: "langchain") == nil)
        #expect(ConsumerClient.parse("A: b: c\n no colon\n X :  y ", as: .lines).map { "\($0.0)=\($0.1)" } == ["A=b: c", "X=y"])
    }

    /// An SDK older than OPENAI_CUSTOM_HEADERS: a warning naming the consumer, and the RUNBOOK
    /// gives the Python and Node lines with the contract's own names.
    @Test func anOlderSDKWarnsAndGetsCodeLines() throws {
        var t = try shippedTopology("vultr-jp")
        t.consumers[1].client = ConsumerClient(parsing: "openai-python>=2.20.0")
        let warning = try #require(ConsumerClientRules.codeSendsHeaders(t).first)
        #expect(warning.keyPath == "consumers[1].client")
        #expect(warning.message.contains("openai-python>=2.20.0 is older than 2.34.0"))
        let runbook = try #require(try render(t)["RUNBOOK.md"])
        let step = try #require(runbook.range(of: "#### hermes-stock-research-pro on ecs-chengdu"))
        let rest = String(runbook[step.upperBound...])
        #expect(rest.contains("```python\nimport os\nfrom openai import OpenAI"))
        #expect(rest.contains("api_key=os.environ[\"OPENAI_API_KEY\"]"))
        #expect(rest.contains("baseURL: process.env.OPENAI_BASE_URL,"))
        #expect(rest.contains("The contract does not set every name these lines read; add:\n\n- `CF_ACCESS_CLIENT_ID`"))
    }

    @Test func headerVariableMustBeTheOneTheClientReads() throws {
        var t = try shippedTopology("vultr-jp")
        #expect(ConsumerClientRules.headerVariableIsRead(t).isEmpty)
        t.consumers[1].variables[2].name = "OPENAI_DEFAULT_HEADERS"
        #expect(ConsumerClientRules.headerVariableIsRead(t).errors.first?.message.contains("reads its extra headers from OPENAI_CUSTOM_HEADERS") == true)
        #expect(ConsumerClientRules.defaultHeadersUnread(t).first?.message.contains("no OpenAI SDK reads OPENAI_DEFAULT_HEADERS") == true)
        t.consumers[1].client = nil
        #expect(ConsumerClientRules.headerVariableIsRead(t).errors.first?.message.contains("names no client") == true)
    }

    @Test func loopbackConsumersSendNoHeadersAndPrefixesApply() throws {
        var t = try shippedTopology("hetzner-de")
        let digest = try #require(t.consumers.firstIndex { $0.name == "nightly-digest" })
        t.consumers[digest].variables.append(EnvVariable(name: "OPENAI_CUSTOM_HEADERS", value: .accessHeaders(serviceToken: "research-clients")))
        #expect(ConsumerClientRules.loopbackSendsNoHeaders(t).first?.message.contains("never passes Access") == true)
        let ci = try #require(t.consumers.first { $0.name == "ci-runner" })
        #expect(ci.environment.map(\.name).prefix(2) == ["LLMGW_BASE_URL", "LLMGW_API_KEY"])
        t.consumers[digest].namePrefix = "LLM_"
        #expect(ConsumerClientRules.prefixWithSDK(t).first?.message.contains("with prefix LLM_") == true)
    }

    /// The header lines are read back the way the SDKs split them; a broken line fails the render.
    @Test func headerLinesReadBack() throws {
        let t = try shippedTopology("vultr-jp")
        let planned = try ConsumerEnvArtifact().plan(Deployment(t)).first { $0.path.hasSuffix("hermes-stock-research-pro.env") }
        let file = try #require(planned)
        let text = try #require(try render(t)[file.path])
        try file.verify(text)
        #expect(throws: (any Error).self) { try file.verify(text.replacingOccurrences(of: "CF-Access-Client-Secret: <", with: "CF-Access-Client-Secret <")) }
    }
}

@Suite struct SecretObtainTests {
    /// Words are never run inside `$(...)`; a provided value names its provider.
    @Test func instructionsAreNeverRun() throws {
        var t = try shippedTopology("hetzner-de")
        t.secrets.append(Secret(name: "sql-dsn", env: "SQL_DSN", store: .file, location: "/srv/llmgw/.env", host: "hetzner-fsn1", mode: "0600",
                                generate: nil, rotate: "with the role's password", instructions: "create a postgres role and database for llmgw",
                                providedBy: "the research group's DBA"))
        t.gateway.secrets.append("sql-dsn")
        #expect(SecretRules.secretsSayHowToObtain.check(t).isEmpty)
        let runbook = try #require(try render(t)["RUNBOOK.md"])
        #expect(!runbook.contains("$(create a postgres role"))
        #expect(runbook.contains("# SQL_DSN: provided by the research group's DBA; create a postgres role and database for llmgw; paste the value at the prompt"))
        #expect(runbook.contains("IFS= read -rs value"))
        #expect(runbook.contains("provided by the research group's DBA; create a postgres role"))
        let example = try #require(try render(t)["deploy/llmgw-env.example"])
        #expect(example.contains("# SQL_DSN: create a postgres role and database for llmgw; provided by the research group's DBA"))
    }

    @Test func aSecretSaysHowToObtainIt() throws {
        var t = try shippedTopology("vultr-jp")
        t.secrets[0].instructions = "ask someone"
        #expect(SecretRules.secretsSayHowToObtain.check(t).errors.map(\.keyPath) == ["secrets[0].instructions"])
        t.secrets[0].instructions = nil
        t.secrets[0].generate = nil
        #expect(SecretRules.secretsSayHowToObtain.check(t).errors.map(\.keyPath) == ["secrets[0]"])
    }
}

@Suite struct NoBorrowedTextTests {
    /// hetzner-de names no plan: none of the plan's section numbers, names or figures may appear
    /// in any file rendered for it.
    @Test func aProfileWithoutAPlanGetsNoneOfItsText() throws {
        let t = try shippedTopology("hetzner-de")
        #expect(t.plan == nil)
        let files = try render(t)
        #expect(files.keys.contains("RUNBOOK.md") && files.keys.contains("terraform/waf.tf.json") && files.keys.contains("scripts/verify.sh"))
        for (path, text) in files {
            for borrowed in ["plan §", "the plan", "plan's", "admin / 123456", "9092", "951", "384m", "fsagent", "vultr", "newapi-jp", "Hermes", "twilight"] {
                #expect(!text.contains(borrowed), "\(path) contains '\(borrowed)'")
            }
        }
        let withPlan = try #require(try render(try shippedTopology("vultr-jp"))["RUNBOOK.md"])
        #expect(withPlan.contains("## Resource budget (plan §1)") && withPlan.contains("the plan's `admin / 123456` login no longer exists"))
    }

    /// Diagnostics too: the rules whose hints cite the plan's figures cite them only for a
    /// profile that names the plan.
    @Test func aProfileWithoutAPlanGetsNoPlanCitationInItsDiagnostics() throws {
        var t = try shippedTopology("hetzner-de")
        t.access.defaultPolicy = .allow
        t.tunnel.originRequest.connectTimeout = Seconds(0)
        t.waf.rateLimits[0].requests = 0
        let diagnostics = Validator.validate(t)
        let codes = Set(diagnostics.compactMap(\.code))
        #expect(codes.isSuperset(of: ["default-deny", "origin-request-durations", "rate-limit-plan"]), "\(codes)")
        for diagnostic in diagnostics {
            let text = diagnostic.message + " " + (diagnostic.hint ?? "")
            for borrowed in ["plan §", "the plan ", "the plan's"] { #expect(!text.contains(borrowed), "\(diagnostic)") }
        }
        var planned = t
        planned.plan = PlanReference(title: "the deployment plan")
        #expect(Validator.validate(planned).contains { ($0.hint ?? "").contains("plan §3") })
    }
}

@Suite struct MarkdownLintTests {
    /// Every profile's RUNBOOK passes markdownlint's rules (pymarkdown with .ci/pymarkdown.json,
    /// as CI runs it); skipped when the linter is not installed, as the other real-tool tests are.
    @Test func runbooksPassMarkdownlint() throws {
        let venv = ProcessInfo.processInfo.environment["TOPOGEN_VENV"] ?? repoPath(".venv")
        let linter = "\(venv)/bin/pymarkdown"
        guard FileManager.default.isExecutableFile(atPath: linter) else { return }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("topogen-mdlint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let profiles = try FileManager.default.contentsOfDirectory(atPath: repoPath("profiles")).filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
        #expect(profiles.count >= 2)
        for name in profiles {
            let file = scratch.appendingPathComponent("\(name).md")
            try Data(try #require(try render(try shippedTopology(name))["RUNBOOK.md"]).utf8).write(to: file)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: linter)
            process.arguments = ["--config", repoPath(".ci/pymarkdown.json"), "--strict-config", "scan", file.path]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = out
            try process.run()
            let report = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0 && report.isEmpty, "\(name): \(report)")
        }
    }
}
