/// Helpers for values inside Terraform strings.
public enum TerraformString {
    /// `${address}`: a reference Terraform resolves.
    public static func reference(_ address: String) -> String { "${\(address)}" }

    /// A literal from the profile inside a string template: `${` and `%{` must be doubled or
    /// Terraform would read them as interpolation.
    public static func literal(_ text: String) -> String {
        // Most text has no brace at all: no Foundation search then.
        guard text.utf8.contains(UInt8(ascii: "{")) else { return text }
        return text.replacingOccurrences(of: "${", with: "$${").replacingOccurrences(of: "%{", with: "%%{")
    }

    /// A valid Terraform identifier from a model name, deterministically: lower case, `*` spelled
    /// `wildcard`, anything but letters and digits becomes `_`, and a leading digit gets `_`.
    public static func identifier(_ name: String) -> String {
        var out = ""
        for character in name.lowercased() {
            if character == "*" {
                out += "wildcard"
            } else if character.isASCII && (character.isLetter || character.isNumber) {
                out.append(character)
            } else {
                out += "_"
            }
        }
        if out.isEmpty || out.first!.isNumber { out = "_" + out }
        return out
    }
}

/// Strings of Cloudflare's Rules language (wirefilter), as `cloudflare_ruleset` expressions hold them.
public enum Wirefilter {
    /// A double-quoted Rules-language string.
    public static func string(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") }) else { return "\"" + text + "\"" }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
