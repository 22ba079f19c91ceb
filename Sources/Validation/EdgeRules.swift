import Deployment
import Formats
import Deployment
import TopologyModel

/// The Cloudflare edge (plan §2, §3): hostnames, the tunnel's ingress as cloudflared will read
/// it, Access surfaces, the default deny, the rate limit, and the names the generated Terraform
/// defines. Every rule here guards something the cloudflared config or the Terraform artifact
/// derives, so a profile that would produce a config cloudflared or Cloudflare refuses fails as
/// a located profile error instead.
enum EdgeRules {
    static let all: [Rule] = [
        hostnamesInZone, hostnamesRoutedOnce, hostnamesCovered,
        surfaceHostnames, surfacePaths, surfacesUnique, surfaceServiceTokens, emailOTPAdmins, defaultDeny, defaultDenyNoOp,
        rateLimitScope,
        tunnelOrigin, originRequestDurations, http2OriginAgrees, cloudflaredIngress,
        terraformNames, terraformOutputNames,
    ] + AccessPolicyRules.all + ZonePlanRules.all + ExpectationRules.all

    // MARK: hostnames

    static let hostnamesInZone = Rule("hostname-in-zone", reads: [.zone, .hostnames]) { t in
        var report = Report(t)
        let zone = t.zone.name.lowercased()
        for (i, hostname) in t.hostnames.enumerated() {
            let name = hostname.name.lowercased()
            if name != zone && !name.hasSuffix("." + zone) {
                report.error("hostnames[\(i)].name", "'\(hostname.name)' is not in the zone \(t.zone.name)",
                             hint: "its DNS record and Access application are made in zone \(t.zone.name): use a name ending in .\(t.zone.name), or change zone.name")
            }
        }
        return report.items
    }

    /// Each public hostname gets exactly one ingress rule: a repeated one would be unreachable.
    /// One pass over the ingress, remembering the first rule of each (case-folded) hostname.
    static let hostnamesRoutedOnce = Rule("hostname-ingress", reads: [.tunnel, .hostnames]) { t in
        var report = Report(t)
        var routed: Set<String> = []
        for (number, rule) in CloudflaredIngress(t).hostRules.enumerated() where !routed.insert(rule.hostname.lowercased()).inserted {
            report.error(rule.source, "'\(rule.hostname)' is listed twice: its ingress rule #\(number + 1) could never match",
                         hint: "list each hostname once; the first rule for a hostname wins in cloudflared")
        }
        return report.items
    }

    static let hostnamesCovered = Rule("hostname-access-coverage", reads: [.hostnames, .access]) { t in
        var report = Report(t)
        let covered = Set(t.access.surfaces.map(\.hostname))
        for (i, hostname) in t.hostnames.enumerated() where !covered.contains(hostname.name) {
            report.error("hostnames[\(i)].name", "no Access surface covers '\(hostname.name)': the tunnel would publish it without Access",
                         hint: "add a surface under access.surfaces with hostname: \(hostname.name) (path / covers the whole hostname)")
        }
        return report.items
    }

    // MARK: Access surfaces

    static let surfaceHostnames = Rule("surface-hostname", reads: [.hostnames, .access]) { t in
        var report = Report(t)
        let names = t.hostnames.map(\.name), known = Set(names)
        for (i, surface) in t.access.surfaces.enumerated() where !known.contains(surface.hostname) {
            report.error("access.surfaces[\(i)].hostname", "no public hostname '\(surface.hostname)'",
                         hint: "use one of hostnames: \(names.joined(separator: ", "))")
        }
        return report.items
    }

    /// `/` (the whole hostname) or `/segment/…/*` (that path and below): the only shapes Access,
    /// the default-deny rule and the rate limit can all express the same way.
    static let surfacePaths = Rule("surface-path", reads: [.access]) { t in
        var report = Report(t)
        for (i, surface) in t.access.surfaces.enumerated() where !isSurfacePath(surface.path) {
            report.error("access.surfaces[\(i)].path", "'\(surface.path)' is not a surface path topogen can enforce",
                         hint: "write / for the whole hostname (every path), or a prefix such as /v1/* (/v1 and below; letters, digits, . _ ~ - between slashes)")
        }
        return report.items
    }

    static func isSurfacePath(_ path: String) -> Bool {
        if path == "/" { return true }
        guard path.hasPrefix("/"), path.hasSuffix("/*"), path.count > 3 else { return false }
        let segments = path.dropFirst().dropLast(2).split(separator: "/", omittingEmptySubsequences: false)
        return segments.allSatisfy { segment in
            !segment.isEmpty && segment.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._~-".contains($0)) }
        }
    }

