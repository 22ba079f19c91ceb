import Foundation

/// GitHub-flavoured Markdown pieces: escaping for table cells, code spans, blocks and Mermaid labels.
public enum Markdown {
    /// A table cell: a `|` would end the cell (code spans included, in GFM) and a line break the
    /// row (every break a reader knows, a CRLF included: see `Lines`); hidden characters are
    /// spelled out (`Visible`).
    public static func cell(_ text: String) -> String {
        Visible.line(text).replacingScalars(["|": "\\|"])
    }

    /// Inline code, on one line; a backtick inside gets a fence longer than any run of backticks
    /// it holds, so the span cannot end early.
    public static func code(_ text: String) -> String {
        let flat = Visible.line(text)
        var longest = 0, run = 0
        for scalar in flat.unicodeScalars {
            run = scalar == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        if longest == 0 { return "`\(flat)`" }
        let fence = String(repeating: "`", count: longest + 1)
        return "\(fence) \(flat) \(fence)"
    }

    /// Prose on one line (a heading, a sentence, a list item): line breaks become spaces, hidden
    /// characters are spelled out, and every character that could start emphasis, a link, an
    /// HTML tag, a code span or a table cell is backslash-escaped, so profile text shows as it is.
    public static func text(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in Visible.line(text).unicodeScalars {
            if textSpecials.contains(scalar) { out.append("\\") }
            out.append(scalar)
        }
        return String(out)
    }

    static let textSpecials: Set<Unicode.Scalar> = Set("\\`*_[]<>|~!&".unicodeScalars)

    /// Cells are taken as Markdown already (use `cell`/`code` on raw text first).
    public static func table(_ header: [String], _ rows: [[String]]) -> String {
        var lines = ["| " + header.joined(separator: " | ") + " |",
                     "|" + header.map { _ in "---" }.joined(separator: "|") + "|"]
        for row in rows {
            precondition(row.count == header.count, "table row has \(row.count) cells, header \(header.count)")
            lines.append("| " + row.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }

    /// A fenced code block. Lines are split at every LF scalar and hidden characters spelled
    /// out (a CR would be invisible in the diff and in the rendered page); the fence is longer
    /// than any run of backticks a line opens with, so no line can close the block early.
    public static func block(_ lines: [String], language: String = "sh") -> String {
        let body = lines.flatMap(Lines.split).map(Visible.escaped)
        var longest = 2
        for line in body {
            let run = line.drop(while: { $0 == " " }).prefix(while: { $0 == "`" }).count
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        return ([fence + language] + body + [fence]).joined(separator: "\n")
    }

    /// The fence a line opens or closes a code block with (three or more backticks or tildes
    /// after at most three spaces), and what follows it; nil for any other line.
    public static func fence(_ line: String) -> (fence: String, info: String)? {
        let indent = line.prefix(while: { $0 == " " }).count
        guard indent <= 3 else { return nil }
        let rest = line.dropFirst(indent)
        guard let mark = rest.first, mark == "`" || mark == "~" else { return nil }
        let run = rest.prefix(while: { $0 == mark })
        guard run.count >= 3 else { return nil }
        return (String(run), String(rest.dropFirst(run.count)))
    }

    /// A Mermaid node or edge label, inside double quotes: `"` and `#` are written as entity
    /// codes, the only characters a quoted label cannot hold as they are, and the label stays on
    /// its line (a line break would end the statement). `<br/>` in `text` is topogen's own
    /// line break inside a label.
    public static func mermaidLabel(_ text: String) -> String {
        "\"" + Visible.line(text).replacingScalars(["#": "#35;", "\"": "#quot;"]) + "\""
    }
}
