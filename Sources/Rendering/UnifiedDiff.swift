/// `diff -u` output for two texts, built on the standard library's Myers difference
/// (`CollectionDifference`) rather than a hand-written diff.
public enum UnifiedDiff {
    enum Line { case same(String), removed(String), added(String) }

    public static func render(old: String, new: String, oldLabel: String, newLabel: String, context: Int = 3) -> String {
        let a = lines(old), b = lines(new)
        let difference = b.difference(from: a)
        var removed = Set<Int>(), inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        // Walk both sides in step: removals are offsets in `a`, insertions offsets in `b`.
        var script: [(Line, Int, Int)] = []   // line, index in a, index in b
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, removed.contains(i) { script.append((.removed(a[i]), i, j)); i += 1 }
            else if j < b.count, inserted.contains(j) { script.append((.added(b[j]), i, j)); j += 1 }
            else { script.append((.same(a[i]), i, j)); i += 1; j += 1 }
        }
        let changed = script.indices.filter { if case .same = script[$0].0 { return false }; return true }
        guard !changed.isEmpty else { return "" }

        // Group changes whose context windows touch into hunks.
        var hunks: [ClosedRange<Int>] = []
        for index in changed {
            let window = max(0, index - context)...min(script.count - 1, index + context)
            if let last = hunks.last, window.lowerBound <= last.upperBound + 1 {
                hunks[hunks.count - 1] = last.lowerBound...max(last.upperBound, window.upperBound)
            } else {
                hunks.append(window)
            }
        }
        var out = "--- \(oldLabel)\n+++ \(newLabel)\n"
        for hunk in hunks {
            let slice = script[hunk]
            let oldCount = slice.filter { if case .added = $0.0 { return false }; return true }.count
            let newCount = slice.filter { if case .removed = $0.0 { return false }; return true }.count
            let oldStart = slice.first!.1 + (oldCount == 0 ? 0 : 1)
            let newStart = slice.first!.2 + (newCount == 0 ? 0 : 1)
            out += "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@\n"
            for (line, _, _) in slice {
                switch line {
                case .same(let text): out += " \(text)\n"
                case .removed(let text): out += "-\(text)\n"
                case .added(let text): out += "+\(text)\n"
                }
            }
        }
        return out
    }

    static func lines(_ text: String) -> [String] {
        var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if parts.last == "" { parts.removeLast() }
        return parts
    }
}
