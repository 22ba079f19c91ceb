/// Did-you-mean hints: they turn a typo report into a one-step fix.
enum Suggest {
    /// v4 resource names (provider v4.52.0) → v5 names, from the provider's version-5 upgrade guide.
    /// An edit-distance guess would not find these, and copying v4 examples is the likeliest mistake.
    static let renamedInV5: [String: String] = [
        "cloudflare_tunnel": "cloudflare_zero_trust_tunnel_cloudflared",
        "cloudflare_tunnel_config": "cloudflare_zero_trust_tunnel_cloudflared_config",
        "cloudflare_record": "cloudflare_dns_record",
        "cloudflare_access_application": "cloudflare_zero_trust_access_application",
        "cloudflare_access_policy": "cloudflare_zero_trust_access_policy",
        "cloudflare_access_service_token": "cloudflare_zero_trust_access_service_token",
        "cloudflare_zone_settings_override": "cloudflare_zone_setting",
    ]

    /// " (did you mean 'x'?)" for the closest candidate, or "" when nothing is close.
    static func hint(for word: String, among candidates: [String]) -> String {
        closest(to: word, among: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }

    static func resourceHint(for type: String, among known: [String]) -> String {
        if let renamed = renamedInV5[type], known.contains(renamed) {
            return " (v4 name; in provider v5 it is '\(renamed)')"
        }
        return hint(for: type, among: known)
    }

    /// Enum values: a case-only difference or a close typo gets a suggestion; otherwise list them all.
    static func enumHint(for value: String, among allowed: [String]) -> String {
        if let match = allowed.first(where: { $0.lowercased() == value.lowercased() }) ?? closest(to: value, among: allowed) {
            return " (did you mean '\(match)'?)"
        }
        return " (allowed: \(allowed.joined(separator: ", ")))"
    }

    /// Smallest edit distance wins (first in candidate order on ties); "close" means at most a third of
    /// the word's length, capped at 3 and at least 1, so short names do not attract random matches.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let limit = max(1, min(3, word.count / 3))
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(word, candidate)
            if distance <= limit, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    /// Levenshtein distance over Characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
