import Artifacts
import Formats
import Foundation
import Rendering
import Testing
import TopologyModel
import Validation
import Yams

/// Hostile strings in every string field of both shipped profiles, chosen by a seeded generator:
/// the seed is printed, and TOPOGEN_HOSTILE_SEED replays a run; TOPOGEN_HOSTILE_CASES sets how
/// many (field, string) pairs are tried per profile (default 100). Each case must end in one of
/// two ways: located errors (file:line:col on every one), or a render (`validate` passing
/// implies `render` passing) whose every file reads back with no new key, line or command and no
/// raw invisible character.
@Suite struct HostilePropertyTests {
    static let hostile = [
        "a\nb", "a\r\nEVIL=$(touch PWN)", "it's", "say \"hi\"", "$(id)", "${HOME}", "`id`", "# not a comment",
        "tab\there", "esc\u{1B}[2J", String(repeating: "long-", count: 4000), "../../../etc/passwd", "-oProxyCommand=x",
        "rtl\u{202E}txt", "zero\u{200B}width", "; touch PWN #", "}{$$", "\u{85}nel",
    ]
    static let cases = Int(ProcessInfo.processInfo.environment["TOPOGEN_HOSTILE_CASES"] ?? "") ?? 100
    static let seed = UInt64(ProcessInfo.processInfo.environment["TOPOGEN_HOSTILE_SEED"] ?? "") ?? UInt64.random(in: 1...UInt64(UInt32.max))

    @Test(arguments: ["vultr-jp", "hetzner-de"])
    func everyHostileValueIsRefusedOrInert(_ profile: String) throws {
        let text = try String(contentsOfFile: repoPath("profiles/\(profile).yaml"), encoding: .utf8)
        let root = try #require(try Yams.compose(yaml: text))
        let fields = Self.stringFields(root, path: "")
        let templates = try TemplateLibrary(directory: repoPath("templates"))
        let baseline = try Self.render(text, name: profile, templates: templates).get()
        var generator = SplitMix64(seed: Self.seed &+ UInt64(profile.utf8.count))
        var refused = 0, rendered = 0
        for index in 0..<Self.cases {
            let field = fields[Int(generator.next() % UInt64(fields.count))]
            let value = Self.hostile[Int(generator.next() % UInt64(Self.hostile.count))]
            let replay = "\(profile), seed \(Self.seed) (TOPOGEN_HOSTILE_SEED), case \(index): \(field) = \(YAMLScalar.doubleQuoted(String(value.prefix(40))))"
            let mutated = try Yams.serialize(node: Self.replacing(root, at: field, with: value))
            switch Self.render(mutated, name: profile, templates: templates) {
            case .failure(.refused(let errors)):
                refused += 1
                #expect(errors.allSatisfy { $0.location != nil }, "\(replay): an error without file:line:col: \(errors)")
            case .failure(.renderFailed(let error)):
                Issue.record("\(replay): validate passed but render failed: \(Lines.split(error).first ?? "")")
            case .success(let files):
                rendered += 1
                for problem in Self.problems(files, baseline: baseline) { Issue.record("\(replay): \(problem)") }
            }
        }
        print("hostile values, \(profile): \(Self.cases) cases over \(fields.count) string fields, seed \(Self.seed): \(refused) refused, \(rendered) rendered inert")
    }

    enum Failure: Error { case refused([Diagnostic]), renderFailed(String) }

    static func render(_ text: String, name: String, templates: TemplateLibrary) -> Result<[String: String], Failure> {
        let loaded = loadText(text, name: name)
        guard let topology = loaded.topology else { return .failure(.refused(loaded.diagnostics.errors)) }
        let errors = Validator.validate(topology).errors
        if !errors.isEmpty { return .failure(.refused(errors)) }
        do {
            let profile = try ProfileRenderer(templates: templates).render(topology)
            return .success(Dictionary(profile.allFiles.map { ($0.path, $0.contents) }, uniquingKeysWith: { a, _ in a }))
        } catch {
            return .failure(.renderFailed("\(error)"))
        }
    }

