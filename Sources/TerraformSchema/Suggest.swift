import Formats
import TopologyModel

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
        DidYouMean.hint(word, in: candidates)
    }

    static func resourceHint(for type: String, among known: [String]) -> String {
        if let renamed = renamedInV5[type], known.contains(renamed) {
            return " (v4 name; in provider v5 it is '\(renamed)')"
        }
        return hint(for: type, among: known)
    }

    /// Enum values: a case-only difference or a close typo gets a suggestion; otherwise list them all.
    static func enumHint(for value: String, among allowed: [String]) -> String {
        if let match = allowed.first(where: { $0.lowercased() == value.lowercased() }) ?? DidYouMean.closest(value, in: allowed) {
            return " (did you mean '\(match)'?)"
        }
        return " (allowed: \(allowed.joined(separator: ", ")))"
    }
}
