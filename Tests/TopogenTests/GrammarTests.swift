import Formats
import Foundation
@testable import ProfileLoader
import Testing
import TopologyModel

/// Value grammars declared with the keys: each refuses what its kind of value cannot be, with
/// a located error and a hint, and one-line values refuse what a reviewer cannot see.
@Suite struct GrammarTests {
    static let cases: [(Grammar, valid: [String], invalid: [String])] = [
        (.userName, ["root", "_svc", "www-data", "a1"], ["Root", "-x", "root; touch PWN #", "1abc", String(repeating: "a", count: 33)]),
        (.hostName, ["example.com", "llm.fsagent.cc", "localhost"], ["-a.example.com", "a..b", "a b.com", "a_b.com", "exa mple.com"]),
        (.email, ["admin@fsagent.cc", "a.b+c@x.io"], ["admin", "@x.io", "a@b", "a b@x.io"]),
        (.emailDomain, ["example.com"], ["example", "@example.com"]),
        (.sshAlias, ["vultr", "ecs", "user@host", "h.example"], ["-oProxyCommand=touch PWN", "a b", ""]),
        (.unitName, ["cloudflared.service", "backup.timer", "getty@tty1.service"], ["cloudflared", "a b.service", ".service"]),
        (.serviceUnit, ["newapi-cloudflared.service"], ["newapi-cloudflared", "newapi.timer"]),
        (.absolutePath, ["/opt/newapi", "/etc/cloudflared/x.yml", "/"], ["opt/newapi", "/opt/../etc", "/..", "~/x"]),
        (.envName, ["SESSION_SECRET", "_x", "a1"], ["1A", "A-B", "A B", ""]),
        (.imageName, ["calciumion/new-api", "nginx", "ghcr.io/org/app", "localhost:5000/a/b"], ["Calcium/New", "a//b", "a:tag", "-a"]),
        (.imageTag, ["latest", "v0.4.0", "v1@sha256:" + String(repeating: "a", count: 64)], ["latest: x", ".x", "a b", "-x", "${TAG}"]),
        (.url, ["http://127.0.0.1:3000", "https://a.example/x"], ["127.0.0.1:3000", "http://", "http:// a"]),
        (.ipAddress, ["127.0.0.1", "0.0.0.0", "::1"], ["256.1.1.1", "localhost", "1.2.3"]),
        (.decimal, ["0.50", "2", "1.5"], ["0.5.0", ".5", "half"]),
        (.timeZone, ["Asia/Tokyo", "UTC", "America/Argentina/Buenos_Aires"], ["Asia Tokyo", "/UTC", "$(date)"]),
        (.urlPath, ["/", "/v1/*", "/api/status"], ["v1", "/a b", ""]),
        (.name, ["vultr-jp", "session-secret", "a.b_c"], ["-x", "../x", "a/b", "a b", ""]),
        (.fileMode, ["0600", "0755"], ["600", "0800", "rw-r--r--"]),
    ]

    @Test func eachGrammarAcceptsItsExampleAndRefusesLookalikes() {
        for (grammar, valid, invalid) in Self.cases {
            for text in valid + [grammar.example] {
                #expect(grammar.check(GrammarInput(text: text, quoted: true, key: "k")) == nil, "\(grammar.name) should accept '\(text)'")
            }
            for text in invalid {
                #expect(grammar.check(GrammarInput(text: text, quoted: true, key: "k")) != nil, "\(grammar.name) should refuse '\(text)'")
            }
        }
    }

    /// The pattern the schema carries says the same as the loader, for every example above.
    @Test func patternsMeanTheSameAsTheLoader() throws {
        for (grammar, valid, invalid) in Self.cases {
            let pattern = try #require(grammar.pattern)
            let regex = try NSRegularExpression(pattern: pattern)
            for text in valid + invalid {
                let whole = NSRange(text.startIndex..., in: text)
                let matched = regex.firstMatch(in: text, range: whole)?.range == whole
                #expect(matched == (grammar.check(GrammarInput(text: text, quoted: true, key: "k")) == nil), "\(grammar.name): '\(text)'")
            }
        }
    }

    static let unsafe: [(String, String)] = [
        ("\r\n", "a carriage return (U+000D)"), ("\n", "a line feed (U+000A)"), ("\u{1B}[31m", "an escape character (U+001B)"),
        ("\u{202E}", "a bidirectional control character (U+202E)"), ("\u{2067}", "a bidirectional control character (U+2067)"),
        ("\u{200B}", "an invisible character (U+200B)"), ("\u{85}", "a control character (U+0085)"), ("\t", "a tab (U+0009)"),
    ]

    @Test(arguments: unsafe)
    func oneLineFieldsRefuseWhatAReviewerCannotSee(_ inserted: String, _ named: String) throws {
        let text = try String(contentsOfFile: repoPath("profiles/vultr-jp.yaml"), encoding: .utf8)
        let escaped = inserted.unicodeScalars.map { String(format: "\\u%04X", $0.value) }.joined()
        let mutated = text.replacingOccurrences(of: "  - name: twilight-backend\n    host: ecs-chengdu",
                                                with: "  - name: \"tb\(escaped)touch PWNED3\"\n    host: ecs-chengdu")
        #expect(mutated != text)
        let errors = loadText(mutated).diagnostics.errors
        #expect(errors.count == 1)
        let error = try #require(errors.first)
        #expect(error.keyPath == "consumers[0].name")
        #expect(error.message == "the value holds \(named) at character 3")
        #expect(error.hint == "name is one line of text: remove it (only notes may span lines)")
        let line = text.components(separatedBy: "\n").firstIndex { $0 == "  - name: twilight-backend" }.map { $0 + 1 }
        #expect(error.location?.line == line)
    }