    /// What no rendered file may do, compared with the unmutated render.
    static func problems(_ files: [String: String], baseline: [String: String]) -> [String] {
        var found: [String] = []
        for (path, contents) in files.sorted(by: { $0.key < $1.key }) {
            if !Hostile.noHiddenLines(contents) { found.append("\(path) holds a line break other than LF") }
            if let hidden = contents.unicodeScalars.first(where: { Visible.isHidden($0) && $0 != "\n" }) {
                found.append("\(path) holds the raw invisible character U+\(hex4(hidden.value))")
            }
            guard let before = baseline[path] else { continue }
            if path.hasSuffix(".env") || path.hasSuffix("env.example") {
                let keys = (try? Dotenv.parse(contents).map(\.0)) ?? ["(unreadable)"]
                let expected = (try? Dotenv.parse(before).map(\.0)) ?? []
                if keys != expected { found.append("\(path) sets \(keys), expected \(expected)") }
            }
            if path.hasSuffix(".sh") || path.hasSuffix(".env") || path.hasSuffix("env.example") || path.hasSuffix(".service") {
                // Comments may grow (free text is re-prefixed line by line); code lines may not.
                let code = { (text: String) in Lines.split(text).filter { !$0.hasPrefix("#") }.count }
                if code(contents) != code(before) { found.append("\(path) has \(code(contents)) non-comment lines, expected \(code(before))") }
            }
        }
        // The RUNBOOK's shell blocks: no more command lines than before (comments may grow; a
        // workload's cleanup entries are the profile's own commands, one line each, and may
        // become a comment when the entry is one).
        let commands = { (text: String?) -> Int in
            var inside = false, count = 0
            for line in Lines.split(text ?? "") {
                if line.hasPrefix("```") { inside = line == "```sh"; continue }
                if inside, !line.trimmingCharacters(in: .whitespaces).hasPrefix("#") { count += 1 }
            }
            return count
        }
        if commands(files["RUNBOOK.md"]) > commands(baseline["RUNBOOK.md"]) {
            found.append("RUNBOOK.md has \(commands(files["RUNBOOK.md"])) command lines in its sh blocks, more than the \(commands(baseline["RUNBOOK.md"])) it had")
        }
        let paths = Set(files.keys).symmetricDifference(baseline.keys).filter { !$0.hasPrefix("consumers/") && !$0.hasPrefix("deploy/") && !$0.hasPrefix("systemd/") }
        if !paths.isEmpty { found.append("files appeared or vanished: \(paths.sorted())") }
        return found
    }

    /// Key paths (`gateway.owner`, `hosts[0].users[1].note`) of every string scalar that is a value.
    static func stringFields(_ node: Node, path: String) -> [String] {
        switch node {
        case .scalar(let scalar):
            return Tag.Name(rawValue: node.tag.rawValue) == .str && !path.isEmpty && scalar.style != .literal ? [path] : []
        case .mapping(let mapping):
            return mapping.flatMap { key, value in stringFields(value, path: path.isEmpty ? (key.string ?? "?") : "\(path).\(key.string ?? "?")") }
        case .sequence(let sequence):
            return sequence.enumerated().flatMap { stringFields($0.element, path: "\(path)[\($0.offset)]") }
        case .alias:
            return []
        }
    }

    /// `node` with the scalar at `path` replaced by `value` (a double-quoted string).
    static func replacing(_ node: Node, at path: String, with value: String, here: String = "") -> Node {
        if here == path { return Node(value, .implicit, .doubleQuoted) }
        switch node {
        case .mapping(let mapping):
            let pairs = mapping.map { key, item -> (Node, Node) in
                let child = here.isEmpty ? (key.string ?? "?") : "\(here).\(key.string ?? "?")"
                return (key, path == child || path.hasPrefix(child + ".") || path.hasPrefix(child + "[") ? replacing(item, at: path, with: value, here: child) : item)
            }
            return .mapping(Node.Mapping(pairs))
        case .sequence(let sequence):
            return .sequence(Node.Sequence(sequence.enumerated().map { index, item in
                let child = "\(here)[\(index)]"
                return path == child || path.hasPrefix(child + ".") || path.hasPrefix(child + "[") ? replacing(item, at: path, with: value, here: child) : item
            }))
        default:
            return node
        }
    }
}