    /// Names unique; two surfaces on one path must differ in policy (they become one application
    /// with both policies: e.g. a service token for machines and a login for people).
    static let surfacesUnique = Rule("surface-unique", reads: [.access]) { t in
        var report = Report(t)
        var names: Set<String> = [], owners: [SurfacePlace: String] = [:]
        for (i, surface) in t.access.surfaces.enumerated() {
            let place = SurfacePlace(hostname: surface.hostname, path: surface.path, policy: surface.policy.rawValue)
            defer { if owners[place] == nil { owners[place] = surface.name } }
            if !names.insert(surface.name).inserted {
                report.error("access.surfaces[\(i)].name", "surface '\(surface.name)' is declared twice",
                             hint: "give each surface a unique name; it names its Access application and policy")
            } else if let other = owners[place] {
                report.error("access.surfaces[\(i)].path", "\(surface.hostname)\(surface.path) already has the \(surface.policy.rawValue) surface '\(other)'",
                             hint: "merge the two surfaces (a service_token surface takes several tokens: service_tokens: [a, b])")
            }
        }
        return report.items
    }

    struct SurfacePlace: Hashable {
        let hostname: String
        let path: String
        let policy: String
    }

    static let surfaceServiceTokens = Rule("surface-service-token", reads: [.access]) { t in
        var report = Report(t)
        let tokens = t.access.serviceTokens.map(\.name), known = Set(tokens)
        for (i, surface) in t.access.surfaces.enumerated() {
            if surface.policy != .serviceToken {
                if !surface.serviceTokens.isEmpty {
                    report.error("access.surfaces[\(i)].service_token", "only a service_token surface takes a service token (this one is \(surface.policy.rawValue))",
                                 hint: "remove service_token, or set policy: service_token")
                }
                continue
            }
            if surface.serviceTokens.isEmpty {
                report.error("access.surfaces[\(i)].policy", "a service_token surface must name the token it accepts",
                             hint: "add service_token: NAME, or service_tokens: [A, B] (of: \(tokens.joined(separator: ", ")))")
            }
            for name in surface.serviceTokens where !known.contains(name) {
                report.error("access.surfaces[\(i)].service_token", "no service token named '\(name)'\(DidYouMean.hint(name, in: tokens))",
                             hint: tokens.isEmpty ? "declare it under access.service_tokens" : "use one of: \(tokens.joined(separator: ", "))")
            }
        }
        return report.items
    }

    static let emailOTPAdmins = Rule("email-otp-admins", reads: [.access]) { t in
        var report = Report(t)
        if t.access.admins.isEmpty, t.access.adminDomains.isEmpty, let i = t.access.surfaces.firstIndex(where: { $0.policy.isHuman }) {
            report.error("access.surfaces[\(i)].policy", "an \(t.access.surfaces[i].policy.rawValue) surface with no admins lets nobody in",
                         hint: "list the admins' email addresses under access.admins, or whole domains under access.admin_domains")
        }
        for (i, admin) in t.access.admins.enumerated() {
            if admin.hasPrefix("*@") || admin.hasPrefix("@") {
                let domain = admin.drop { $0 != "@" }.dropFirst()
                report.error("access.admins[\(i)]", "'\(admin)' would be an e-mail address that matches nobody",
                             hint: "admit the whole domain with access.admin_domains: [\(domain)] (an email_domain selector)")
                continue
            }
            let parts = admin.split(separator: "@", omittingEmptySubsequences: false)
            if parts.count != 2 || parts[0].isEmpty || !parts[1].contains(".") || admin.contains(where: \.isWhitespace) {
                report.error("access.admins[\(i)]", "'\(admin)' is not an email address",
                             hint: "the one-time PIN is mailed to it: write it as name@example.com")
            }
        }
        return report.items
    }

    static let defaultDeny = Rule("default-deny", reads: [.plan, .access]) { t in
        var report = Report(t)
        if t.access.defaultPolicy == .allow {
            report.error("access.default", "default: allow publishes every path no surface lists, with no Access in front",
                         hint: "use default: deny (\(t.plan == nil ? "" : "as plan §3 has it: ")everything else is blocked by a WAF rule); list paths that must be reachable as surfaces")
        }
        return report.items
    }

