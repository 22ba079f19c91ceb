/// Did-you-mean suggestions, shared by the profile loader and the Terraform schema check so a
/// typo gets the same kind of answer wherever it is made.
public enum DidYouMean {
    /// The candidate closest to `word`, if it is close enough to read as a typo: at most a third
    /// of the word's length in edits, capped at 3 and at least 1, so short names do not attract
    /// random matches. Ties go to the alphabetically first candidate (deterministic output).
    public static func closest(_ word: String, in candidates: [String]) -> String? {
        let limit = max(1, min(3, word.count / 3))
        let scored = Set(candidates).map { ($0, editDistance(word.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { ($0.1, $0.0) < ($1.1, $1.0) }), best.1 <= limit else { return nil }
        return best.0
    }

    /// ` (did you mean 'x'?)`, or "" when nothing is close.
    public static func hint(_ word: String, in candidates: [String]) -> String {
        closest(word, in: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent
    /// transpositions ("memroy" -> "memory" is one edit) each cost one.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
