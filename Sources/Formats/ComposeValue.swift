/// Values inside a Compose file. Compose interpolates `$VAR` and `${VAR}` in every string of
/// the file (compose-spec, interpolation), so a profile's `/data/tiktoken${HOME}` would become
/// the operator's home folder; `$$` is Compose's literal dollar sign.
public enum ComposeValue {
    /// A literal from the profile: every `$` doubled, so Compose hands it over unchanged.
    public static func literal(_ text: String) -> String { text.replacingScalars(["$": "$$"]) }

    /// What Compose makes of a string with no variables set: `$$` -> `$`. nil when `text` holds
    /// a `$` that starts an interpolation (a `$` not doubled), which a literal never does.
    public static func interpolatedLiteral(_ text: String) -> String? {
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "$" else { out.append(scalar); continue }
            guard scalars.next() == "$" else { return nil }
            out.append("$")
        }
        return String(out)
    }
}
