import Foundation

/// A profile of any size, built from a shipped one: its zone, hosts, gateway, tunnel and secrets
/// stay as written; the sections that grow with a deployment are generated. Each of the N
/// hostnames has a service-token `/v1/*` surface with a rate limit and an e-mail-OTP `/admin/*`
/// surface (plus the root surface every hostname needs for its UI); each of the M consumers
/// calls its own hostname.
struct ScaleProfile {
    let hostnames: Int
    let consumers: Int

    /// The sections replaced; every other top-level section of the base is kept verbatim. The
    /// base's written `expectations` name its own hostnames, so they are left out too: the
    /// expectations every deployment implies are still derived and evaluated.
    static let generatedSections: Set<String> = ["hostnames", "access", "waf", "consumers", "expectations"]

    var name: String { "scale-\(hostnames)x\(consumers)" }

    func hostname(_ index: Int, zone: String) -> String { "h\(index).\(zone)" }

    /// `base` is a shipped profile's text; its `zone.name` names the generated hostnames.
    func text(from base: String) throws -> String {
        guard let zone = Self.zoneName(in: base) else { throw BenchError("the base profile has no zone.name") }
        // Enterprise: the plan whose rate limits can be scoped to a hostname, up to 100 rules.
        var out = Self.keptSections(of: base).replacingOccurrences(
            of: #"(?m)^  plan: \w+.*$"#, with: "  plan: enterprise", options: .regularExpression)
        out += "hostnames:\n"
        for i in 0..<hostnames { out += "  - name: \(hostname(i, zone: zone))\n    service: gateway\n" }
        out += access(zone: zone) + rateLimits() + consumerSection(zone: zone)
        return out
    }

    private func access(zone: String) -> String {
        var out = """
        access:
          admins: [admin@\(zone)]
          service_tokens:
            - name: newapi-consumers
              duration: 8760h
              client_id_secret: cf-access-client-id
              client_secret_secret: cf-access-client-secret
          default: deny
          surfaces:

        """
        for i in 0..<hostnames {
            let host = hostname(i, zone: zone)
            out += "    - {name: h\(i)-v1, hostname: \(host), path: /v1/*, policy: service_token, service_token: newapi-consumers}\n"
            out += "    - {name: h\(i)-admin, hostname: \(host), path: /admin/*, policy: email_otp}\n"
            out += "    - {name: h\(i)-ui, hostname: \(host), path: /, policy: email_otp}\n"
        }
        return out
    }

    /// Cloudflare's largest plan allows 100 rate-limit rules, so only the first 100 hostnames'
    /// API surfaces carry one; the rest are rendered like them but without a limit.
    static let maximumRateLimits = 100

    private func rateLimits() -> String {
        var out = "waf:\n  rate_limits:\n"
        for i in 0..<min(hostnames, Self.maximumRateLimits) {
            out += "    - {name: h\(i)-v1-per-ip, surface: h\(i)-v1, requests: 60, period: 10s, mitigation_timeout: 10s, action: block}\n"
        }
        return out
    }

    private func consumerSection(zone: String) -> String {
        var out = "consumers:\n"
        for j in 0..<consumers {
            let host = hostname(j % max(hostnames, 1), zone: zone)
            out += """
              - name: consumer-\(j)
                host: ecs-chengdu
                reaches_gateway: tunnel
                env_file: ~/consumer-\(j)/.env
                variables:
                  - {name: OPENAI_BASE_URL, literal: "https://\(host)/v1"}
                  - {name: OPENAI_API_KEY, secret: newapi-token}
                  - {name: OPENAI_DEFAULT_HEADERS, value: access_headers_json, service_token: newapi-consumers}

            """
        }
        return out
    }

    /// Top-level sections (and the comments above them) not in `generatedSections`.
    static func keptSections(of text: String) -> String {
        var out = "", keeping = true
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let first = line.first, first != " ", first != "#", let colon = line.firstIndex(of: ":") {
                keeping = !generatedSections.contains(String(line[..<colon]))
            }
            if keeping { out += line + "\n" }
        }
        return out
    }

    static func zoneName(in text: String) -> String? {
        var inZone = false
        for line in text.split(separator: "\n") {
            if line.hasPrefix("zone:") { inZone = true; continue }
            if inZone, let first = line.first, first != " " { inZone = false }
            if inZone, line.trimmingPrefix(while: { $0 == " " }).hasPrefix("name:") {
                return line.split(separator: ":", maxSplits: 1)[1].split(separator: "#")[0].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
