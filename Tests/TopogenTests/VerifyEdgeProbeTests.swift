import Deployment
import Foundation
import Testing
@testable import Artifacts
import Rendering
import TopologyModel

/// verify.sh against a simulated Cloudflare: a stand-in curl answers each request the way the
/// rendered edge (read back and evaluated) decides it, in the wire form of that outcome. The
/// script must pass on the edge as rendered, and fail when the edge is wrong in the ways the old
/// script let through (a missing WAF rule hidden by Access, a redirect that is not the team's
/// login, a stream that never ends with [DONE]).
@Suite(.serialized) struct VerifyEdgeProbeTests {
    static let profiles = ["vultr-jp", "hetzner-de", "ovh-split", "free-two-tokens"]

    struct Edge {
        let topology: Topology
        let script: String
        var snapshot: EdgeSnapshot
        let probes: VerifyProbes
        let credentials: GatewayCredentials
    }

    func edge(_ profile: String) throws -> Edge {
        let topology = try shippedTopology(profile)
        let files = try ProfileRenderer(templates: try TemplateLibrary(directory: repoPath("templates"))).render(topology).files
        let script = try #require(files.first { $0.path == ArtifactPaths(topology).verifyScript }).contents
        let credentials = GatewayCredentials(topology)
        return Edge(topology: topology, script: script, snapshot: try EdgeReadBack.snapshot(topology, files: files),
                    probes: VerifyProbes(Deployment(topology), credentials: credentials), credentials: credentials)
    }

