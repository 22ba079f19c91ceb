import Formats
import TopologyModel
import Yams

/// The checks that concern keys rather than values: absent, unknown, repeated, and the
/// constraints between keys of one mapping.
extension SectionReader {
    static func child(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// What an absent (or null) key reads as; nil when it stays absent. A required one is reported.
    func absent(_ key: ProfileKey, at node: Node, path: String) -> CheckedValue? {
        let keyPath = SectionReader.child(path, key.name)
        switch key.presence {
        case .required:
            reader.error(.missingKey, "missing required key '\(key.name)'", at: node, path: path.isEmpty ? key.name : path,
                         hint: "add `\(key.name): <\(SectionReader.placeholder(key.kind))>` to \(path.isEmpty ? "the top level" : path)")
            return nil
        case .optional:
            return nil
        case .empty:
            switch key.kind {
            case .list, .map: return .list([])
            case .mapping(let section):
                // As if written `{}`: every key of the section takes its own default.
                return read(.mapping(section), .mapping(Node.Mapping([])), key: key.name, path: keyPath)
            default: return nil
            }
        case .defaults(let text):
            return read(key.kind, .scalar(Node.Scalar(text, .implicit, .plain)), key: key.name, path: keyPath)
        }
    }

    /// How the hint for a missing key describes its value.
    static func placeholder(_ kind: ValueKind) -> String {
        switch kind {
        case .string: return "text"
        case .integer: return "integer"
        case .boolean: return "true|false"
        case .choice(let options): return options.joined(separator: "|")
        case .byteSize: return "size, e.g. 384m"
        case .byteSizeOrZero: return "size, e.g. 2g, or 0"
        case .duration: return "duration, e.g. 30s"
        case .list: return "list"
        case .mapping, .map: return "mapping"
        }
    }

    func unknown(_ name: String, _ key: Node, _ section: ProfileSection, _ path: String) {
        let names = section.keys.map(\.name)
        reader.error(.unknownKey, "unknown key '\(name)'\(DidYouMean.hint(name, in: names))", at: key, path: SectionReader.child(path, name),
                     hint: "keys allowed here: \(names.sorted().joined(separator: ", "))")
    }

    /// libyaml's composer accepts `a: 1` twice in one mapping; a profile must not, since only
    /// one of the two would count.
    func duplicate(_ name: String, _ key: Node, _ path: String) {
        reader.error(.duplicateKey, "duplicate key '\(name)'", at: key, path: SectionReader.child(path, name),
                     hint: "a key may appear once per mapping; remove or merge the repeats")
    }

    func checkConstraints(_ section: ProfileSection, _ written: [String: (key: Node, value: Node)], _ node: Node, _ path: String) {
        func given(_ key: String) -> Node? { written[key].flatMap { NodeReader.isNull($0.value) ? nil : $0.value } }
        let name = given("name")?.scalar.map { "'\($0.string)' " } ?? ""
        for constraint in section.constraints {
            switch constraint {
            case .exactlyOne(let keys, let hint):
                let count = keys.filter { given($0) != nil }.count
                guard count != 1 else { continue }
                let list = keys.joined(separator: ", ")
                reader.error(.invalidValue, count == 0 ? "\(name)has none of \(list)" : "\(name)has more than one of \(list)",
                             at: node, path: path, hint: hint)
                return
            case .requires(let required, let key, let value, let message, let hint):
                guard let node = given(key), node.scalar?.string == value, given(required) == nil else { continue }
                reader.error(.invalidValue, message, at: node, path: SectionReader.child(path, key), hint: hint)
            }
        }
    }
}
