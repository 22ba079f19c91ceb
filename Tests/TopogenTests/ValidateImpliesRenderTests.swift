import Foundation
import Pipeline
import Rendering
import Testing
import TopologyModel

/// `validate` passing is a promise that `render` succeeds: every fact a profile can get wrong is a
/// located validation error, never a render-time failure blamed on a template. This walks three
/// corpora (every single-line deletion of each shipped profile, the bad-profile fixtures, and
/// value mutations of every scalar line) and renders every variant that validates.
@Suite struct ValidateImpliesRenderTests {
    static let profiles = ["vultr-jp", "hetzner-de"]
    static let templates = try! TemplateLibrary(directory: repoPath("templates"))

    @Test(arguments: profiles)
    func everyLineDeletionThatValidatesRenders(_ profile: String) throws {
        let lines = try Self.lines(profile)
        var failures: [String] = []
        for index in lines.indices {
            var mutated = lines
            mutated.remove(at: index)
            if let failure = Self.renderFailure(mutated.joined(separator: "\n"), profile: profile) {
                failures.append("line \(index + 1) deleted: \(failure)")
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    @Test(arguments: profiles)
    func everyValueMutationThatValidatesRenders(_ profile: String) throws {
        let lines = try Self.lines(profile)
        var failures: [String] = []
        var rendered = 0
        for (index, line) in lines.enumerated() {
            guard let scalar = ScalarLine(line), !ScalarLine.proseKeys.contains(scalar.key) else { continue }
            for value in ValueMutation.variants(of: scalar.value) {
                var mutated = lines
                mutated[index] = scalar.with(value)
                switch Self.outcome(mutated.joined(separator: "\n"), profile: profile) {
                case .refused: break
                case .rendered: rendered += 1
                case .renderFailed(let message): failures.append("line \(index + 1) as `\(mutated[index])`: \(message)")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        // The corpus must exercise the promise, not only the refusals.
        #expect(rendered > 0)
    }

    // MARK: helpers

    enum Outcome { case refused, rendered, renderFailed(String) }

    static func lines(_ profile: String) throws -> [String] {
        try String(contentsOfFile: repoPath("profiles/\(profile).yaml"), encoding: .utf8)
            .components(separatedBy: "\n")
    }

    static func renderFailure(_ text: String, profile: String) -> String? {
        if case .renderFailed(let message) = outcome(text, profile: profile) { return message }
        return nil
    }

    /// Validates as `topogen validate` does; renders (without writing) what validates.
    static func outcome(_ text: String, profile: String) -> Outcome {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("topogen-v2r-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        do {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            let file = scratch.appendingPathComponent("\(profile).yaml")
            try text.write(to: file, atomically: true, encoding: .utf8)
            let checked = Pipeline.check(path: file.path, displayPath: "profiles/\(profile).yaml")
            guard let topology = checked.topology else { return .refused }
            _ = try Pipeline.render([topology], templates: templates)
            return .rendered
        } catch {
            return .renderFailed("\(error)")
        }
    }
}

/// A `key: value` line of a profile whose value is a plain or quoted scalar (not a flow
/// collection, a block scalar or a bare `key:` opening a mapping).
struct ScalarLine {
    /// Free-text keys: any text renders (the hostile-value suite covers what they may hold), so
    /// mutating them only costs renders without testing a grammar.
    static let proseKeys: Set<String> = ["description", "note", "generate", "rotate", "region", "provider", "kind", "summary"]

    var key: String {
        prefix.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "- :"))
    }
    var prefix: String
    var value: String
    var comment: String

    init?(_ line: String) {
        guard let colon = line.range(of: ": "), !line.trimmingCharacters(in: .whitespaces).hasPrefix("#") else { return nil }
        let head = String(line[..<colon.upperBound])
        var rest = String(line[colon.upperBound...])
        var comment = ""
        if let hash = rest.range(of: "  #") {
            comment = String(rest[hash.lowerBound...])
            rest = String(rest[..<hash.lowerBound])
        }
        rest = rest.trimmingCharacters(in: .whitespaces)
        guard let first = rest.first, !"[{>|&*!".contains(first) else { return nil }
        if first == "\"" || first == "'" { rest = String(rest.dropFirst().dropLast()) }
        prefix = head
        value = rest
        self.comment = comment
    }

    /// The line with `value` written as a double-quoted YAML string (escaping what must be), so
    /// a mutation changes the value, never the YAML structure around it.
    func with(_ value: String) -> String {
        prefix + YAMLQuoted.string(value) + comment
    }
}

enum YAMLQuoted {
    static func string(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

/// Plausible wrong values a person could write for a scalar: the shapes that slipped through
/// `validate` before (a unit without `.service`, a relative path, a blank, a `%` specifier,
/// an option-like leading dash, an empty string, a trailing backslash).
enum ValueMutation {
    static func variants(of value: String) -> [String] {
        var out = [
            value + "x",
            "x " + value,
            value + "%",
            "-" + value,
            "",
            value + "\\",
            "relative/" + value.drop { $0 == "/" },
        ]
        if value.hasSuffix(".service") { out.append(String(value.dropLast(".service".count))) }
        if value.hasPrefix("/") { out.append(String(value.dropFirst())) }
        if value.hasPrefix("http") { out.append(value.replacingOccurrences(of: "://", with: ":/")) }
        return out.filter { $0 != value }
    }
}
