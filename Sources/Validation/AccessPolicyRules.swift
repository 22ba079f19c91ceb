import Deployment
import Formats
import TopologyModel

/// Access policies as Cloudflare has them (terraform.md §13.3): what may share a path, who an
/// identity policy admits and how they log in, and what each consumer says it calls and carries.
enum AccessPolicyRules {
    static let all: [Rule] = [bypassAlone, identityLogin, adminDomains, team, consumerHostname, consumerToken]

    /// A bypass switches Access off for its path, and a deny refuses everyone there: next to a
    /// service-token or identity surface on the same path, one of them would never apply.
    static let bypassAlone = Rule("bypass-alone", reads: [.access]) { t in
        var report = Report(t)
        struct Place: Hashable { let hostname: String; let path: AccessPath }
        var byPlace: [Place: [AccessSurface]] = [:]
        for surface in t.access.surfaces {
            guard let path = AccessPath(surfacePath: surface.path) else { continue }
            byPlace[Place(hostname: surface.hostname, path: path), default: []].append(surface)
        }
        for (i, surface) in t.access.surfaces.enumerated() where surface.policy == .bypass || surface.policy == .deny {
            guard let path = AccessPath(surfacePath: surface.path),
                  let other = byPlace[Place(hostname: surface.hostname, path: path)]?.first(where: { $0.name != surface.name && $0.policy != surface.policy }) else { continue }
            let effect = surface.policy == .bypass
                ? "a bypass turns Access off there, so surface \(other.name)'s \(other.policy.rawValue) policy would never be asked"
                : "a deny refuses everyone there, so surface \(other.name)'s \(other.policy.rawValue) policy would never admit anyone"
            report.error("access.surfaces[\(i)].policy", "\(surface.hostname)\(surface.path) is \(surface.policy.rawValue) and also surface \(other.name)'s path: \(effect)",
                         hint: "give the \(surface.policy.rawValue) surface a path of its own (a more specific one wins, e.g. \(surface.path == "/" ? "/status/*" : surface.path.replacingOccurrences(of: "/*", with: "/public/*")))")
        }
        return report.items
    }

    static let identityLogin = Rule("identity-login", reads: [.access]) { t in
        var report = Report(t)
        if t.access.identityProvider == nil, let i = t.access.surfaces.firstIndex(where: { $0.policy == .identity }) {
            report.error("access.surfaces[\(i)].policy", "an identity surface logs people in with a named identity provider, and access.identity_provider is not set",
                         hint: "set access.identity_provider: NAME (its id becomes a Terraform variable), or use policy: email_otp for the one-time PIN")
        }
        if let name = t.access.identityProvider, !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
            report.error("access.identity_provider", "'\(name)' is not a name topogen can turn into a Terraform variable",
                         hint: "use letters, digits, - and _ (e.g. github-sso)")
        }
        return report.items
    }

    static let adminDomains = Rule("admin-domains", reads: [.access]) { t in
        var report = Report(t)
        for (i, domain) in t.access.adminDomains.enumerated() {
            let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
            if domain.contains("@") || labels.count < 2 || labels.contains(where: { $0.isEmpty || !$0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") } }) {
                report.error("access.admin_domains[\(i)]", "'\(domain)' is not an e-mail domain",
                             hint: "write the domain alone, e.g. example.com: it admits every address ending in @example.com")
            }
        }
        return report.items
    }

    static let team = Rule("access-team", reads: [.access]) { t in
        var report = Report(t)
        if let team = t.access.team, team.isEmpty || !team.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) {
            report.error("access.team", "'\(team)' is not a Zero Trust team name",
                         hint: "the team name is the first label of <team>.cloudflareaccess.com (Zero Trust, Settings, Custom Pages)")
        }
        return report.items
    }

    static let consumerHostname = Rule("consumer-hostname", reads: [.hostnames, .consumers]) { t in
        var report = Report(t)
        let names = t.gatewayHostnames.map(\.name), known = Set(names)
        for (i, consumer) in t.consumers.enumerated() {
            guard let hostname = consumer.hostname else { continue }
            if consumer.reach == .loopback {
                report.error("consumers[\(i)].hostname", "\(consumer.name) reaches the gateway over loopback, so it calls no hostname",
                             hint: "remove hostname, or use reaches_gateway: tunnel")
            } else if !known.contains(hostname) {
                report.error("consumers[\(i)].hostname", "no gateway hostname '\(hostname)'\(DidYouMean.hint(hostname, in: names))",
                             hint: "use one of hostnames: \(names.joined(separator: ", "))")
            }
        }
        return report.items
    }

    static let consumerToken = Rule("consumer-token", reads: [.access, .consumers]) { t in
        var report = Report(t)
        let tokens = t.access.serviceTokens.map(\.name)
        for (i, consumer) in t.consumers.enumerated() {
            guard let token = consumer.serviceToken else { continue }
            if !tokens.contains(token) {
                report.error("consumers[\(i)].service_token", "no service token named '\(token)'\(DidYouMean.hint(token, in: tokens))",
                             hint: tokens.isEmpty ? "declare it under access.service_tokens" : "use one of: \(tokens.joined(separator: ", "))")
            } else if let carried = consumer.serviceTokens.first(where: { $0 != token }) {
                report.error("consumers[\(i)].service_token", "\(consumer.name) says it carries \(token), but its variables carry \(carried)",
                             hint: "make service_token and the access_headers_json variable name the same token")
            }
        }
        return report.items
    }
}
