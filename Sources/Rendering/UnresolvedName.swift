import Foundation

/// A name a template uses that its document does not define, at the template's own line and
/// column (the first tag that names it), with the closest name the document does define.
public struct UnresolvedName: Sendable, Equatable {
    public var name: String
    public var line: Int?
    public var column: Int?
    /// The template line, for the snippet.
    public var source: String?
    public var suggestion: String?

    public init(name: String, line: Int? = nil, column: Int? = nil, source: String? = nil, suggestion: String? = nil) {
        self.name = name
        self.line = line
        self.column = column
        self.source = source
        self.suggestion = suggestion
    }

    public var message: String {
        "the template uses '\(name)', which the artifact's document does not define" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
    }

    public var hint: String {
        suggestion.map { "write {{\($0)}}, or add '\(name)' to the document" } ?? "fix the spelling in the template, or add the field to the document"
    }

    public func description(template: String) -> String {
        var head = template
        if let line, let column { head += ":\(line):\(column)" }
        var lines = ["\(head): error: \(message)"]
        if let source, let column { lines += ["  \(source)", "  \(String(repeating: " ", count: max(0, column - 1)))^"] }
        return (lines + ["  hint: \(hint)"]).joined(separator: "\n")
    }

    /// Finds the first tag naming `name` (`{{name}}`, `{{{name}}}`, `{{#name}}`, `{{^name}}`,
    /// `{{&name}}`, or a dotted name starting with it).
    public static func locate(_ name: String, in text: String, suggestion: String?) -> UnresolvedName {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for tag in MustacheTags.tags(in: line) where tag.name == name || tag.name.hasPrefix(name + ".") {
                return UnresolvedName(name: name, line: index + 1, column: tag.nameColumn, source: String(line), suggestion: suggestion)
            }
        }
        return UnresolvedName(name: name, suggestion: suggestion)
    }
}

/// The `{{…}}` tags of one template line, enough to find names and literal text.
enum MustacheTags {
    struct Tag {
        var sigil: Character?
        var name: String
        /// 1-based column of the name inside the line.
        var nameColumn: Int
        var range: Range<String.Index>
    }

    static func tags(in line: Substring) -> [Tag] {
        var result: [Tag] = []
        var rest = line[...]
        while let open = rest.range(of: "{{") {
            let triple = line[open.upperBound...].hasPrefix("{")
            let bodyStart = triple ? line.index(after: open.upperBound) : open.upperBound
            guard let close = line[bodyStart...].range(of: triple ? "}}}" : "}}") else { break }
            var body = line[bodyStart..<close.lowerBound]
            var sigil: Character? = triple ? "{" : nil
            if let first = body.first, "#^/&>!%=".contains(first) { sigil = first; body = body.dropFirst() }
            let leading = body.prefix { $0 == " " }.count
            let name = body.trimmingCharacters(in: .whitespaces)
            let column = line.distance(from: line.startIndex, to: body.startIndex) + leading + 1
            result.append(Tag(sigil: sigil, name: name, nameColumn: column, range: open.lowerBound..<close.upperBound))
            rest = line[close.upperBound...]
        }
        return result
    }
}