    /// A root surface covers every path for Access, so a default deny on its hostname blocks
    /// nothing: say so where the profile claims "everything else denied" for a hostname that also
    /// carries the API (a hostname of the UI's own is the intended shape, and is not warned about).
    static let defaultDenyNoOp = Rule("default-deny-no-op", reads: [.zone, .hostnames, .access, .waf]) { t in
        var report = Report(t)
        guard t.access.defaultPolicy == .deny else { return [] }
        var apiHosts: Set<String> = [], roots: [String: Int] = [:]
        for (i, surface) in t.access.surfaces.enumerated() {
            if surface.policy == .serviceToken { apiHosts.insert(surface.hostname) }
            if surface.isRoot, roots[surface.hostname] == nil { roots[surface.hostname] = i }
        }
        for hostname in EdgePlan(t).denyIsNoOp where apiHosts.contains(hostname) {
            guard let i = roots[hostname] else { continue }
            let surface = t.access.surfaces[i]
            report.warning("access.surfaces[\(i)].path",
                           "default: deny blocks nothing on \(hostname): surface \(surface.name) at / covers every path, so every path no other surface lists goes to its \(surface.policy.rawValue) policy instead of a WAF block",
                           hint: "for a real default deny, put the admin UI on a hostname of its own (e.g. admin.\(t.zone.name) with path /) and leave only the API surfaces on \(hostname)")
        }
        return report.items
    }

    // MARK: rate limits

    /// The limit names a surface and counts that surface's requests only: no other surface may
    /// live under its prefix on the same hostname. Surfaces are looked up by name and, per
    /// hostname, by sorted path, so each limit costs a search plus what it reports.
    static let rateLimitScope = Rule("rate-limit-scope", reads: [.access, .waf]) { t in
        var report = Report(t)
        let surfaces = FirstByKey(t.access.surfaces, \.name)
        let paths = SurfacePaths(t.access.surfaces)
        for (i, limit) in t.waf.rateLimits.enumerated() {
            guard let surface = surfaces[limit.surface] else {
                report.error("waf.rate_limits[\(i)].surface", "no Access surface named '\(limit.surface)'",
                             hint: "use one of: \(t.access.surfaces.map(\.name).joined(separator: ", "))")
                continue
            }
            guard let path = AccessPath(surfacePath: surface.path) else { continue }
            // The root covers every path: every other surface of its hostname is counted too.
            let inside = path.isRoot ? paths.under("/", on: surface.hostname) : paths.under(path.prefix, on: surface.hostname)
            for other in inside where other.name != surface.name {
                guard let otherPath = AccessPath(surfacePath: other.path), otherPath != path, path.covers(otherPath.probePath) else { continue }
                report.error("waf.rate_limits[\(i)].surface",
                             "the limit on \(surface.name) (\(surface.path)) would also count surface \(other.name) (\(other.path))",
                             hint: "limit a surface no other surface lives under, or give \(other.name) a path outside \(surface.path)")
            }
        }
        return report.items
    }

    // MARK: tunnel

    /// The tunnel forwards to the gateway's published address. A wildcard bind (refused by
    /// `gateway-binds-loopback` on its own) is reached on loopback, so it is not reported twice.
    static let tunnelOrigin = Rule("tunnel-origin", reads: [.gateway, .tunnel]) { t in
        var report = Report(t)
        let wildcard = ["0.0.0.0", "::", "[::]"].contains(t.gateway.bind)
        let expected = wildcard ? "http://127.0.0.1:\(t.gateway.port)" : t.gatewayOrigin
        if t.tunnel.origin != expected {
            report.error("tunnel.origin", "the tunnel forwards to \(t.tunnel.origin), but the gateway listens on \(expected)",
                         hint: "set tunnel.origin: \(expected) (gateway.bind and gateway.port)")
        }
        return report.items
    }

    static let originRequestDurations = Rule("origin-request-durations", reads: [.plan, .tunnel]) { t in
        var report = Report(t)
        let request = t.tunnel.originRequest
        for (key, value, fallback) in [("connect_timeout", request.connectTimeout, "30s"), ("keep_alive_timeout", request.keepAliveTimeout, "90s")]
        where value.value <= 0 {
            report.error("tunnel.origin_request.\(key)", "\(key) must be longer than 0s",
                         hint: "cloudflared's default is \(fallback)" + (t.plan == nil ? "" : "; plan §2 uses connect 30s, keep-alive 120s"))
        }
        return report.items
    }

    static let http2OriginAgrees = Rule("http2-origin-agrees", reads: [.zone, .tunnel]) { t in
        var report = Report(t)
        let tunnel = t.tunnel.originRequest.http2Origin
        if let zone = t.zone.settings.http2ToOrigin, zone != tunnel {
            report.error("zone.settings.http2_to_origin",
                         "http2_to_origin is \(zone), but the tunnel's origin_request.http2_origin is \(tunnel)",
                         hint: "for a tunnel the origin connection is cloudflared's, so tunnel.origin_request.http2_origin is what applies: make both \(tunnel)")
        }
        return report.items
    }

