/// Comment lines for the line-comment formats topogen writes (`#` in YAML, dotenv, shell and
/// systemd). Free text may span lines; each of its lines gets the prefix again, so no text can
/// end the comment and start a line a reader would execute or parse (a CRLF included: it is
/// split as one break, see `Lines.paragraphs`), and hidden characters are spelled out.
public enum Comment {
    /// `prefix` before every line of `text`; trailing blanks are trimmed (linters flag them).
    public static func lines(_ text: String, prefix: String = "# ") -> [String] {
        Lines.paragraphs(text).map { line in
            var out = prefix + Visible.escaped(line)
            while out.last == " " || out.last == "\t" { out.removeLast() }
            return out
        }
    }

    /// `lines` joined into one block (no trailing newline).
    public static func block(_ text: String, prefix: String = "# ") -> String {
        lines(text, prefix: prefix).joined(separator: "\n")
    }
}
