/// Grammars of values that land in a system's own syntax, decided once: validation reports
/// them on a profile (located), and the artifacts that write them keep the same test as a
/// backstop, so the two cannot disagree about what is valid.
public enum ValueGrammar {
    /// Why `path` is not an absolute path a unit file can carry as one word, or nil. systemd runs
    /// `ExecStart=` and reads `LoadCredential=` without a shell: a blank, a quote or a backslash
    /// would split or escape the value.
    public static func absolutePathProblem(_ path: String) -> String? {
        guard path.hasPrefix("/") else { return "'\(path)' is not an absolute path (it must start with /)" }
        if let bad = path.unicodeScalars.first(where: { $0.value < 0x21 || $0.value == 0x7F || "\"'\\".unicodeScalars.contains($0) }) {
            return "'\(path)' holds \(describe(bad)), which systemd would split or unescape"
        }
        if path.contains("%") { return "'\(path)' holds '%', which systemd reads as a specifier" }
        return nil
    }

    /// Why `name` is not a systemd service unit file name (systemd.unit(5): ASCII letters, digits,
    /// `:`, `-`, `_`, `.`, `\`, at most 255 characters, one `@` for templates, ending `.service`).
    public static func serviceUnitProblem(_ name: String) -> String? {
        let suffix = ".service"
        guard name.hasSuffix(suffix), name.count > suffix.count else {
            return "'\(name)' is not a service unit name: it must end in .service (e.g. \(name.isEmpty ? "newapi-cloudflared" : name).service)"
        }
        guard name.count <= 255 else { return "a unit name has at most 255 characters" }
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789:-_.\\@")
        if let bad = name.first(where: { !allowed.contains($0) }) {
            return "'\(name)' holds '\(bad)', which systemd does not allow in a unit name"
        }
        if name.filter({ $0 == "@" }).count > 1 { return "'\(name)' holds more than one '@'" }
        return nil
    }

    private static func describe(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case " ": return "a blank"
        case "\"", "'": return "a quote"
        case "\\": return "a backslash"
        default: return "the control character U+\(hex4(scalar.value))"
        }
    }
}
