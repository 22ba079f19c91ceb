import Deployment
import Formats
import Foundation
import Testing
@testable import Artifacts
import ProfileLoader
import Rendering
import TopologyModel
@testable import Validation

// Host and consumers: the systemd unit, the consumers' env files and their real readers, the
// secret scan, verify.sh (bash -n, ShellCheck, and a run against stand-in ssh/curl), the
// runbook, the second profile, and ConsumerRules both ways.

/// Profile and render helpers on top of TestSupport's (repoPath, shippedTopology).
private enum Repo {
    static let profiles = ["vultr-jp", "hetzner-de"]
    static var requireTools: Bool { ProcessInfo.processInfo.environment["TOPOGEN_REQUIRE_TOOLS"] == "1" }

    static func render(_ topology: Topology) throws -> [String: GeneratedFile] {
        let renderer = ProfileRenderer(templates: try TemplateLibrary(directory: repoPath("templates")))
        let rendered = try renderer.render(topology)
        return Dictionary(uniqueKeysWithValues: rendered.files.map { ($0.path, $0) })
    }

    static func render(_ topology: Topology, artifact: any Artifact) throws -> [GeneratedFile] {
        let renderer = ProfileRenderer(templates: try TemplateLibrary(directory: repoPath("templates")), artifacts: [artifact])
        return try renderer.render(topology).files
    }
}

/// Runs a program; stdout and stderr captured.
private func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                 directory: String? = nil) throws -> (status: Int32, out: String, err: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let environment { process.environment = environment }
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}

private func executable(_ candidates: [String?]) -> String? {
    candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
}

private func onPath(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return executable(path.split(separator: ":").map { "\($0)/\(name)" })
}

