import Formats
import TopologyModel

/// The tunnel's ingress as cloudflared evaluates it, derived once from the topology: one rule
/// per gateway hostname to the tunnel origin, then the catch-all. The local config YAML and the
/// remote Terraform tunnel config both render this one value, so the two tunnel modes cannot
/// disagree about where a hostname goes.
public struct CloudflaredIngress: Sendable, Equatable {
    public struct Rule: Sendable, Equatable {
        /// Empty for the catch-all.
        public var hostname: String
        /// A Go regex in cloudflared; topogen writes none (Access and the WAF split paths), so it
        /// stays empty. Kept so the catch-all test reads like cloudflared's own.
        public var path: String
        public var service: String
        /// The profile key path this rule comes from, for located diagnostics.
        public var source: String

        public init(hostname: String, path: String = "", service: String, source: String) {
            self.hostname = hostname
            self.path = path
            self.service = service
            self.source = source
        }

        /// cloudflared's `isCatchAllRule`: hostname `""` or `"*"`, and no path.
        public var isCatchAll: Bool { (hostname.isEmpty || hostname == "*") && path.isEmpty }
    }

    /// What a request no rule claims gets: a 404 from cloudflared, never the origin.
    public static let catchAllService = "http_status:404"

    public var rules: [Rule]
    /// The global `originRequest` block every rule inherits.
    public var originRequest: OriginRequest

    public init(rules: [Rule], originRequest: OriginRequest) {
        self.rules = rules
        self.originRequest = originRequest
    }

    public init(_ topology: Topology) {
        var rules: [Rule] = []
        for (index, hostname) in topology.hostnames.enumerated() where hostname.service == .gateway {
            rules.append(Rule(hostname: hostname.name, service: topology.tunnel.origin, source: "hostnames[\(index)].name"))
        }
        rules.append(Rule(hostname: "", service: CloudflaredIngress.catchAllService, source: "tunnel"))
        self.init(rules: rules, originRequest: topology.tunnel.originRequest)
    }

    /// The rules before the final catch-all (a derived ingress always ends with it).
    public var hostRules: [Rule] { Array(rules.dropLast()) }

    /// One way cloudflared would refuse (or silently mis-route) this ingress.
    public struct Problem: Sendable, Equatable {
        public enum Field: String, Sendable { case service, hostname, order }
        /// 0-based rule index.
        public var rule: Int
        public var field: Field
        /// cloudflared's own error text (`ingress/ingress.go validateIngress`), or, for the cases
        /// cloudflared accepts but never matches, topogen's explanation.
        public var cloudflaredError: String
        /// Whether cloudflared itself rejects it (false: accepted, but the rule can never match).
        public var rejectedByCloudflared: Bool
    }

    /// cloudflared's `validateIngress`, rule by rule in its order (service, hostname, path), plus
    /// the catch-all placement checks. Empty when cloudflared would accept the config.
    public func problems() -> [Problem] {
        var found: [Problem] = []
        for (index, rule) in rules.enumerated() {
            if let error = CloudflaredIngress.serviceError(rule.service) {
                found.append(Problem(rule: index, field: .service, cloudflaredError: error, rejectedByCloudflared: true))
                continue
            }
            if let (error, rejected) = CloudflaredIngress.hostnameError(rule.hostname) {
                found.append(Problem(rule: index, field: .hostname, cloudflaredError: error, rejectedByCloudflared: rejected))
                if rejected { continue }
            }
            let isLast = index == rules.count - 1
            if isLast && !rule.isCatchAll {
                found.append(Problem(rule: index, field: .order,
                                     cloudflaredError: "The last ingress rule must match all URLs (i.e. it should not have a hostname or path filter)", rejectedByCloudflared: true))
            } else if !isLast && rule.isCatchAll {
                found.append(Problem(rule: index, field: .order,
                                     cloudflaredError: "Rule #\(index + 1) is matching the hostname '\(rule.hostname)', but this will match every hostname, meaning the rules which follow it will never be triggered.", rejectedByCloudflared: true))
            }
        }
        return found
    }

    /// The service checks of `ingress.go` for the services topogen can emit, in cloudflared's words.
    public static func serviceError(_ service: String) -> String? {
        if service.hasPrefix("http_status:") {
            let code = String(service.dropFirst("http_status:".count))
            guard let status = Int(code), code.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-" || $0 == "+") }) else {
                return "invalid HTTP status code: strconv.Atoi: parsing \"\(code)\": invalid syntax"
            }
            return (100...999).contains(status) ? nil : "invalid HTTP status code: \(status)"
        }
        if ["hello_world", "hello-world", "bastion", "socks-proxy"].contains(service)
            || service.hasPrefix("unix:") || service.hasPrefix("unix+tls:") {
            return nil
        }
        // Go's url.Parse: a scheme (a letter, then letters, digits, + - .) before the first ':',
        // then `//host[:port]`, then the path.
        let invalid = "\(service) is an invalid address, please make sure it has a scheme and a hostname"
        guard let colon = service.firstIndex(of: ":"), service.first?.isLetter == true,
              service[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) else {
            return invalid
        }
        let rest = service[service.index(after: colon)...]
        guard rest.hasPrefix("//") else { return invalid }
        let afterSlashes = rest.dropFirst(2)
        let authority = afterSlashes.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if authority.contains(" ") { return "parse \"\(service)\": invalid character \" \" in host name" }
        let hostAndPort = authority.split(separator: "@").last ?? ""
        let host = hostAndPort.hasPrefix("[") ? hostAndPort.prefix { $0 != "]" } : hostAndPort.prefix { $0 != ":" }
        if host.isEmpty || host == "[" { return invalid }
        let path = afterSlashes.dropFirst(authority.count).prefix { $0 != "?" && $0 != "#" }
        if !path.isEmpty {
            return "\(service) is an invalid address, ingress rules don't support proxying to a different path on the origin service. The path will be the same as the eyeball request's path"
        }
        return nil
    }

    /// The hostname checks of `ingress.go`, and the one gap it leaves: `*foo.example.com` passes
    /// validation but never matches (the matcher only understands a leading `*.`).
    public static func hostnameError(_ hostname: String) -> (String, Bool)? {
        // net.SplitHostPort succeeds on anything with a (last) colon outside brackets.
        if hostname.contains(":") {
            return ("Hostname cannot contain a port", true)
        }
        if let star = hostname.firstIndex(of: "*"), star != hostname.startIndex || hostname.dropFirst().contains("*") {
            return ("Hostname patterns can have at most one wildcard character (\"*\") and it can only be used for subdomains, e.g. \"*.example.com\"", true)
        }
        if hostname.hasPrefix("*"), hostname != "*", !hostname.hasPrefix("*.") {
            return ("cloudflared accepts '\(hostname)' but its matcher only understands a leading \"*.\", so the rule would never match", false)
        }
        return nil
    }
}
