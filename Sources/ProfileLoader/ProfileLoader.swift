import Foundation
import TopologyModel
import Yams

/// The result of reading one profile: a topology when the profile was readable, and every
/// problem found on the way.
public struct LoadResult: Sendable {
    public var topology: Topology?
    public var diagnostics: [Diagnostic]
}

/// YAML profile -> `Topology`. Goes through libyaml's node tree (not `Decodable`) so every
/// diagnostic can name `file:line:col` and the key path, and all problems are reported at once.
public enum ProfileLoader {
    /// Reads `path` from disk. `displayPath` is what diagnostics print (relative, stable).
    public static func load(path: String, displayPath: String? = nil) -> LoadResult {
        let shown = displayPath ?? path
        guard let data = FileManager.default.contents(atPath: path) else {
            return LoadResult(topology: nil, diagnostics: [.error("cannot read the profile \(shown)", at: nil, path: "",
                                                                  hint: "check that it exists and is readable; profiles are named by file (profiles/NAME.yaml)")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return LoadResult(topology: nil, diagnostics: [.error("the profile is not UTF-8 text", at: SourceLocation(file: shown, line: 1, column: 1),
                                                                  path: "", hint: "save the file as UTF-8")])
        }
        return load(text: text, file: shown)
    }

    /// Parses profile text; `file` names it in diagnostics and decides the profile name.
    public static func load(text: String, file: String) -> LoadResult {
        let reader = NodeReader(file: file, text: text)
        let root: Node
        do {
            // Parser.nextRoot throws libyaml's errors with their marks (compose_all's sequence
            // would end silently at the first error). The basic resolver tags every scalar as
            // text: the loader reads scalars from their source text, never from a tag, and the
            // default one runs a regular expression per key in Yams' duplicate-key check.
            let parser = try Parser(yaml: text, resolver: .basic)
            var documents: [Node] = []
            while let node = try parser.nextRoot() { documents.append(node) }
            guard documents.count <= 1 else {
                reader.error("the profile holds \(documents.count) YAML documents", at: documents[1], path: "",
                             hint: "keep one document per profile; remove the extra `---`")
                return LoadResult(topology: nil, diagnostics: reader.diagnostics)
            }
            guard let only = documents.first else {
                reader.error("the profile is empty", at: SourceLocation(file: file, line: 1, column: 1), path: "",
                             hint: "start from profiles/vultr-jp.yaml")
                return LoadResult(topology: nil, diagnostics: reader.diagnostics)
            }
            root = only
        } catch let error as YamlError {
            reader.diagnostics_appendSyntax(error, file: file)
            return LoadResult(topology: nil, diagnostics: reader.diagnostics)
        } catch {
            reader.error("cannot parse the profile: \(error)", at: SourceLocation(file: file, line: 1, column: 1), path: "",
                         hint: "check the YAML syntax")
            return LoadResult(topology: nil, diagnostics: reader.diagnostics)
        }
        SecretValueScan.scan(root, path: "", reader: reader)
        guard let (fields, _) = SectionReader(reader: reader).fields(.profile, root, path: "") else {
            return LoadResult(topology: nil, diagnostics: reader.diagnostics)
        }
        let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        var topology: Topology?
        do {
            topology = try ProfileSections.decode(fields).topology(name: name, file: file)
        } catch {
            reader.error("topogen cannot build its model from this profile: \(error)", at: SourceLocation(file: file, line: 1, column: 1),
                         path: "", hint: "this is a bug in topogen's key declarations; please report it with the profile")
        }
        topology?.sourceMap = SourceMap(reader.locations)
        return LoadResult(topology: reader.diagnostics.hasErrors ? nil : topology, diagnostics: reader.diagnostics)
    }
}

extension NodeReader {
    /// libyaml's own syntax errors (and Yams' duplicate-key check) carry a mark: keep it.
    func diagnostics_appendSyntax(_ error: YamlError, file: String) {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
            let location = SourceLocation(file: file, line: mark.line, column: mark.column)
            let what = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            self.error("YAML syntax: \(what)", at: location, path: "", hint: "fix the YAML syntax at this position (indentation, quotes, a missing ':')")
        case .composer(let context, let problem, let mark, _):
            let location = SourceLocation(file: file, line: mark.line, column: mark.column)
            let what = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            self.error("YAML structure: \(what)", at: location, path: "", hint: "check anchors and aliases")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
            self.error("duplicate key \(keys) in one mapping",
                       at: SourceLocation(file: file, line: context.mark.line, column: context.mark.column),
                       path: "", hint: "a key may appear once per mapping; remove or merge the repeats")
        default:
            self.error("cannot parse the profile: \(error)", at: SourceLocation(file: file, line: 1, column: 1), path: "",
                       hint: "check the YAML syntax")
        }
    }
}
