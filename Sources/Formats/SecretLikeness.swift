import Foundation

/// Heuristics for text that looks like a real credential rather than a name or placeholder.
/// The one implementation: used on profiles (a secret value must never be written there) and,
/// by the tests, on every generated file.
public enum SecretLikeness {
    /// Why `text` looks like a secret value, or nil. Checks each whitespace-separated word.
    public static func reason(_ text: String) -> String? {
        if text.contains("-----BEGIN") && text.contains("PRIVATE KEY") { return "a private key block" }
        // Every word pattern below needs at least `shortestWord` characters; most profile
        // values are shorter than that as a whole, and are not split at all.
        guard text.utf8.count >= shortestWord else { return nil }
        for word in text.split(whereSeparator: { " \t\n\"'=,;()[]{}<>".contains($0) }) {
            if let why = wordReason(String(word)) { return why }
        }
        return nil
    }

    /// The fewest characters any word pattern matches (an `sk-` key).
    static let shortestWord = 23

    static func wordReason(_ word: String) -> String? {
        guard word.utf8.count >= shortestWord else { return nil }
        let chars = Array(word)
        if word.hasPrefix("sk-"), chars.count >= 23, word.dropFirst(3).allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) {
            return "an API key (sk-…)"
        }
        if word.hasPrefix("eyJ"), word.split(separator: ".").count == 3, chars.count >= 30 { return "a JSON Web Token" }
        // base64 of a JSON object, e.g. a cloudflared tunnel token.
        if word.hasPrefix("eyJ"), chars.count >= 40, chars.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+/_-".contains($0)) }) {
            return "a base64-encoded JSON token"
        }
        if longestRun(chars, where: { $0.isHexDigit }) >= 32 { return "a long hexadecimal string" }
        let tokenish: (Character) -> Bool = { $0.isASCII && ($0.isLetter || $0.isNumber || "+/_-".contains($0)) }
        if chars.count >= 32, chars.allSatisfy({ tokenish($0) || $0 == "=" }) {
            let hasUpper = chars.contains { $0.isUppercase }, hasLower = chars.contains { $0.isLowercase }
            let digits = chars.filter(\.isNumber).count
            // Words and paths are long too; a token mixes cases and digits throughout, and its
            // characters are spread out (Shannon entropy well above that of prose).
            if hasUpper, hasLower, digits >= 4, entropy(chars) >= 3.5 { return "a long random-looking token" }
        }
        return nil
    }

    /// Shannon entropy in bits per character.
    static func entropy(_ chars: [Character]) -> Double {
        var counts: [Character: Int] = [:]
        for character in chars { counts[character, default: 0] += 1 }
        let total = Double(chars.count)
        return counts.values.reduce(0) { sum, count in
            let p = Double(count) / total
            return sum - p * log2(p)
        }
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
