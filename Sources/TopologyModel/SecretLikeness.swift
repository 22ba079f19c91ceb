/// Heuristics for text that looks like a real credential rather than a name or placeholder.
/// Used on profiles (a secret value must never be written there) and on generated files.
public enum SecretLikeness {
    /// Why `text` looks like a secret value, or nil. Checks each whitespace-separated word.
    public static func reason(_ text: String) -> String? {
        if text.contains("-----BEGIN") && text.contains("PRIVATE KEY") { return "a private key block" }
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "=" || $0 == "\"" || $0 == "'" }) {
            if let why = wordReason(String(word)) { return why }
        }
        return nil
    }

    static func wordReason(_ word: String) -> String? {
        let chars = Array(word)
        if word.hasPrefix("sk-"), chars.count >= 23, word.dropFirst(3).allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) {
            return "an API key (sk-…)"
        }
        if word.hasPrefix("eyJ"), word.split(separator: ".").count == 3, chars.count >= 30 { return "a JSON Web Token" }
        if longestRun(chars, where: { $0.isHexDigit }) >= 32 { return "a long hexadecimal string" }
        let tokenish: (Character) -> Bool = { $0.isASCII && ($0.isLetter || $0.isNumber || "+/_-".contains($0)) }
        if chars.count >= 32, chars.allSatisfy({ tokenish($0) || $0 == "=" }) {
            let hasUpper = chars.contains { $0.isUppercase }, hasLower = chars.contains { $0.isLowercase }
            let digits = chars.filter(\.isNumber).count
            // Words and paths are long too; a token mixes cases and digits throughout.
            if hasUpper, hasLower, digits >= 4 { return "a long random-looking token" }
        }
        return nil
    }

    static func longestRun(_ chars: [Character], where predicate: (Character) -> Bool) -> Int {
        var best = 0, current = 0
        for c in chars {
            current = predicate(c) ? current + 1 : 0
            best = max(best, current)
        }
        return best
    }
}
