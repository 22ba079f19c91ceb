import Formats
import Foundation
import Yams

/// A YAML value as a reader sees it: tags resolved, mapping order and quoting style ignored.
/// `"3000"` (str) and `3000` (int) differ; `0.50` and `0.5` are the same float.
indirect enum YAMLValue: Equatable, CustomStringConvertible {
    case string(String), int(Int), float(Double), bool(Bool), null
    case sequence([YAMLValue])
    case mapping([String: YAMLValue])

    var description: String {
        switch self {
        case .string(let s): return YAMLScalar.doubleQuoted(s) + " (string)"
        case .int(let i): return "\(i) (int)"
        case .float(let f): return "\(f) (float)"
        case .bool(let b): return "\(b) (bool)"
        case .null: return "null"
        case .sequence(let items): return "a list of \(items.count)"
        case .mapping(let map): return "a mapping with keys \(map.keys.sorted().joined(separator: ", "))"
        }
    }
}

/// Where rendered YAML and its typed document first disagree.
public struct YAMLMismatch: Error, CustomStringConvertible, Equatable {
    public var keyPath: String
    public var line: Int?
    public var expected: String
    public var found: String

    public init(keyPath: String, line: Int?, expected: String, found: String) {
        self.keyPath = keyPath
        self.line = line
        self.expected = expected
        self.found = found
    }

    public var description: String {
        "\(keyPath.isEmpty ? "(document)" : keyPath): expected \(expected), found \(found)"
    }
}

/// Parses YAML back with libyaml and compares it with the typed document it was rendered from.
public enum YAMLRoundTrip {
    /// Fails with the first difference (by key path, and the rendered line).
    public static func verify<Document: Encodable>(rendered: String, against document: Document) throws {
        let expectedText = try YAMLEncoder().encode(document)
        guard let expectedNode = try Yams.compose(yaml: expectedText) else {
            throw YAMLMismatch(keyPath: "", line: nil, expected: "a document", found: "an empty encoding")
        }
        let renderedNode: Node?
        do {
            renderedNode = try Yams.compose(yaml: rendered)
        } catch let error as YamlError {
            throw YAMLMismatch(keyPath: "", line: line(of: error), expected: "valid YAML", found: "\(error)")
        }
        guard let renderedNode else {
            throw YAMLMismatch(keyPath: "", line: 1, expected: "a document", found: "nothing")
        }
        if let mismatch = compare(renderedNode, value(of: expectedNode), path: "") { throw mismatch }
    }

    static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return nil
        }
    }

    static func value(of node: Node) -> YAMLValue {
        switch node {
        case .scalar(let scalar):
            // The tag is what the resolver decided; the string is the text it decided it from.
            switch Tag.Name(rawValue: node.tag.rawValue) {
            case .int: return Int.construct(from: scalar).map(YAMLValue.int) ?? .string(scalar.string)
            case .float: return Double.construct(from: scalar).map(YAMLValue.float) ?? .string(scalar.string)
            case .bool: return Bool.construct(from: scalar).map(YAMLValue.bool) ?? .string(scalar.string)
            case .null: return .null
            default: return .string(scalar.string)
            }
        case .sequence(let sequence):
            return .sequence(sequence.map(value(of:)))
        case .mapping(let mapping):
            var map: [String: YAMLValue] = [:]
            for (key, item) in mapping { map[key.string ?? "\(key)"] = value(of: item) }
            return .mapping(map)
        case .alias:
            return .null
        }
    }

    static func compare(_ rendered: Node, _ expected: YAMLValue, path: String) -> YAMLMismatch? {
        let line = rendered.mark?.line
        switch (rendered, expected) {
        case (.mapping(let mapping), .mapping(let map)):
            var seen: Set<String> = []
            for (key, item) in mapping {
                let name = key.string ?? "\(key)"
                let childPath = path.isEmpty ? name : "\(path).\(name)"
                seen.insert(name)
                guard let want = map[name] else {
                    return YAMLMismatch(keyPath: childPath, line: key.mark?.line, expected: "no such key", found: value(of: item).description)
                }
                if let mismatch = compare(item, want, path: childPath) { return mismatch }
            }
            if let absent = map.keys.sorted().first(where: { !seen.contains($0) }) {
                let childPath = path.isEmpty ? absent : "\(path).\(absent)"
                return YAMLMismatch(keyPath: childPath, line: line, expected: map[absent]!.description, found: "the key missing")
            }
            return nil
        case (.sequence(let sequence), .sequence(let items)):
            for (index, pair) in zip(sequence, items).enumerated() {
                if let mismatch = compare(pair.0, pair.1, path: "\(path)[\(index)]") { return mismatch }
            }
            if sequence.count != items.count {
                return YAMLMismatch(keyPath: path, line: line, expected: "\(items.count) items", found: "\(sequence.count) items")
            }
            return nil
        default:
            let found = value(of: rendered)
            return found == expected ? nil : YAMLMismatch(keyPath: path, line: line, expected: expected.description, found: found.description)
        }
    }
}
