import Formats
import Foundation
import Yams

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
/// The document becomes its value once (no YAML text in between), the rendered text is parsed
/// once, and `StructuredDiff` (the comparison JSON read-back uses too) finds the first difference.
public enum YAMLRoundTrip {
    /// Fails with the first difference (by key path, and the rendered line).
    public static func verify<Document: Encodable>(rendered: String, against document: Document) throws {
        try verify(rendered: rendered, expected: try StructuredEncoder().encode(document))
    }

    public static func verify(rendered: String, expected: StructuredValue) throws {
        let renderedNode: Node?
        do {
            renderedNode = try Yams.compose(yaml: rendered)
        } catch let error as YamlError {
            throw YAMLMismatch(keyPath: "", line: line(of: error), expected: "valid YAML", found: "\(error)")
        }
        guard let renderedNode else {
            throw YAMLMismatch(keyPath: "", line: 1, expected: "a document", found: "nothing")
        }
        if let difference = StructuredDiff.first(found: value(of: renderedNode), expected: expected, numbers: .typed) {
            throw YAMLMismatch(keyPath: difference.keyPath, line: line(at: difference.path, in: renderedNode),
                               expected: difference.expected, found: difference.found)
        }
    }

    static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return nil
        }
    }

    /// The value a YAML reader gets: the tag is what the resolver decided, the string is the
    /// text it decided it from.
    static func value(of node: Node) -> StructuredValue {
        switch node {
        case .scalar(let scalar):
            switch Tag.Name(rawValue: node.tag.rawValue) {
            case .int: return Int.construct(from: scalar).map(StructuredValue.int) ?? .string(scalar.string)
            case .float: return Double.construct(from: scalar).map(StructuredValue.double) ?? .string(scalar.string)
            case .bool: return Bool.construct(from: scalar).map(StructuredValue.bool) ?? .string(scalar.string)
            case .null: return .null
            default: return .string(scalar.string)
            }
        case .sequence(let sequence):
            return .array(sequence.map(value(of:)))
        case .mapping(let mapping):
            var members: [String: StructuredValue] = [:]
            members.reserveCapacity(mapping.count)
            for (key, item) in mapping { members[key.string ?? "\(key)"] = value(of: item) }
            return .object(members)
        case .alias:
            return .null
        }
    }

    /// The rendered line of the deepest node on `path` that exists (a key's own line for a key).
    static func line(at path: [StructuredDifference.Step], in root: Node) -> Int? {
        var node = root
        var line = root.mark?.line
        for step in path {
            switch (step, node) {
            case (.key(let name), .mapping(let mapping)):
                guard let (key, item) = mapping.first(where: { ($0.key.string ?? "\($0.key)") == name }) else { return line }
                line = key.mark?.line ?? item.mark?.line
                node = item
            case (.index(let index), .sequence(let sequence)) where sequence.indices.contains(index):
                node = sequence[index]
                line = node.mark?.line ?? line
            default:
                return line
            }
        }
        return line
    }
}