    /// cloudflared's own ingress validation (research/cloudflared.md §5) over the ingress topogen
    /// will write, with cloudflared's wording in the hint.
    /// It reads no gateway fact, so a typo under `gateway:` does not hold back an origin
    /// cloudflared would refuse; tunnel-origin says which origin the gateway wants.
    static let cloudflaredIngress = Rule("cloudflared-ingress", reads: [.zone, .tunnel, .hostnames]) { t in
        var report = Report(t)
        let ingress = CloudflaredIngress(t)
        for problem in ingress.problems() {
            let rule = ingress.rules[problem.rule]
            let number = problem.rule + 1
            let quoted = "cloudflared: \"\(problem.cloudflaredError)\""
            switch problem.field {
            case .service:
                report.error(rule.source == "tunnel" ? "tunnel" : "tunnel.origin",
                             "cloudflared refuses '\(rule.service)' as the service of ingress rule #\(number)",
                             hint: "\(quoted); write the origin as scheme://host:port with no path, e.g. http://127.0.0.1:3000")
            case .hostname where problem.rejectedByCloudflared:
                report.error(rule.source, "cloudflared refuses the hostname '\(rule.hostname)' of ingress rule #\(number)",
                             hint: "\(quoted); drop any port, and use a wildcard only as a leading *. (quoted in YAML: \"*.\(t.zone.name)\")")
            case .hostname:
                report.error(rule.source, "the hostname '\(rule.hostname)' of ingress rule #\(number) could never match",
                             hint: "\(problem.cloudflaredError); write \"*.\(rule.hostname.dropFirst().drop { $0 == "." })\" for every subdomain")
            case .order:
                report.error(rule.source, "the hostname '\(rule.hostname)' makes ingress rule #\(number) match every request, hiding the rules after it",
                             hint: "\(quoted); list real hostnames only: topogen adds the final catch-all (\(CloudflaredIngress.catchAllService)) itself")
            }
        }
        return report.items
    }

    // MARK: Terraform names

    /// Model names become Terraform resource names; two that differ only in punctuation would
    /// collide (`a-b` and `a_b` are both `a_b`).
    static let terraformNames = Rule("terraform-names", reads: [.hostnames, .access, .waf]) { t in
        var report = Report(t)
        func check(_ names: [String], path: (Int) -> String, what: String) {
            var seen: [String: String] = [:]
            for (i, name) in names.enumerated() {
                let id = TerraformString.identifier(name)
                if let first = seen[id], first != name {
                    report.error(path(i), "\(what) '\(name)' and '\(first)' both become the Terraform name \(id)",
                                 hint: "rename one of them so they differ in more than punctuation or case")
                }
                if seen[id] == nil { seen[id] = name }
            }
        }
        check(t.hostnames.map(\.name), path: { "hostnames[\($0)].name" }, what: "hostnames")
        check(t.access.serviceTokens.map(\.name), path: { "access.service_tokens[\($0)].name" }, what: "service tokens")
        check(t.access.surfaces.map(\.name), path: { "access.surfaces[\($0)].name" }, what: "surfaces")
        check(t.waf.rateLimits.map(\.name), path: { "waf.rate_limits[\($0)].name" }, what: "rate limits")
        return report.items
    }

    /// A secret made with `terraform output NAME` must name an output the generated Terraform has.
    static let terraformOutputNames = Rule("terraform-output-names", reads: [.tunnel, .access, .secrets]) { t in
        var report = Report(t)
        let outputs = TerraformNames.outputs(t), known = Set(outputs)
        for (i, secret) in t.secrets.enumerated() {
            guard let name = terraformOutputName(in: secret.generate ?? ""), !known.contains(name) else { continue }
            report.error("secrets[\(i)].generate", "'terraform output \(name)' names no output of the generated Terraform",
                         hint: "the outputs (tunnel mode \(t.tunnel.mode.rawValue)) are: \(outputs.joined(separator: ", "))")
        }
        return report.items
    }

    /// `terraform [-chdir=…] output [-raw|-json] NAME` -> NAME.
    static func terraformOutputName(in command: String) -> String? {
        let words = command.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let terraform = words.firstIndex(of: "terraform"),
              let output = words[(terraform + 1)...].firstIndex(of: "output") else { return nil }
        return words[(output + 1)...].first { !$0.hasPrefix("-") }
    }
}
