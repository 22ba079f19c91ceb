import Deployment
import Formats
import Foundation
import Testing
@testable import Artifacts
import ProfileLoader
import Rendering
import TopologyModel
@testable import Validation

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
            try writeStub(text + "\n", to: url)
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