private func temporaryDirectory(_ label: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("topogen-host-\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A tool the test needs: found, or (under TOPOGEN_REQUIRE_TOOLS=1) a failure, or a printed skip.
private func requireTool(_ found: String?, _ what: String) -> String? {
    if let found { return found }
    if Repo.requireTools {
        Issue.record("TOPOGEN_REQUIRE_TOOLS=1 but \(what) is not available")
    } else {
        print("note: \(what) not available; skipping (set TOPOGEN_REQUIRE_TOOLS=1 to make this a failure)")
    }
    return nil
}

// MARK: - systemd unit

@Suite("HostConsumer: systemd unit")
struct HostConsumerSystemdTests {
    @Test func unitFileIsNamedByTunnelUnitAndRoundTrips() throws {
        for name in Repo.profiles {
            let topology = try shippedTopology(name)
            let files = try Repo.render(topology, artifact: SystemdUnitArtifact())
            #expect(files.map(\.path) == ["systemd/\(topology.tunnel.unit)"])
            let parsed = try SystemdUnitFile.parse(files[0].contents)
            #expect(parsed == (try SystemdUnitDocument(Deployment(topology))))
            #expect(parsed.sections.map(\.title) == ["Unit", "Service", "Install"])
            // Every directive carries its own comment above it.
            for section in parsed.sections { for directive in section.directives { #expect(!directive.comments.isEmpty, "\(directive.key)") } }
        }
    }

    @Test func remoteModeReadsTheTokenFileThroughACredential() throws {
        let topology = try shippedTopology("vultr-jp")
        let service = try SystemdUnitDocument(Deployment(topology)).sections[1].directives
        let value = { (key: String) in service.filter { $0.key == key }.map(\.value) }
        #expect(value("LoadCredential") == ["token:/etc/cloudflared/newapi-jp.token"])
        #expect(value("ExecStart") == ["/usr/bin/cloudflared --no-autoupdate tunnel run --token-file %d/token"])
        #expect(value("DynamicUser") == ["yes"])
        #expect(value("SystemCallFilter") == ["@system-service", "~@privileged @resources"])
        #expect(value("CapabilityBoundingSet") == [""])
        #expect(!service.contains { $0.value.contains("--token ") })
    }

    @Test func localModeUsesConfigAndCredentialsFile() throws {
        let topology = try shippedTopology("hetzner-de")
        let service = try SystemdUnitDocument(Deployment(topology)).sections[1].directives
        #expect(service.first { $0.key == "LoadCredential" }?.value == "credentials:/etc/cloudflared/TUNNEL_ID.json")
        #expect(service.first { $0.key == "ExecStart" }?.value
            == "/usr/local/bin/cloudflared --no-autoupdate --config /etc/cloudflared/llmgw-de.yml tunnel run --credentials-file %d/credentials")
    }

    @Test func oracleCatchesAChangedDirectiveAndAStrayComment() throws {
        let topology = try shippedTopology("vultr-jp")
        let document = try SystemdUnitDocument(Deployment(topology))
        let text = try Repo.render(topology, artifact: SystemdUnitArtifact())[0].contents
        let changed = text.replacingOccurrences(of: "ProtectSystem=strict", with: "ProtectSystem=full")
        #expect(throws: RoundTripFailure.self) { try SystemdUnitFile.verify(changed, against: document, template: "systemd.service") }
        let continued = text.replacingOccurrences(of: "RestartSec=5s", with: "RestartSec=5s \\")
        #expect(throws: RoundTripFailure.self) { try SystemdUnitFile.verify(continued, against: document, template: "systemd.service") }
        let dangling = text + "# trailing comment\n"
        #expect(throws: RoundTripFailure.self) { try SystemdUnitFile.verify(dangling, against: document, template: "systemd.service") }
        try SystemdUnitFile.verify(text, against: document, template: "systemd.service")
    }

    @Test func refusesWhatSystemdWouldMisread() throws {
        var topology = try shippedTopology("vultr-jp")
        topology.tunnel.binary = "cloudflared"
        #expect(throws: ArtifactInvariantViolation.self) { try SystemdUnitDocument(Deployment(topology)) }
        topology = try shippedTopology("vultr-jp")
        topology.tunnel.unit = "newapi-cloudflared"
        #expect(throws: ArtifactInvariantViolation.self) { try SystemdUnitDocument(Deployment(topology)) }
        topology = try shippedTopology("vultr-jp")
        topology.tunnel.name = "50%-tunnel"
        let description = try SystemdUnitDocument(Deployment(topology)).sections[0].directives[0].value
        #expect(description == "Cloudflare Tunnel client (50%%-tunnel)")
    }

    /// One unit name everywhere: the file, the runbook, the verify script, the journal commands.
    @Test func oneUnitNameEverywhere() throws {
        for name in Repo.profiles {
            let topology = try shippedTopology(name)
            let files = try Repo.render(topology)
            let stem = topology.tunnel.unitStem
            #expect(files["systemd/\(topology.tunnel.unit)"] != nil)
            let runbook = try #require(files["RUNBOOK.md"]).contents
            let script = try #require(files["scripts/verify.sh"]).contents
            #expect(runbook.contains("journalctl -u \(stem) -f"))
            #expect(runbook.contains("systemctl enable --now -- \(topology.tunnel.unit)"))
            #expect(script.contains("readonly UNIT=\(stem)"))
            #expect(script.contains("journalctl -u \(stem) -f"))
            for text in [runbook, script] {
                #expect(!text.contains("journalctl -u cloudflared "))
                #expect(!text.contains("systemctl enable --now cloudflared"))
            }
        }
    }
}

// MARK: - consumer env files

@Suite("HostConsumer: consumer env files")
struct HostConsumerEnvTests {
    @Test func onePerConsumerWithDerivedValues() throws {
        let topology = try shippedTopology("vultr-jp")
        let files = try Repo.render(topology, artifact: ConsumerEnvArtifact())
        #expect(files.map(\.path).sorted() == ["consumers/hermes-stock-research-pro.env", "consumers/twilight-backend.env"])
        let backend = try Dotenv.parse(try #require(files.first { $0.path == "consumers/twilight-backend.env" }).contents)
        #expect(backend.map(\.0) == ["NEWAPI_BASE_URL", "NEWAPI_API_KEY", "NEWAPI_CF_ACCESS_CLIENT_ID", "NEWAPI_CF_ACCESS_CLIENT_SECRET"])
        #expect(backend[0].1 == "https://llm.fsagent.cc/v1")
        #expect(backend[1].1 == "<keychain:newapi-token-twilight-drive>")
        let hermes = try #require(files.first { $0.path == "consumers/hermes-stock-research-pro.env" }).contents
        // The SDK's own variable, as `Name: value` lines (openai-python >= 2.34.0 reads it).
        let headers = try #require(try Dotenv.parse(hermes).first { $0.0 == "OPENAI_CUSTOM_HEADERS" }).1
        #expect(headers == "\(Access.clientIDHeader): <keychain:cf-access-newapi-consumers-client-id>\n\(Access.clientSecretHeader): <keychain:cf-access-newapi-consumers-client-secret>")
        #expect(!hermes.contains("OPENAI_DEFAULT_HEADERS="), "no SDK reads it")
        #expect(hermes.contains("# Read by openai-python>=2.34.0, as the profile states."))
        // Each secret placeholder has its where-and-when comment right above it.
        #expect(hermes.contains("# secret newapi-token: keychain entry newapi-token-twilight-drive; obtain: NewAPI admin UI, Tokens, create token twilight-drive; rotate: on any chat-paste leak\nOPENAI_API_KEY='<keychain:newapi-token-twilight-drive>'"))
        #expect(hermes.hasPrefix("# Generated by topogen from profiles/vultr-jp.yaml"))
        #expect(hermes.contains("profile/template-stock-research-pro/.env on ecs-chengdu"))
    }

    @Test func loopbackConsumerGetsTheLoopbackURLAndLiteralsSurvive() throws {
        let topology = try shippedTopology("hetzner-de")
        let files = try Repo.render(topology, artifact: ConsumerEnvArtifact())
        let digest = try Dotenv.parse(try #require(files.first { $0.path == "consumers/nightly-digest.env" }).contents)
        let values = Dictionary(uniqueKeysWithValues: digest)
        #expect(values["OPENAI_BASE_URL"] == "http://127.0.0.1:3080/v1")
        #expect(values["OPENAI_API_KEY"] == "<file:hetzner-fsn1:/srv/digest/token>")
        #expect(values["DIGEST_SCHEDULE"] == "0 6 * * 1-5")
        #expect(values["DIGEST_TOPICS"] == #"["retrieval", "evaluation", "agents"]"#)
        #expect(values["DIGEST_SUBJECT"] == "Nightly digest: what changed #research")
    }

    @Test func unquotableValuesAreRefusedWithTheReason() throws {
        for (text, reason) in [("it's", "single quote"), ("a\rb", "line break other than a line feed"), ("cost ${X}", "'$'")] {
            var topology = try shippedTopology("vultr-jp")
            topology.consumers[0].variables.append(EnvVariable(name: "EXTRA", value: .literal(text)))
            do {
                _ = try ConsumerEnvArtifact().plan(Deployment(topology))
                Issue.record("\(text.debugDescription) was accepted")
            } catch let failure as ArtifactInvariantViolation {
                #expect(failure.message.contains("EXTRA"))
                #expect(failure.message.contains(reason))
            }
        }
    }

    /// The validation rule and the artifact refuse exactly the same literals.
    @Test func literalRuleAgreesWithTheArtifactQuoting() {
        let samples = ["", "plain", "two words", "it's", "a\nb", "cr\rhere", "$HOME", "${X}", "#hash", "back\\slash",
                       "{\"json\": [1, 2]}", "tab\there", "=", "ünïcode", "`tick`", "semi;colon", "a'b'c"]
        for sample in samples {
            let ruleAccepts = ConsumerRules.literalProblem(sample) == nil
            let artifactAccepts = (try? ConsumerValues.quoted(sample).get()) != nil
            #expect(ruleAccepts == artifactAccepts, "\(sample.debugDescription)")
        }
        for name in ["A", "_x", "NEWAPI_API_KEY", "1A", "A-B", "", "Ä", "a b"] {
            #expect(ConsumerRules.isValidEnvName(name) == Dotenv.isValidName(name), "\(name)")
        }
    }

    @Test func oracleCatchesAValueThatReadsBackDifferently() throws {
        let topology = try shippedTopology("vultr-jp")
        let planned = try ConsumerEnvArtifact().plan(Deployment(topology))[0]
        let text = try Repo.render(topology, artifact: ConsumerEnvArtifact()).first { $0.path == planned.path }!.contents
        try planned.verify(text)
        #expect(throws: RoundTripFailure.self) {
            try planned.verify(text.replacingOccurrences(of: "'<keychain:newapi-token-twilight-drive>'", with: "<keychain:newapi-token-twilight-drive>"))
        }
        #expect(throws: RoundTripFailure.self) {
            try planned.verify(text.replacingOccurrences(of: "https://llm.fsagent.cc/v1", with: "https://llm.fsagent.cc"))
        }
    }

    /// Every generated env file, read by python-dotenv and by Docker Compose's env_file loader,
    /// gives back exactly the values topogen's own documents hold, JSON included.
    @Test func realReadersGetTheIntendedValues() throws {
        let env = ProcessInfo.processInfo.environment
        let venv = env["TOPOGEN_VENV"] ?? repoPath(".venv")
        guard let python = requireTool(executable(["\(venv)/bin/python3", onPath("python3")]), "python3") else { return }
        let hasDotenv = (try? run(python, ["-c", "import dotenv"]))?.status == 0
        guard requireTool(hasDotenv ? python : nil, "python-dotenv (for \(python))") != nil else { return }
        var composeCandidate = env["TOPOGEN_COMPOSE_BIN"]
        if composeCandidate == nil, let found = try? run(python, ["-c", "import compose, os; print(os.path.join(os.path.dirname(compose.__file__), 'docker-compose'))"]), found.status == 0 {
            composeCandidate = found.out.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard let compose = requireTool(executable([composeCandidate]), "Docker Compose (TOPOGEN_COMPOSE_BIN)") else { return }

        // Expected maps, from the documents; files from a fresh render and from generated/.
        let scratch = try temporaryDirectory("envread")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var expected: [(file: String, values: [String: String])] = []
        // The shipped profiles, and one contract whose header variable spans lines (the SDKs'
        // `Name: value` format) beside a JSON value and a multi-line literal.
        var multiLine = try shippedTopology("vultr-jp")
        multiLine.name = "multi-line"
        multiLine.consumers[1].client = ConsumerClient(kind: .openAIPython, version: [2, 34, 0])
        multiLine.consumers[1].variables[2] = EnvVariable(name: "OPENAI_CUSTOM_HEADERS", value: .accessHeaders(serviceToken: "newapi-consumers"))
        multiLine.consumers[1].variables.append(EnvVariable(name: "OPENAI_DEFAULT_HEADERS", value: .accessHeadersJSON(serviceToken: "newapi-consumers")))
        multiLine.consumers[1].variables.append(EnvVariable(name: "NOTES", value: .literal("first line\n\n# second, not a comment\nK=v")))
        for (name, topology) in try Repo.profiles.map({ ($0, try shippedTopology($0)) }) + [("multi-line", multiLine)] {
            var wanted: [String: [String: String]] = [:]
            for consumer in topology.consumers {
                let document = try ConsumerEnvDocument(topology, consumer: consumer)
                wanted[ArtifactPaths(topology).consumerEnv(consumer)] = Dictionary(uniqueKeysWithValues: document.variables.map { ($0.name, $0.value) })
            }
            wanted[ArtifactPaths(topology).envExample] = Dictionary(uniqueKeysWithValues: EnvExampleDocument(topology).secrets.map { ($0.name, "") })
            let rendered = try Repo.render(topology)
            for (path, values) in wanted.sorted(by: { $0.key < $1.key }) {
                let file = try #require(rendered[path], "\(name): \(path) was not rendered")
                let target = scratch.appendingPathComponent("rendered-\(name)-\(path.replacingOccurrences(of: "/", with: "_"))")
                try Data(file.contents.utf8).write(to: target)
                expected.append((target.path, values))
                let onDisk = repoPath("generated/\(name)/\(path)")
                if FileManager.default.fileExists(atPath: onDisk) { expected.append((onDisk, values)) }
            }
        }
        #expect(expected.count >= 7)
        #expect(expected.contains { $0.values.values.contains { $0.contains("\n") } }, "a multi-line value is read back")

        // python-dotenv, every file in one run.
        let script = "import json, sys\nfrom dotenv import dotenv_values\njson.dump({p: dict(dotenv_values(p)) for p in sys.argv[1:]}, sys.stdout)"
        let dotenv = try run(python, ["-c", script] + expected.map(\.file))
        #expect(dotenv.status == 0, "\(dotenv.err)")
        let dotenvMaps = try JSONSerialization.jsonObject(with: Data(dotenv.out.utf8)) as? [String: [String: String?]] ?? [:]

        // Compose: one service per file, each with that file as its env_file.
        var project = "services:\n"
        for (index, entry) in expected.enumerated() {
            project += "  s\(index):\n    image: busybox\n    env_file:\n      - \(YAMLScalar.doubleQuoted(entry.file))\n"
        }
        try Data(project.utf8).write(to: scratch.appendingPathComponent("compose.yml"))
        let composed = try run(compose, ["-f", "compose.yml", "config", "--format", "json"],
                               environment: ["PATH": "/usr/bin:/bin", "HOME": scratch.path], directory: scratch.path)
        #expect(composed.status == 0, "\(composed.err)")
        let services = (try JSONSerialization.jsonObject(with: Data(composed.out.utf8)) as? [String: Any])?["services"] as? [String: Any] ?? [:]

        for (index, entry) in expected.enumerated() {
            let fromDotenv = (dotenvMaps[entry.file] ?? [:]).mapValues { $0 ?? "<no value>" }
            #expect(fromDotenv == entry.values, "python-dotenv read \(entry.file)")
            let environment = ((services["s\(index)"] as? [String: Any])?["environment"] as? [String: Any]) ?? [:]
            // `config` prints a literal `$` as `$$` so its output can be loaded again.
            let fromCompose = environment.mapValues { ($0 as? String ?? "<no value>").replacingOccurrences(of: "$$", with: "$") }
            #expect(fromCompose == entry.values, "Compose env_file read \(entry.file)")
            // POSIX sh, as `set -a; . FILE` in an empty environment: the variables it exported.
            let dump = "import json, os, sys; json.dump({k: v for k, v in os.environ.items() if k not in ('PWD', 'SHLVL', '_', 'LC_CTYPE')}, sys.stdout)"
            let sourced = try run("/bin/sh", ["-c", "set -a; . \"$1\"; exec \"$2\" -c \"$3\"", "sh", entry.file, python, dump],
                                  environment: ["PATH": "/usr/bin:/bin"])
            #expect(sourced.status == 0 && sourced.err.isEmpty, "sh sourced \(entry.file): \(sourced.err)")
            var fromShell = (try? JSONSerialization.jsonObject(with: Data(sourced.out.utf8)) as? [String: String]) ?? [:]
            fromShell["PATH"] = nil
            #expect(fromShell == entry.values, "sh read \(entry.file)")
            for (name, value) in entry.values where value.hasPrefix(Access.clientIDHeader + ":") {
                #expect(ConsumerClient.parse(fromShell[name] ?? "", as: .lines).map(\.0) == [Access.clientIDHeader, Access.clientSecretHeader], "\(name) in \(entry.file)")
            }
            for (name, value) in entry.values where value.hasPrefix("{") {
                let object = try JSONSerialization.jsonObject(with: Data((fromCompose[name] ?? "").utf8)) as? [String: String]
                #expect(object?.keys.sorted() == [Access.clientIDHeader, Access.clientSecretHeader], "\(name) in \(entry.file)")
            }
        }
    }
}

// MARK: - secrets

/// Runs the one secret heuristic topogen has (`SecretLikeness`, also applied to profiles) over
/// generated text, line by line, after blanking the placeholders that name a secret's home
/// (`<keychain:…>`, `<file:…>`).
enum SecretScanner {
    struct Finding: CustomStringConvertible {
        let file: String
        let line: Int
        let kind: String
        var description: String { "\(file):\(line): looks like \(kind)" }
    }

    static let placeholder = try! NSRegularExpression(pattern: #"<(keychain|file):[^<>\s]*>"#)

    static func scan(_ text: String, file: String) -> [Finding] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, raw in
            let line = String(raw)
            let blanked = placeholder.stringByReplacingMatches(in: line, range: NSRange(location: 0, length: (line as NSString).length),
                                                               withTemplate: "<placeholder>")
            return SecretLikeness.reason(blanked).map { Finding(file: file, line: index + 1, kind: $0) }
        }
    }
}

@Suite("HostConsumer: secrets")
struct HostConsumerSecretTests {
    /// Everything under generated/, plus a fresh render of every profile (generated/ may lag
    /// behind until the goldens are regenerated). MANIFEST.sha256 holds file hashes by design.
    @Test func noGeneratedFileHoldsASecretValue() throws {
        var findings: [SecretScanner.Finding] = []
        var scanned = 0
        let generated = repoPath("generated")
        if let walker = FileManager.default.enumerator(atPath: generated) {
            while let relative = walker.nextObject() as? String {
                let path = "\(generated)/\(relative)"
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                      !relative.hasSuffix(RenderedProfile.manifestName), !relative.contains("/.terraform/") else { continue }
                let text = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
                findings += SecretScanner.scan(text, file: "generated/\(relative)")
                scanned += 1
            }
        }
        for name in Repo.profiles {
            for file in try Repo.render(try shippedTopology(name)).values {
                findings += SecretScanner.scan(file.contents, file: "(rendered) \(name)/\(file.path)")
                scanned += 1
            }
        }
        #expect(scanned > 20)
        #expect(findings.isEmpty, "\(findings.map(\.description).joined(separator: "\n"))")
    }

    @Test func scannerCatchesPlantedSecrets() {
        let planted = [
            "SESSION_SECRET=9c1e5a7f3b2d4e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f",
            "OPENAI_API_KEY='sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8t'",
            "token: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
            "TUNNEL_TOKEN=eyJhIjoiMGFiY2RlZjEyMzQ1Njc4OSIsInQiOiIxMjM0NTY3OC0xMjM0LTEyMzQifQ==",
            "-----BEGIN OPENSSH PRIVATE KEY-----",
            "client_secret: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b",
            "TUNNEL_SECRET=aB3xK9mQ2vL8pR5tY7wZ1cN4dF6gH0jS+uE/iOq=",
        ]
        for line in planted {
            #expect(!SecretScanner.scan(line, file: "planted").isEmpty, "\(line)")
        }
        let benign = [
            "NEWAPI_API_KEY='<keychain:newapi-token-twilight-drive>'",
            "OPENAI_API_KEY='<file:hetzner-fsn1:/srv/digest/token>'",
            "OPENAI_DEFAULT_HEADERS='{\"CF-Access-Client-Id\":\"<keychain:cf-access-newapi-consumers-client-id>\"}'",
            "curl -fL https://github.com/cloudflare/cloudflared/releases/latest/download/cloudflared-linux-amd64 -o /usr/local/bin/cloudflared",
            "tunnel: 6ff42ae2-765d-4adf-8112-31c55c1551ef",
            "SESSION_SECRET=",
            "LoadCredential=credentials:/etc/cloudflared/TUNNEL_ID.json",
        ]
        for line in benign {
            #expect(SecretScanner.scan(line, file: "benign").isEmpty, "\(line)")
        }
    }
}

// MARK: - verify.sh

@Suite("HostConsumer: verify.sh")
struct HostConsumerVerifyScriptTests {
    @Test func executableBashWithDerivedNames() throws {
        let topology = try shippedTopology("vultr-jp")
        let files = try Repo.render(topology, artifact: VerifyScriptArtifact())
        #expect(files.map(\.path) == [ArtifactPaths(topology).verifyScript])
        #expect(files[0].executable)
        let text = files[0].contents
        #expect(text.hasPrefix("#!/usr/bin/env bash\n"))
        #expect(text.contains("\nset -euo pipefail\n"))
        #expect(text.contains("for name in NEWAPI_API_KEY NEWAPI_CF_ACCESS_CLIENT_ID NEWAPI_CF_ACCESS_CLIENT_SECRET; do"))
        #expect(text.contains("readonly DEFAULT_MODEL=gpt-4o-mini"))
        #expect(text.contains("${VERIFY_MODEL:-$DEFAULT_MODEL}"))
        #expect(text.contains("'curl -fsS --max-time 10 http://127.0.0.1:3000/api/status'"))
        // The second profile's names come from its own first complete consumer contract.
        let other = try Repo.render(try shippedTopology("hetzner-de"), artifact: VerifyScriptArtifact())[0].contents
        #expect(other.contains("for name in LLMGW_API_KEY LLMGW_ACCESS_CLIENT_ID LLMGW_ACCESS_CLIENT_SECRET; do"))
        #expect(other.contains("expect_denied 'anonymous, access.surfaces[1]' GET https://llm.quillstack.dev/api ''"))
    }

    @Test func oracleRejectsUndeclaredReadsAndChangedConstants() throws {
        let topology = try shippedTopology("vultr-jp")
        let document = VerifyScriptDocument(Deployment(topology))
        let text = try Repo.render(topology, artifact: VerifyScriptArtifact())[0].contents
        try VerifyScriptFile.verify(text, against: document, template: "verify.sh")
        let undeclared = text.replacingOccurrences(of: "pass \"loopback: $LOOPBACK_URL", with: "pass \"loopback: $LOOPBACK_ULR")
        #expect(throws: RoundTripFailure.self) { try VerifyScriptFile.verify(undeclared, against: document, template: "verify.sh") }
        let constant = text.replacingOccurrences(of: "readonly SSH_HOST=vultr", with: "readonly SSH_HOST=vultr2")
        #expect(throws: RoundTripFailure.self) { try VerifyScriptFile.verify(constant, against: document, template: "verify.sh") }
        let lax = text.replacingOccurrences(of: "set -euo pipefail", with: "set -eu")
        #expect(throws: RoundTripFailure.self) { try VerifyScriptFile.verify(lax, against: document, template: "verify.sh") }
        // Reads inside single quotes, comments and quoted here-documents are not reads.
        let reads = VerifyScriptFile.reads(["echo '$NOT_A_READ' \"$A\" ${B:-x} $(echo \"$C\") # $D", "cat <<'EOF'", "$E", "EOF", "x=\"${!name}\" $((F + 1))"])
        #expect(reads.map(\.0) == ["A", "B", "C"])
    }

    @Test func bashParsesEveryProfilesScript() throws {
        for name in Repo.profiles {
            let dir = try temporaryDirectory("bashn")
            defer { try? FileManager.default.removeItem(at: dir) }
            let script = dir.appendingPathComponent("verify.sh")
            try Data(try Repo.render(try shippedTopology(name), artifact: VerifyScriptArtifact())[0].contents.utf8).write(to: script)
            let result = try run("/bin/bash", ["-n", script.path])
            #expect(result.status == 0, "\(name): \(result.err)")
        }
    }

    @Test func shellcheckCleanAtAllSeverities() throws {
        let env = ProcessInfo.processInfo.environment
        let venv = env["TOPOGEN_VENV"] ?? repoPath(".venv")
        guard let shellcheck = requireTool(executable(["\(venv)/bin/shellcheck", onPath("shellcheck")]), "shellcheck") else { return }
        for name in Repo.profiles {
            let dir = try temporaryDirectory("shellcheck")
            defer { try? FileManager.default.removeItem(at: dir) }
            let script = dir.appendingPathComponent("verify.sh")
            try Data(try Repo.render(try shippedTopology(name), artifact: VerifyScriptArtifact())[0].contents.utf8).write(to: script)
            let result = try run(shellcheck, ["-x", "-S", "style", script.path])
            #expect(result.status == 0, "\(name): \(result.out)\(result.err)")
        }
    }

    /// The script against stand-ins for ssh and curl that answer like the gateway behind Access.
    private func runAgainstStubs(_ profile: String, secrets: Bool, extra: [String: String] = [:]) throws -> (status: Int32, out: String, err: String, log: String) {
        let topology = try shippedTopology(profile)
        let credentials = GatewayCredentials(topology)
        let dir = try temporaryDirectory("stub")
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("verify.sh")
        try Data(try Repo.render(topology, artifact: VerifyScriptArtifact())[0].contents.utf8).write(to: script)
        let bin = dir.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let ssh = """
            #!/bin/bash
            printf 'ssh %s\\n' "$*" >> "$STUB_LOG"
            printf '{"success":true,"message":"","data":{}}\\n'
            """
        let curl = #"""
            #!/bin/bash
            printf 'curl %s\n' "$*" >> "$STUB_LOG"
            out=""; fmt=""; url=""; headers=""
            while (($#)); do
              case "$1" in
                -o) out="$2"; shift 2 ;;
                -w) fmt="$2"; shift 2 ;;
                -H) if [[ "$2" == @* ]]; then headers+="$(cat "${2#@}")"$'\n'; else headers+="$2"$'\n'; fi; shift 2 ;;
                --max-time|-X|--data) shift 2 ;;
                -*) shift ;;
                *) url="$1"; shift ;;
              esac
            done
            access=0; key=0
            [[ "$headers" == *"CF-Access-Client-Id: $EXPECT_ID"* && "$headers" == *"CF-Access-Client-Secret: $EXPECT_SECRET"* ]] && access=1
            [[ "$headers" == *"Authorization: Bearer $EXPECT_KEY"* ]] && key=1
            code=403; type=text/html; body='<html>denied</html>'
            case "$url" in
              */v1/models)
                if ((access && key)); then code=200; type=application/json; body='{"data":[{"id":"m"}],"object":"list"}'
                elif ((access)); then code=401; type=application/json; body='{"error":{"message":"no token"}}'
                else code=302; fi ;;
              */v1/chat/completions)
                if ((access && key)); then code=200; type=text/event-stream; body=$'data: {"choices":[]}\n\ndata: [DONE]\n'; fi ;;
              *) code="${ANON_CODE:-403}" ;;
            esac
            if [[ -n "$out" ]]; then printf '%s' "$body" > "$out"; fi
            printf '%s' "$fmt" | sed -e "s/%{http_code}/$code/" -e "s|%{content_type}|$type|"
            """#
        for (name, text) in [("ssh", ssh), ("curl", curl)] {
            let url = bin.appendingPathComponent(name)
            try Data((text + "\n").utf8).write(to: url)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        }
        let log = dir.appendingPathComponent("calls.log")
        var environment = ["PATH": "\(bin.path):/usr/bin:/bin", "HOME": dir.path, "STUB_LOG": log.path,
                           "EXPECT_KEY": "key-7f3a", "EXPECT_ID": "id-19c2", "EXPECT_SECRET": "secret-55e1"]
        if secrets {
            environment[credentials.apiKey.variable] = "key-7f3a"
            if let id = credentials.clientID, let secret = credentials.clientSecret {
                environment[id.variable] = "id-19c2"
                environment[secret.variable] = "secret-55e1"
            }
        }
        environment.merge(extra) { $1 }
        let result = try run("/bin/bash", [script.path], environment: environment)
        let calls = String(decoding: FileManager.default.contents(atPath: log.path) ?? Data(), as: UTF8.self)
        return (result.status, result.out, result.err, calls)
    }

    // Probing every expectation against a simulated edge: VerifyEdgeProbeTests.

    @Test func listsEveryMissingSecretBeforeCheckingAnything() throws {
        let result = try runAgainstStubs("vultr-jp", secrets: false)
        #expect(result.status == 2)
        for name in ["NEWAPI_API_KEY", "NEWAPI_CF_ACCESS_CLIENT_ID", "NEWAPI_CF_ACCESS_CLIENT_SECRET"] {
            #expect(result.err.contains("MISSING  \(name): secret "), "\(result.err)")
        }
        #expect(result.log.isEmpty)
    }
}

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

// MARK: - ConsumerRules, each both ways

@Suite("HostConsumer: ConsumerRules")
struct HostConsumerRuleTests {
    private func diagnostics(_ rule: (Topology) -> [Diagnostic], _ change: (inout Topology) -> Void) throws -> [Diagnostic] {
        var topology = try shippedTopology("vultr-jp")
        change(&topology)
        return rule(topology)
    }

    @Test func shippedProfilesPassEveryConsumerRule() throws {
        for name in Repo.profiles {
            let topology = try shippedTopology(name)
            let found = ConsumerRules.all.flatMap { $0.check(topology) }
            #expect(found.isEmpty, "\(name): \(found.map(\.description))")
        }
    }

    @Test func consumerNames() throws {
        #expect(try diagnostics(ConsumerRules.consumerNamesUnique) { _ in }.isEmpty)
        let twice = try diagnostics(ConsumerRules.consumerNamesUnique) { $0.consumers[1].name = $0.consumers[0].name }
        #expect(twice.map(\.message) == ["consumer 'twilight-backend' is declared twice"])
        let slash = try diagnostics(ConsumerRules.consumerNamesUnique) { $0.consumers[0].name = "../x" }
        #expect(slash.first?.severity == .error)
    }

    @Test func consumerHost() throws {
        #expect(try diagnostics(ConsumerRules.consumerHostExists) { _ in }.isEmpty)
        let found = try diagnostics(ConsumerRules.consumerHostExists) { $0.consumers[0].host = "ecs-chengdoo" }
        #expect(found.map(\.message) == ["no host named 'ecs-chengdoo'"])
        #expect(found.first?.keyPath == "consumers[0].host")
        #expect(found.first?.location?.line != nil)
    }

    @Test func tunnelConsumerOnGatewayHostWarns() throws {
        #expect(try diagnostics(ConsumerRules.tunnelConsumerOffGatewayHost) { _ in }.isEmpty)
        let found = try diagnostics(ConsumerRules.tunnelConsumerOffGatewayHost) { $0.consumers[0].host = "vultr-jp" }
        #expect(found.map(\.severity) == [.warning])
    }

    @Test func loopbackConsumerMustBeOnGatewayHost() throws {
        let onHost = try diagnostics(ConsumerRules.loopbackConsumerOnGatewayHost) { $0.consumers[0].reach = .loopback; $0.consumers[0].host = "vultr-jp" }
        #expect(onHost.isEmpty)
        let elsewhere = try diagnostics(ConsumerRules.loopbackConsumerOnGatewayHost) { $0.consumers[0].reach = .loopback }
        #expect(elsewhere.map(\.severity) == [.error])
        #expect(elsewhere.first?.message.contains("http://127.0.0.1:3000/v1 exists only on vultr-jp") == true)
    }

    @Test func variableNames() throws {
        #expect(try diagnostics(ConsumerRules.variableNamesValidAndUnique) { _ in }.isEmpty)
        let invalid = try diagnostics(ConsumerRules.variableNamesValidAndUnique) { $0.consumers[0].variables[0].name = "NEWAPI-BASE-URL" }
        #expect(invalid.map(\.severity) == [.error])
        let twice = try diagnostics(ConsumerRules.variableNamesValidAndUnique) { $0.consumers[0].variables[1].name = "NEWAPI_BASE_URL" }
        #expect(twice.map(\.message) == ["twilight-backend sets NEWAPI_BASE_URL twice"])
        #expect(twice.first?.keyPath == "consumers[0].variables[1].name")
    }

    @Test func referencedSecrets() throws {
        #expect(try diagnostics(ConsumerRules.referencedSecretsExist) { _ in }.isEmpty)
        let found = try diagnostics(ConsumerRules.referencedSecretsExist) { $0.consumers[0].variables[1].value = .secret("newapi-tokn") }
        #expect(found.map(\.message) == ["no secret named 'newapi-tokn'"])
    }

    @Test func headersToken() throws {
        #expect(try diagnostics(ConsumerRules.accessHeadersTokenExists) { _ in }.isEmpty)
        let found = try diagnostics(ConsumerRules.accessHeadersTokenExists) { $0.consumers[1].variables[2].value = .accessHeadersJSON(serviceToken: "other") }
        #expect(found.map(\.message) == ["no service token named 'other'"])
    }

    @Test func tunnelConsumerNeedsTheServiceToken() throws {
        #expect(try diagnostics(ConsumerRules.tunnelConsumerSendsServiceToken) { _ in }.isEmpty)
        let flat = try diagnostics(ConsumerRules.tunnelConsumerSendsServiceToken) { $0.consumers[0].variables.removeLast() }
        #expect(flat.map(\.severity) == [.warning])
        #expect(flat.first?.message.contains("twilight-backend") == true)
        let json = try diagnostics(ConsumerRules.tunnelConsumerSendsServiceToken) { $0.consumers[1].variables.removeLast() }
        #expect(json.count == 1)
        // A loopback consumer never meets Access.
        let loopback = try diagnostics(ConsumerRules.tunnelConsumerSendsServiceToken) {
            $0.consumers[1].variables.removeLast(); $0.consumers[1].reach = .loopback
        }
        #expect(loopback.isEmpty)
    }

    @Test func literalsMustSurviveEveryReader() throws {
        let fine = try diagnostics(ConsumerRules.literalsPortable) { $0.consumers[0].variables.append(EnvVariable(name: "X", value: .literal("0 6 * * *"))) }
        #expect(fine.isEmpty)
        for bad in ["it's", "cr\rhere", "${HOME}"] {
            let found = try diagnostics(ConsumerRules.literalsPortable) { $0.consumers[0].variables.append(EnvVariable(name: "X", value: .literal(bad))) }
            #expect(found.map(\.severity) == [.error], "\(bad.debugDescription)")
        }
    }
}
