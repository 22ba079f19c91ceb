/// Characters a reviewer cannot see in a diff, made visible. A terminal escape, a carriage
/// return, a zero-width space or a right-to-left override looks like nothing (or rewrites the
/// line around it) in a pull request; in comments, Markdown and messages they are written as
/// `<U+001B>` instead, so what the file says is what the reviewer reads.
public enum Visible {
    /// C0 and C1 controls (tab excepted), DEL, zero-width and joiner characters, the BOM, the
    /// bidirectional embeddings, overrides and isolates, and the Unicode line separators.
    public static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v == 0x09 { return false }
        if v < 0x20 || (0x7F...0x9F).contains(v) { return true }
        if (0x200B...0x200F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) { return true }
        return v == 0x061C || v == 0x2028 || v == 0x2029 || v == 0x2060 || v == 0xFEFF
    }

    public static func hasHidden(_ text: String) -> Bool { text.unicodeScalars.contains(where: isHidden) }

    /// `text` with every hidden scalar spelled `<U+XXXX>`; everything else as it is.
    public static func escaped(_ text: String) -> String {
        guard hasHidden(text) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isHidden(scalar) { out.append(contentsOf: "<U+\(hex4(scalar.value))>".unicodeScalars) } else { out.append(scalar) }
        }
        return String(out)
    }

    /// One line: line breaks become spaces (a CRLF one space), other hidden scalars are spelled out.
    public static func line(_ text: String) -> String {
        escaped(Lines.paragraphs(text).joined(separator: " "))
    }
}

extension String {
    /// Each scalar found in `table` replaced by its text, scalar by scalar. Foundation's
    /// `replacingOccurrences` compares `Character`s, so a `|` or `"` carrying a combining mark
    /// would slip through it.
    public func replacingScalars(_ table: [Unicode.Scalar: String]) -> String {
        var out = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            if let replacement = table[scalar] { out.append(contentsOf: replacement.unicodeScalars) } else { out.append(scalar) }
        }
        return String(out)
    }
}
