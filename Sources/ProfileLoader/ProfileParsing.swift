import TopologyModel
import Yams

/// Profile text -> one libyaml node tree, or located errors: anchors and aliases, several
/// documents, an empty file, and libyaml's own syntax errors with a hint that fits them.
enum ProfileParsing {
    static func root(of text: String, reader: NodeReader) -> Node? {
        let file = reader.file
        if let (found, count) = AnchorScan.first(in: text) {
            let what = found.isAlias ? "an alias (*\(found.name))" : "an anchor (&\(found.name))"
            reader.error(.anchor, "the profile uses \(what)\(count > 1 ? ", one of \(count) anchors and aliases" : "")",
                         at: SourceLocation(file: file, line: found.line, column: found.column), path: "",
                         hint: "write each value out: anchors and aliases are not allowed in a profile (a few lines of aliases can stand for billions of values)")
            return nil
        }
        do {
            // Parser.nextRoot throws libyaml's errors with their marks (compose_all's sequence
            // would end silently at the first error). The basic resolver tags every scalar as
            // text: the loader reads scalars from their source text, never from a tag, and the
            // default one runs a regular expression per key in Yams' duplicate-key check.
            let parser = try Parser(yaml: text, resolver: .basic)
            var documents: [Node] = []
            while let node = try parser.nextRoot() { documents.append(node) }
            guard documents.count <= 1 else {
                reader.error(.yamlSyntax, "the profile holds \(documents.count) YAML documents", at: documents[1], path: "",
                             hint: "keep one document per profile; remove the extra `---`")
                return nil
            }
            guard let only = documents.first else {
                reader.error(.unreadable, "the profile is empty", at: SourceLocation(file: file, line: 1, column: 1), path: "",
                             hint: "start from profiles/vultr-jp.yaml")
                return nil
            }
            return only
        } catch let error as YamlError {
            syntaxError(error, reader: reader)
        } catch {
            reader.error(.yamlSyntax, "cannot parse the profile: \(error)", at: SourceLocation(file: file, line: 1, column: 1), path: "",
                         hint: "check the YAML syntax")
        }
        return nil
    }

    /// libyaml's own syntax errors (and Yams' duplicate-key check) carry a mark: keep it.
    static func syntaxError(_ error: YamlError, reader: NodeReader) {
        let file = reader.file
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
            let location = SourceLocation(file: file, line: mark.line, column: mark.column)
            let what = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            let hint = tabBefore(location, in: reader.lines)
                ? "YAML cannot indent with tabs: replace the tab on this line with spaces"
                : "fix the YAML syntax at this position (indentation, quotes, a missing ':')"
            reader.error(.yamlSyntax, "YAML syntax: \(what)", at: location, path: "", hint: hint)
        case .composer(let context, let problem, let mark, _):
            let location = SourceLocation(file: file, line: mark.line, column: mark.column)
            let what = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            reader.error(.yamlSyntax, "YAML structure: \(what)", at: location, path: "", hint: "check anchors and aliases")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
            reader.error(.duplicateKey, "duplicate key \(keys) in one mapping",
                         at: SourceLocation(file: file, line: context.mark.line, column: context.mark.column),
                         path: "", hint: "a key may appear once per mapping; remove or merge the repeats")
        default:
            reader.error(.yamlSyntax, "cannot parse the profile: \(error)", at: SourceLocation(file: file, line: 1, column: 1), path: "",
                         hint: "check the YAML syntax")
        }
    }

    /// libyaml reports a tab used for indentation as "found character that cannot start any
    /// token", which names neither tabs nor indentation.
    static func tabBefore(_ location: SourceLocation, in lines: SourceLines) -> Bool {
        guard location.line >= 1, location.line <= lines.lines.count else { return false }
        return lines.lines[location.line - 1].unicodeScalars.prefix(location.column).contains("\t")
    }
}
