import Foundation
import Pipeline
@testable import ProfileLoader
import Testing
import TopologyModel

/// Profiles built to hang, exhaust or leak: an alias bomb, a giant, a pasted credential.
@Suite struct HostileProfileLoadTests {
    static func shipped() throws -> String { try String(contentsOfFile: repoPath("profiles/vultr-jp.yaml"), encoding: .utf8) }

    /// Nine anchors of nine aliases each: 9^9 values once expanded. Refused from the event
    /// stream, before any tree is walked (the benchmark times it; this proves the refusal).
    @Test func theAliasBombIsRefusedAtItsFirstAnchor() {
        var lines = ["description: bomb", "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]"]
        let names = Array("abcdefghi")
        for (previous, name) in zip(names, names.dropFirst()) {
            lines.append("\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]")
        }
        let result = loadText(lines.joined(separator: "\n") + "\n")
        #expect(result.topology == nil)
        let errors = result.diagnostics.errors
        #expect(errors.count == 1)
        #expect(errors.first?.message == "the profile uses an anchor (&a), one of 81 anchors and aliases")
        #expect(errors.first?.location == SourceLocation(file: "profiles/inline.yaml", line: 2, column: 4))
        #expect(errors.first?.hint?.contains("anchors and aliases are not allowed") == true)
    }

    @Test func aMergeKeyAliasIsRefusedWhereItIsWritten() throws {
        let text = try Self.shipped()
            .replacingOccurrences(of: "  logging:\n    max_size: 10m\n", with: "  logging: &logs\n    max_size: 10m\n")
            .replacingOccurrences(of: "    interval: 30s\n", with: "    <<: *logs\n    interval: 30s\n")
        let error = try #require(loadText(text).diagnostics.errors.first)
        #expect(error.message == "the profile uses an anchor (&logs), one of 2 anchors and aliases")
        #expect(error.snippet?.hasPrefix("    logging: &logs") == true)
    }

    @Test func aProfileOverTheSizeLimitIsRefusedBeforeParsing() {
        // Not even YAML: a parse would report a syntax error, the size check comes first.
        let giant = String(repeating: "{[", count: ProfileLoader.maximumBytes / 2 + 1)
        let result = loadText(giant)
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.message.hasPrefix("the profile is \(giant.utf8.count) bytes, more than the") == true)
    }

    static let key = "sk-4f9a8B7c6D5e4F3a2B1c0D9e8F7a6B5c"

    /// A credential pasted where another error is also found: no diagnostic prints it, in the
    /// message, hint or snippet; each shows its first characters and its length.
    @Test func aSecretLookingValueIsMaskedInEveryDiagnostic() throws {
        let text = try Self.shipped().replacingOccurrences(of: "    ssh: vultr\n", with: "    ssh: vultr \(Self.key)\n")
        let diagnostics = loadText(text).diagnostics
        #expect(Set(diagnostics.map(\.keyPath)) == ["hosts[0].ssh"])
        #expect(diagnostics.count == 2)
        for diagnostic in diagnostics {
            #expect(!diagnostic.description.contains(Self.key), "\(diagnostic)")
            #expect(diagnostic.description.contains("vult… (41 characters, masked)"), "\(diagnostic)")
        }
    }

    /// Written with escapes, the value is not verbatim in its line; the line is masked from it on.
    @Test func anEscapedSecretIsMaskedInTheSnippet() throws {
        let escaped = "\\x73" + Self.key.dropFirst()
        let text = try Self.shipped().replacingOccurrences(of: "        secret: newapi-token\n      - name: NEWAPI_CF_ACCESS_CLIENT_ID",
                                                           with: "        literal: \"\(escaped)\"\n      - name: NEWAPI_CF_ACCESS_CLIENT_ID")
        let error = try #require(loadText(text).diagnostics.errors.first)
        #expect(error.message.contains("looks like a secret"))
        #expect(error.snippet?.contains(String(Self.key.dropFirst())) == false)
        #expect(error.snippet?.hasPrefix("          literal: \"\\x7") == true)
    }

    @Test func aTabGetsAHintThatTabsCannotIndentYAML() throws {
        let text = try Self.shipped().replacingOccurrences(of: "\n  timezone: Asia/Tokyo\n", with: "\n\ttimezone: Asia/Tokyo\n")
        let error = try #require(loadText(text).diagnostics.errors.first)
        #expect(error.message.hasPrefix("YAML syntax:"))
        #expect(error.hint == "YAML cannot indent with tabs: replace the tab on this line with spaces")
    }

    /// Validation diagnostics take their snippet from the loader's one split of the file, so a
    /// CRLF profile's warnings show the right line too.
    @Test func validationSnippetsComeFromTheLoadersLines() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("topogen-crlf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("crlf.yaml").path
        try Self.shipped().replacingOccurrences(of: "\n", with: "\r\n").write(toFile: path, atomically: true, encoding: .utf8)
        let checked = Pipeline.check(path: path, displayPath: "profiles/crlf.yaml")
        let warning = try #require(checked.diagnostics.first { $0.keyPath == "gateway.tag" })
        #expect(warning.snippet?.hasPrefix("    tag: latest") == true)
        #expect(warning.snippet?.contains("\r") == false)
    }
}
