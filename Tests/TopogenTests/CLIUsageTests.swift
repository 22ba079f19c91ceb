import Foundation
import Testing

/// Usage errors and the version in the format asked for: one JSON document on stdout under
/// `--format json` (the same diagnostic fields as every other report), text otherwise. A script
/// that asked for JSON gets JSON however the command line was wrong.
@Suite(.serialized) struct CLIUsageTests {
    struct Mistake: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var command: String
        var message: String
        var hint: String
        var testDescription: String { arguments.joined(separator: " ") }

        /// `--format json` right after the first word, where a user would add it.
        var asJSON: [String] { [arguments[0], "--format", "json"] + arguments.dropFirst() }
    }

    static let mistakes = [
        Mistake(arguments: ["chekc"], command: "topogen", message: "'chekc' is not a topogen command", hint: "did you mean `topogen check`?"),
        Mistake(arguments: ["render", "--no-such-flag"], command: "render", message: "Unknown option '--no-such-flag'",
                hint: "usage: topogen render [<profile> ...] [options]; see `topogen render --help`"),
        Mistake(arguments: ["init"], command: "init", message: "Missing expected argument '<name>'", hint: "see `topogen init --help`"),
        Mistake(arguments: ["validate", "--profiles"], command: "validate", message: "Missing value for '--profiles <dir>'",
                hint: "see `topogen validate --help`"),
    ]

    static let diagnosticFields: Set<String> = ["severity", "code", "file", "line", "column", "key_path", "message", "hint"]

    @Test(arguments: mistakes)
    func aUsageErrorIsOneJSONReportUnderFormatJSON(_ mistake: Mistake) throws {
        let dir = try CLI.workspace()
        let json = try CLI.run(mistake.asJSON, in: dir)
        #expect(json.status == 64)
        #expect(json.stderr.isEmpty, "JSON mode keeps stderr empty: \(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], "not JSON: \(json.stdout)")
        #expect(object["command"] as? String == mistake.command)
        #expect(object["exit_code"] as? Int == 64)
        #expect(object["errors"] as? Int == 1)
        let items = try #require(object["diagnostics"] as? [[String: Any]])
        let item = try #require(items.first)
        #expect(items.count == 1)
        #expect(Set(item.keys) == Self.diagnosticFields)
        #expect(item["severity"] as? String == "error")
        #expect(item["code"] as? String == "usage")
        #expect(item["message"] as? String == mistake.message)
        #expect((item["hint"] as? String)?.contains(mistake.hint) == true, "\(item["hint"] ?? "no hint")")
    }

    @Test(arguments: mistakes)
    func aUsageErrorIsTextOtherwise(_ mistake: Mistake) throws {
        let text = try CLI.run(mistake.arguments, in: CLI.workspace())
        #expect(text.status == 64)
        #expect(text.stdout.isEmpty)
        #expect(text.stderr.contains(mistake.message))
        #expect(!text.stderr.contains("\"diagnostics\""))
    }

    @Test func theUsageCodeIsExplained() throws {
        let explain = try CLI.run(["explain", "usage"], in: CLI.workspace())
        #expect(explain.status == 0)
        #expect(explain.stdout.hasPrefix("usage (command line)"))
    }

    @Test(arguments: [["--version", "--format", "json"], ["--format=json", "--version"], ["version", "--format", "json"],
                      ["render", "--version", "--format", "json"]])
    func theVersionIsASmallJSONObjectUnderFormatJSON(_ arguments: [String]) throws {
        let source = try String(contentsOfFile: repoPath("Sources/topogen/Version.swift"), encoding: .utf8)
        let version = try #require(source.firstMatch(of: /current = "([0-9.]+)"/)?.1)
        let run = try CLI.run(arguments, in: CLI.workspace())
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: String], "not JSON: \(run.stdout)")
        #expect(object == ["name": "topogen", "version": String(version)])
    }
}