    /// One table line per probe: what the simulated edge answers, from the evaluator's decision.
    func table(_ edge: Edge, login: (String) -> String) -> String {
        edge.probes.probes.map { probe in
            let url = probe.url.trimmingCharacters(in: CharacterSet(charactersIn: "'"))
            let token = probe.token.trimmingCharacters(in: CharacterSet(charactersIn: "'"))
            let request = EdgeRequest(method: probe.method, url: url, principal: token.isEmpty ? .anonymous : .token(token))!
            let wire: (String, String, String)
            switch EdgeEvaluator.evaluate(request, on: edge.snapshot).outcome {
            case .origin: wire = ("200", "", #"{"success":true}"#)
            case .blocked: wire = ("403", "", "<html>Sorry, you have been blocked</html>")
            case .accessLogin: wire = ("302", login(request.host), "")
            case .accessDenied: wire = ("401", "", "<html>Forbidden</html>")
            case .notFound, .refused: wire = ("404", "", "Not Found")
            }
            return [probe.method, url, token, wire.0, wire.1, wire.2].joined(separator: "|")
        }.joined(separator: "\n") + "\n"
    }

    static let curl = #"""
        #!/bin/bash
        printf 'curl %s\n' "$*" >> "$STUB_LOG"
        out=""; fmt=""; url=""; method=GET; headers=""; stream=0
        while (($#)); do
          case "$1" in
            -o) out="$2"; shift 2 ;;
            -w) fmt="$2"; shift 2 ;;
            -X) method="$2"; shift 2 ;;
            -H) if [[ "$2" == @* ]]; then headers+="$(cat "${2#@}")"$'\n'; else headers+="$2"$'\n'; fi; shift 2 ;;
            -N) stream=1; shift ;;
            --max-time|--data) shift 2 ;;
            -*) shift ;;
            *) url="$1"; shift ;;
          esac
        done
        token=""; key=0
        id="$(sed -n 's/^CF-Access-Client-Id: id-//p' <<<"$headers")"
        if [[ -n "$id" && "$headers" == *"CF-Access-Client-Secret: secret-$id"* ]]; then token="$id"; fi
        [[ "$headers" == *"Authorization: Bearer key-7f3a"* ]] && key=1
        code=599; location=""; body="not in the simulated edge"; type=text/plain
        if ((key)) && [[ -n "$token" && "$url" == */v1/models ]]; then
          code=200; type=application/json; body='{"data":[{"id":"m"}],"object":"list"}'
        elif ((key && stream)) && [[ -n "$token" && "$url" == */v1/chat/completions ]]; then
          for n in 1 2 3; do printf 'data: {"choices":[{"delta":{"content":"%s"}}]}\n\n' "$n"; sleep 0.05; done
          if [[ -z "${STUB_NO_DONE:-}" ]]; then printf 'data: [DONE]\n\n'; fi
          fmt="${fmt//%\{http_code\}/200}"; printf '%b' "${fmt//%\{content_type\}/text/event-stream}"
          exit 0
        else
          while IFS="|" read -r m u t c l b; do
            if [[ "$m" == "$method" && "$u" == "$url" && "$t" == "$token" ]]; then code="$c"; location="$l"; body="$b"; break; fi
          done < "$EDGE_TABLE"
        fi
        if [[ -n "$out" ]]; then printf '%s' "$body" > "$out"; fi
        fmt="${fmt//%\{http_code\}/$code}"; fmt="${fmt//%\{redirect_url\}/$location}"
        printf '%b' "${fmt//%\{content_type\}/$type}"
        """#

    static let ssh = """
        #!/bin/bash
        printf 'ssh %s\\n' "$*" >> "$STUB_LOG"
        printf '{"success":true,"message":"","data":{}}\\n'
        """

    func run(_ edge: Edge, table: String, extra: [String: String] = [:]) throws -> (status: Int32, out: String, err: String, log: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("topogen-probe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("bin"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, text) in [("curl", Self.curl), ("ssh", Self.ssh)] {
            let path = dir.appendingPathComponent("bin/\(name)").path
            try writeStub(text + "\n", to: URL(fileURLWithPath: path))
        }
        let script = dir.appendingPathComponent("verify.sh"), tablePath = dir.appendingPathComponent("edge.tsv"), log = dir.appendingPathComponent("calls.log")
        try Data(edge.script.utf8).write(to: script)
        try Data(table.utf8).write(to: tablePath)
        var environment = ["PATH": "\(dir.path)/bin:/usr/bin:/bin", "HOME": dir.path, "STUB_LOG": log.path, "EDGE_TABLE": tablePath.path]
        environment[edge.credentials.apiKey.variable] = "key-7f3a"
        for token in edge.probes.tokens {
            let name = token.nameQuoted.trimmingCharacters(in: CharacterSet(charactersIn: "'"))
            environment[token.idVar] = "id-\(name)"
            environment[token.secretVar] = "secret-\(name)"
        }
        if let id = edge.credentials.clientID, let secret = edge.credentials.clientSecret, let token = edge.credentials.token {
            environment[id.variable] = "id-\(token.name)"
            environment[secret.variable] = "secret-\(token.name)"
        }
        environment.merge(extra) { $1 }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script.path]
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile(), errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let calls = String(decoding: FileManager.default.contents(atPath: log.path) ?? Data(), as: UTF8.self)
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self), calls)
    }

    func teamLogin(_ edge: Edge) -> (String) -> String {
        let team = edge.topology.access.team ?? "someteam"
        return { host in "https://\(team).cloudflareaccess.com/cdn-cgi/access/login/\(host)?kid=1" }
    }

    @Test(arguments: profiles)
    func everyProbePassesOnTheEdgeAsRendered(_ profile: String) throws {
        let edge = try edge(profile)
        let result = try run(edge, table: table(edge, login: teamLogin(edge)))
        #expect(result.status == 0, "\(profile): \(result.err)")
        let passes = result.out.split(separator: "\n").filter { $0.hasPrefix("PASS  ") }
        // loopback, one per probe, the model list, streaming.
        #expect(passes.count == 1 + edge.probes.probes.count + 2, "\(profile): \(result.out)")
        #expect(passes.first?.hasPrefix("PASS  loopback:") == true)
        #expect(passes.last?.contains("ending with [DONE]") == true)
        #expect(result.out.contains("journalctl -u \(edge.topology.tunnel.unitStem) -f"))
        #expect(result.out.contains("docker stats --no-stream -- \(edge.topology.gateway.containerName)"))
        for secret in ["key-7f3a", "secret-"] { #expect(!result.log.contains(secret), "\(profile): \(secret) on a command line") }
    }

    @Test func theProbesCoverWhatTheIssueNames() throws {
        let vultr = try edge("vultr-jp").probes.probes.map { "\($0.check) \($0.method) \($0.url)" }
        // The UI's entry page and an asset reach Access (not the WAF), the service token reaches the origin.
        #expect(vultr.contains("expect_login GET https://llm.fsagent.cc/"))
        #expect(vultr.contains("expect_login GET https://llm.fsagent.cc/static/js/index.js"))
        #expect(vultr.contains("expect_origin POST https://llm.fsagent.cc/v1/chat/completions"))
        let free = try edge("free-two-tokens").probes
        #expect(free.tokens.map(\.nameQuoted) == ["crawler", "chatbot"])
        #expect(free.probes.contains { $0.check == "expect_blocked" && $0.url == "https://gw.tallowbird.net/topogen-verify-unlisted-path" })
    }

    @Test func aMissingDefaultDenyIsCaughtNotHiddenByAccess() throws {
        var edge = try edge("ovh-split")
        edge.snapshot.firewall = []
        let result = try run(edge, table: table(edge, login: teamLogin(edge)))
        #expect(result.status == 1)
        #expect(result.err.contains("FAIL  GET https://api.orbitkit.dev/ (anonymous, expectations.requests[7])"), "\(result.err)")
        #expect(result.err.contains("expected a WAF block (403, no redirect), got HTTP 200"))
    }

    @Test func aRedirectThatIsNotTheTeamsLoginFails() throws {
        let edge = try edge("ovh-split")
        let result = try run(edge, table: table(edge) { host in "https://other-team.cloudflareaccess.com/cdn-cgi/access/login/\(host)" })
        #expect(result.status == 1)
        #expect(result.err.contains("expected a redirect to the Access login (^https://orbitkit\\.cloudflareaccess\\.com/cdn-cgi/access/login/)"), "\(result.err)")
        #expect(!result.out.contains("PASS  models"))
    }

    @Test func aStreamWithoutDoneFails() throws {
        let edge = try edge("free-two-tokens")
        let result = try run(edge, table: table(edge, login: teamLogin(edge)), extra: ["STUB_NO_DONE": "1"])
        #expect(result.status == 1)
        #expect(result.err.contains("FAIL  streaming: deepseek-chat"), "\(result.err)")
        #expect(result.err.contains("ending with data: [DONE], got 3 event(s)"))
    }

    @Test func theModelComesFromTheProfile() throws {
        let script = try edge("free-two-tokens").script
        #expect(script.contains("readonly DEFAULT_MODEL=deepseek-chat\n"))
        #expect(!script.contains("gpt-4o-mini"))
        var topology = try shippedTopology("free-two-tokens")
        topology.expectations.streamingModel = nil
        let files = try ProfileRenderer(templates: try TemplateLibrary(directory: repoPath("templates")), artifacts: [VerifyScriptArtifact()]).render(topology).files
        #expect(files[0].contents.contains("readonly DEFAULT_MODEL=''\n"))
        #expect(files[0].contents.contains("no model: set expectations.streaming_model in the profile, or VERIFY_MODEL"))
    }
}
