/// The profile reference (every key, its type, whether it is required or its default, its doc
/// line), generated from the key declarations into `docs/profile-reference.md`.
public enum ProfileReference {
    public static let committedPath = "docs/profile-reference.md"

    public static func markdown() -> String {
        var lines = [
            "# Profile reference",
            "",
            "Generated from the key declarations in `Sources/ProfileLoader/Keys` (`swift run topogen schema --reference`);",
            "do not edit by hand. The JSON Schema `\(ProfileSchema.committedPath)` is generated from the same declarations.",
            "",
        ]
        var seen: Set<String> = []
        func visit(_ section: ProfileSection) {
            guard seen.insert(section.path).inserted else { return }
            lines += ["## `\(section.path.isEmpty ? "(top level)" : section.path)`", "", escape(section.doc) + " Lands in `\(section.model)`.", "",
                      "| Key | Type | Presence | Description |", "| --- | --- | --- | --- |"]
            for key in section.keys {
                lines.append("| `\(key.name)` | \(escape(type(key.kind))) | \(presence(key.presence)) | \(escape(key.doc)) |")
            }
            lines.append("")
            for key in section.keys { nested(key.kind).map(visit) }
        }
        visit(.profile)
        return lines.joined(separator: "\n")
    }

    static func nested(_ kind: ValueKind) -> ProfileSection? {
        switch kind {
        case .mapping(let section): return section
        case .list(let element), .map(let element, _): return nested(element)
        default: return nil
        }
    }

    static func type(_ kind: ValueKind) -> String {
        switch kind {
        case .string(let grammar): return grammar.name + (grammar.pattern == nil ? "" : ", e.g. `\(grammar.example)`")
        case .integer(let range):
            return range.upperBound == Int.max ? "integer ≥ \(range.lowerBound)" : "integer \(range.lowerBound)–\(range.upperBound)"
        case .boolean: return "true or false"
        case .choice(let options): return "one of " + options.map { "`\($0)`" }.joined(separator: ", ")
        case .byteSize: return "size, e.g. `384m`"
        case .byteSizeOrZero: return "size, e.g. `2g`, or `0`"
        case .duration: return "duration, e.g. `30s`"
        case .list(let element): return "list of " + type(element)
        case .mapping(let section): return "mapping (`\(section.path)`)"
        case .map(let element, let names): return "\(names.name): \(type(element)) pairs"
        }
    }

    static func presence(_ presence: Presence) -> String {
        switch presence {
        case .required: return "required"
        case .optional: return "optional"
        case .empty: return "optional (empty)"
        case .defaults(let text): return "default `\(text)`"
        }
    }

    static func escape(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
}
