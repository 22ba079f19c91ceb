import Formats
import TopologyModel
import Yams

/// A profile names secrets and says where they live; a value that looks like the secret itself
/// is an error, reported where it was written, before it can reach a generated file or a commit.
enum SecretValueScan {
    static func scan(_ node: Node, path: String, reader: NodeReader) {
        switch node {
        case .scalar(let scalar):
            if let reason = SecretLikeness.reason(scalar.string) {
                reader.error("this value looks like a secret (\(reason))", at: node, path: path,
                             hint: "never put a secret value in a profile: declare it under secrets: with where it is kept, and reference it by name")
            }
        case .mapping(let mapping):
            for (key, value) in mapping {
                let name = key.string ?? "?"
                scan(value, path: path.isEmpty ? name : "\(path).\(name)", reader: reader)
            }
        case .sequence(let sequence):
            for (index, element) in sequence.enumerated() { scan(element, path: "\(path)[\(index)]", reader: reader) }
        case .alias:
            break
        }
    }
}
