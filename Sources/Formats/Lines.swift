/// Line splitting on Unicode scalars. Swift's `Character` is a grapheme cluster, and `"\r\n"` is
/// one `Character`: `split(separator: "\n")` on a `String` never matches inside it, so a CRLF in
/// a value would pass a line-oriented check as one line and then be read as two by `sh`,
/// python-dotenv or Markdown. Every line topogen writes or reads back is counted here instead.
public enum Lines {
    /// What some reader of a file topogen writes takes as the end of a line: LF (every reader),
    /// CR (python-dotenv, YAML, Markdown), VT and FF (Python's `splitlines`), NEL, and the
    /// Unicode line and paragraph separators (YAML 1.1, some editors).
    public static let breaks: Set<Unicode.Scalar> = ["\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}"]

    /// `text` split at every LF scalar, empty pieces kept: line `i` of the file is element `i - 1`.
    /// A CR stays inside its line, where the reader's own check can see (and refuse) it.
    /// Splits the UTF-8 bytes: the byte 0x0A is the LF scalar and never part of another
    /// scalar's encoding, so the pieces are exactly the scalar split's, without rebuilding each
    /// line scalar by scalar (verify.sh and the RUNBOOK are split on every render).
    public static func split(_ text: String) -> [String] {
        text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(Substring($0)) }
    }

    /// `text` split at every line break any reader knows (`breaks`), a CRLF counted once: the
    /// lines a human or the most liberal reader would see.
    public static func paragraphs(_ text: String) -> [String] {
        var result: [String] = []
        var current = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            if breaks.contains(scalar) {
                if !(scalar == "\n" && previous == "\r") {
                    result.append(String(current))
                    current = String.UnicodeScalarView()
                }
            } else {
                current.append(scalar)
            }
            previous = scalar
        }
        result.append(String(current))
        return result
    }

    /// Whether `text` holds any line break a reader knows.
    public static func hasBreak(_ text: String) -> Bool { text.unicodeScalars.contains { breaks.contains($0) } }
}