    /// The issue's reproduction: a CRLF in a free-text field would become a command in the env file.
    @Test func aLineBreakInGenerateIsRefused() throws {
        let text = try String(contentsOfFile: repoPath("profiles/vultr-jp.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "generate: openssl rand -hex 32",
                                  with: "generate: \"NewAPI admin UI\\r\\nEVIL=$(touch PWNED)\"")
        let errors = loadText(text).diagnostics.errors
        #expect(errors.map(\.keyPath) == ["secrets[0].generate"])
        #expect(errors.first?.message == "the value holds a carriage return (U+000D) at character 16")
    }

    @Test func notesMaySpanLines() throws {
        let text = try String(contentsOfFile: repoPath("profiles/vultr-jp.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "        note: PRD-related; do not co-mingle\n", with: "        note: |\n          PRD-related;\n          do not co-mingle\n")
        let topology = try #require(loadText(text).topology)
        #expect(topology.hosts[0].users[0].note == "PRD-related;\ndo not co-mingle\n")
    }

    /// `validate` must refuse what `render` cannot write: a unit name without `.service`.
    @Test func aServiceUnitMustEndInService() throws {
        let text = try String(contentsOfFile: repoPath("profiles/vultr-jp.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "  unit: newapi-cloudflared.service\n", with: "  unit: newapi-cloudflared\n")
        let errors = loadText(text).diagnostics.errors
        #expect(errors.map(\.keyPath) == ["tunnel.unit"])
        #expect(errors.first?.message == "'newapi-cloudflared' is not a service unit name: it must end in .service (e.g. newapi-cloudflared.service)")
        #expect(errors.first?.hint == "end it in .service, e.g. newapi-cloudflared.service")
    }

    @Test(arguments: [("    ssh: vultr\n", "    ssh: -oProxyCommand=x\n", "hosts[0].ssh"),
                      ("\n  owner: root\n", "\n  owner: \"root; touch PWN #\"\n", "gateway.owner"),
                      ("  tag: latest ", "  tag: \"latest: x\" ", "gateway.tag"),
                      ("  secrets: [session-secret]\n", "  environment:\n    TIKTOKEN-CACHE: /data/tiktoken\n  secrets: [session-secret]\n", "gateway.environment.TIKTOKEN-CACHE")])
    func hostileValuesAreLocatedErrors(_ find: String, _ replace: String, _ path: String) throws {
        let text = try String(contentsOfFile: repoPath("profiles/vultr-jp.yaml"), encoding: .utf8)
        let mutated = text.replacingOccurrences(of: find, with: replace)
        #expect(mutated != text)
        let errors = loadText(mutated).diagnostics.errors
        #expect(errors.map(\.keyPath) == [path])
        #expect(errors.allSatisfy { $0.location != nil && $0.hint?.isEmpty == false })
    }

    /// Lines are split on Unicode scalars, as libyaml counts them: a CRLF profile's snippets
    /// show the right line.
    @Test func crlfProfilesGetTheRightSnippet() throws {
        let text = try String(contentsOfFile: repoPath("profiles/vultr-jp.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "  port: 3000\n", with: "  port: 03000\n")
            .replacingOccurrences(of: "\n", with: "\r\n")
        let error = try #require(loadText(text).diagnostics.errors.first)
        #expect(error.snippet == "    port: 03000\n          ^")
        #expect(SourceLines("a\r\nb\rc\nd").lines == ["a", "b", "c", "d"])
    }

    /// One grammar per value kind: the loader, the JSON Schema's pattern and `ValueGrammar`
    /// (validation and the systemd artifact) accept exactly the same unit names and unit paths.
    @Test(arguments: [
        ("serviceUnit", ["cloudflared.service", "llmgw-cloudflared.service", "a@b.service", "x\\y.service"],
         ["cloudflared", "a@b@c.service", "my unit.service", "caf\u{E9}.service", ".service", String(repeating: "a", count: 248) + ".service"]),
        ("unitPath", ["/usr/local/bin/cloudflared", "/etc/cloudflared/llmgw-de.yml", "/opt/\u{E9}t\u{E9}/x"],
         ["usr/bin/cloudflared", "/usr/local/bin/cloud flared", "/etc/%i.yml", "/etc/\"x\"", "/a/../b", "/a\\b"]),
    ])
    func theLoaderTheSchemaAndValueGrammarAgree(grammarName: String, valid: [String], invalid: [String]) throws {
        let grammar = grammarName == "serviceUnit" ? Grammar.serviceUnit : Grammar.unitPath
        let pattern = try NSRegularExpression(pattern: try #require(grammar.pattern))
        func schemaAccepts(_ text: String) -> Bool {
            pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        }
        func valueGrammarAccepts(_ text: String) -> Bool {
            grammarName == "serviceUnit" ? ValueGrammar.serviceUnitProblem(text) == nil : ValueGrammar.absolutePathProblem(text) == nil
        }
        for text in valid + invalid {
            let loader = grammar.check(GrammarInput(text: text, quoted: true, key: "k")) == nil
            #expect(loader == valid.contains(text), "loader on '\(text)'")
            #expect(schemaAccepts(text) == loader, "schema pattern on '\(text)'")
            if !text.contains("/../") { #expect(valueGrammarAccepts(text) == loader, "ValueGrammar on '\(text)'") }
        }
    }
}
