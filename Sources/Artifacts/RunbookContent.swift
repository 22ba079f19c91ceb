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
    static func missing(in text: String, _ fragments: [Fragment]) -> Fragment? {
        var needed: [String: Int] = [:]
        for fragment in fragments { needed[fragment.text, default: 0] += 1 }
        let framed = "\n" + text + "\n"
        var present: [String: Int] = [:]
        for (fragment, count) in needed { present[fragment] = occurrences(of: "\n" + fragment + "\n", in: framed, atMost: count) }
        return fragments.first { (present[$0.text] ?? 0) < (needed[$0.text] ?? 0) }
    }

    /// Non-overlapping occurrences, counted up to `limit` (enough to judge).
    private static func occurrences(of needle: String, in haystack: String, atMost limit: Int) -> Int {
        var count = 0
        var searchRange = haystack.startIndex..<haystack.endIndex
        // Consecutive blocks share the newline between them, so resume just before the match's end.
        while count < limit, let found = haystack.range(of: needle, range: searchRange) {
            count += 1
            searchRange = haystack.index(before: found.upperBound)..<haystack.endIndex
        }
        return count
    }
}
