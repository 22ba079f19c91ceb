import Formats

/// The runbook's content read-back. Its commands and tables are built in the model (the
/// `RunbookDocument`) and placed by templates; the structural check (`Markdown.check`) cannot see
/// a template that drops one, wraps it in a section that never opens, or indents it into a
/// different block. So every fenced block and table the document holds must stand in the
/// rendered file exactly as built, as whole lines, as often as the document holds it.
enum RunbookContent {
    /// A fenced block or table of the document, and the property path it came from.
    struct Fragment: Equatable {
        let path: String
        let text: String
    }

    /// Every fenced block and table the document holds, walking its stored properties (the same
    /// ones the template reads by name) in declaration order.
    static func fragments(of document: Any) -> [Fragment] {
        var found: [Fragment] = []
        collect(document, path: "", into: &found)
        return found
    }

    private static func collect(_ value: Any, path: String, into found: inout [Fragment]) {
        if let text = value as? String {
            if text.hasPrefix("```") || text.hasPrefix("| ") { found.append(Fragment(path: path, text: text)) }
            return
        }
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            if let wrapped = mirror.children.first { collect(wrapped.value, path: path, into: &found) }
            return
        }
        for (index, child) in mirror.children.enumerated() {
            let name = child.label.map { path.isEmpty ? $0 : "\(path).\($0)" } ?? "\(path)[\(index)]"
            collect(child.value, path: name, into: &found)
        }
    }

    /// The first fragment the rendered text lacks (or holds fewer times than the document).
    /// A fragment stands in the text when its lines are consecutive whole lines of it; matches
    /// do not overlap (counted from the top). The text's lines are indexed once, so each
    /// fragment is looked for only where its rarest line stands (a search of the whole text per
    /// fragment was most of a render at a thousand hostnames).
    static func missing(in text: String, _ fragments: [Fragment]) -> Fragment? {
        var needed: [String: Int] = [:]
        for fragment in fragments { needed[fragment.text, default: 0] += 1 }
        let lines = Lines.split(text)
        var positions: [String: [Int]] = [:]
        for (index, line) in lines.enumerated() { positions[line, default: []].append(index) }
        var present: [String: Int] = [:]
        for (fragment, count) in needed {
            present[fragment] = occurrences(of: Lines.split(fragment), in: lines, positions: positions, atMost: count)
        }
        return fragments.first { (present[$0.text] ?? 0) < (needed[$0.text] ?? 0) }
    }

    /// Non-overlapping occurrences of `needle` as consecutive lines, counted up to `limit`.
    private static func occurrences(of needle: [String], in lines: [String], positions: [String: [Int]], atMost limit: Int) -> Int {
        // Anchor on the needle line that stands least often in the text.
        var anchor = 0
        var starts: [Int] = []
        for (offset, line) in needle.enumerated() {
            let found = positions[line] ?? []
            if found.isEmpty { return 0 }
            if offset == 0 || found.count < starts.count { anchor = offset; starts = found }
        }
        var count = 0
        var next = 0
        for position in starts where count < limit {
            let start = position - anchor
            guard start >= next, start + needle.count <= lines.count else { continue }
            if needle.indices.allSatisfy({ lines[start + $0] == needle[$0] }) {
                count += 1
                next = start + needle.count
            }
        }
        return count
    }
}
