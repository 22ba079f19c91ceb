import Foundation

/// GitHub-flavoured Markdown pieces: escaping for table cells, code spans, blocks and Mermaid labels.
public enum Markdown {
    /// A table cell: a `|` would end the cell (code spans included, in GFM) and a line break the row.
    public static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
    }

    /// Inline code; a backtick inside gets a longer fence.
    public static func code(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        if flat.contains("`") { return "`` \(flat) ``" }
        return "`\(flat)`"
    }

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

    /// A fenced code block.
    public static func block(_ lines: [String], language: String = "sh") -> String {
        (["```\(language)"] + lines + ["```"]).joined(separator: "\n")
    }

    /// A Mermaid node or edge label, inside double quotes: `"` and `#` are written as entity
    /// codes, the only characters a quoted label cannot hold as they are.
    public static func mermaidLabel(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "#", with: "#35;").replacingOccurrences(of: "\"", with: "#quot;") + "\""
    }
}
