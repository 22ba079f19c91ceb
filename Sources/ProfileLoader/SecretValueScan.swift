import Formats
import TopologyModel
import Yams

/// A profile names secrets and says where they live; a value that looks like the secret itself
/// is an error, reported where it was written, before it can reach a generated file or a commit.
/// Every such value joins the load's `SecretMask`, so no diagnostic (this one included) prints it.
enum SecretValueScan {
    static func scan(_ node: Node, path: String, reader: NodeReader) {
        switch node {
        case .scalar(let scalar):
            guard let reason = SecretLikeness.reason(scalar.string), !isDeclaredDigest(scalar.string, at: path) else { return }
            reader.mask.add(scalar.string)
            // Quoted with escapes, the value is not verbatim in its line: mask the line from it on.
            if let location = reader.location(of: node), location.line <= reader.lines.lines.count {
                let line = reader.lines.lines[location.line - 1]
                if !line.contains(scalar.string) { reader.mask.add(String(line.unicodeScalars.dropFirst(location.column - 1))) }
            }
            reader.error(.secretValue, "this value looks like a secret (\(reason))", at: node, path: path,
                         hint: "never put a secret value in a profile: declare it under secrets: with where it is kept, and reference it by name")
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

    /// A checksum where the declarations expect one (`tunnel.release.sha256`, an image tag's
    /// `@sha256:`) is public, not a credential; anything else of that shape is still refused.
    /// Bare hex there that is not yet a valid digest (upper case, a digit short) gets the
    /// grammar's error alone, not a second one calling it a secret.
    static func isDeclaredDigest(_ text: String, at path: String) -> Bool {
        guard let grammar = ProfileSection.profile.grammar(at: path), grammar.holdsDigests else { return false }
        return text.allSatisfy(\.isHexDigit) || grammar.check(GrammarInput(text: text, quoted: true, key: path)) == nil
    }
}
