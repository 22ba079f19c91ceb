/// One request at the edge: who sends it, and where.
public struct EdgeRequest: Sendable, Equatable, CustomStringConvertible {
    public enum Principal: Sendable, Equatable, CustomStringConvertible {
        case anonymous
        /// Carries a service token's headers (by the token's profile name).
        case token(String)
        /// A person already logged in to Access with this address.
        case email(String)

        public var description: String {
            switch self {
            case .anonymous: return "anonymous"
            case .token(let name): return "token \(name)"
            case .email(let address): return "email \(address)"
            }
        }
    }

    public var method: String
    public var host: String
    /// The URI path, without the query.
    public var path: String
    public var principal: Principal

    public init(method: String, host: String, path: String, principal: Principal) {
        self.method = method.uppercased()
        self.host = host.lowercased()
        self.path = path.isEmpty ? "/" : path
        self.principal = principal
    }

    /// `host/path`, `https://host/path?query`: nil when there is no hostname.
    public init?(method: String, url: String, principal: Principal) {
        var rest = Substring(url)
        for scheme in ["https://", "http://"] where rest.hasPrefix(scheme) { rest = rest.dropFirst(scheme.count) }
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !host.isEmpty, !host.contains(":"), !host.contains(" ") else { return nil }
        let path = rest.dropFirst(host.count).prefix { $0 != "?" && $0 != "#" }
        self.init(method: method, host: String(host), path: path.isEmpty ? "/" : String(path), principal: principal)
    }

    public var url: String { "https://\(host)\(path)" }
    public var description: String { "\(method) \(host)\(path) \(principal)" }
}

/// What the edge does with a request, as an expectation names it.
public enum EdgeOutcome: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Reaches new-api through the tunnel.
    case origin
    /// Stopped by a WAF custom rule: a 403 before Access.
    case blocked
    /// Access asks for a login: a redirect to the team's Access domain.
    case accessLogin = "access-login"
    /// Access refuses without a login page (401 for service auth, 403 for a deny).
    case accessDenied = "access-denied"
    /// cloudflared's catch-all: 404 from the tunnel, never the origin.
    case notFound = "not-found"
    /// Any of the refusals above (an expectation that only says "not the origin").
    case refused

    public var description: String { rawValue }

    /// Whether an actual outcome satisfies this expected one.
    public func accepts(_ actual: EdgeOutcome) -> Bool {
        self == actual || (self == .refused && actual != .origin)
    }
}
