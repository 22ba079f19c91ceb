/// Cloudflare Access in front of the hostnames (plan §3): who may reach which paths.
public struct Access: Sendable, Equatable, Decodable {
    public enum DefaultPolicy: String, Sendable, CaseIterable, Decodable { case deny, allow }

    /// The request headers a machine client sends its service token in. Named once here:
    /// the consumers' env files, the verification script and the runbook all read these.
    public static let clientIDHeader = "CF-Access-Client-Id"
    public static let clientSecretHeader = "CF-Access-Client-Secret"

    /// People who may pass an identity policy (`email_otp`, `identity`): e-mail addresses.
    public var admins: [String]
    /// Whole e-mail domains who may pass an identity policy (`example.com` admits `*@example.com`).
    public var adminDomains: [String]
    /// The named identity provider an `identity` surface logs people in with (its id is a
    /// Terraform variable); `email_otp` surfaces always use the one-time PIN.
    public var identityProvider: String?
    /// The Zero Trust team name: logins redirect to `https://<team>.cloudflareaccess.com`.
    public var team: String?
    public var serviceTokens: [ServiceToken]
    public var surfaces: [AccessSurface]
    /// What happens to a path no surface lists. The plan: deny (a WAF custom rule).
    public var defaultPolicy: DefaultPolicy

    public init(admins: [String], adminDomains: [String] = [], identityProvider: String? = nil, team: String? = nil,
                serviceTokens: [ServiceToken], surfaces: [AccessSurface], defaultPolicy: DefaultPolicy) {
        self.admins = admins
        self.adminDomains = adminDomains
        self.identityProvider = identityProvider
        self.team = team
        self.serviceTokens = serviceTokens
        self.surfaces = surfaces
        self.defaultPolicy = defaultPolicy
    }

    /// The host every Access login redirects to, when the team is known.
    public var teamDomain: String? { team.map { "\($0).cloudflareaccess.com" } }
}

/// A machine-to-machine credential: a client id and secret pair issued by Access.
public struct ServiceToken: Sendable, Equatable, Decodable {
    public var name: String
    public var duration: Seconds
    /// Secrets (by name) where the issued id and secret are kept.
    public var clientIDSecret: String
    public var clientSecretSecret: String

    public init(name: String, duration: Seconds, clientIDSecret: String, clientSecretSecret: String) {
        self.name = name
        self.duration = duration
        self.clientIDSecret = clientIDSecret
        self.clientSecretSecret = clientSecretSecret
    }
}

/// One protected path pattern on a hostname and the policy it gets.
public struct AccessSurface: Sendable, Equatable, Decodable {
    /// The decisions Cloudflare Access has (terraform.md §13.3), as a profile names them.
    public enum Policy: String, Sendable, CaseIterable, Decodable {
        /// Service Auth (`non_identity`): one of the surface's service tokens.
        case serviceToken = "service_token"
        /// Allow, by the admins' addresses and domains, logging in with the one-time PIN.
        case emailOTP = "email_otp"
        /// Allow, by the admins' addresses and domains, logging in with `access.identity_provider`.
        case identity
        /// Public: Access is not enforced (and not logged) on these paths.
        case bypass
        case deny

        /// A person logs in (a browser surface).
        public var isHuman: Bool { self == .emailOTP || self == .identity }
    }

    public var name: String
    public var hostname: String
    /// `/` (the whole hostname, for Access and the WAF alike), or a prefix pattern `/v1/*`
    /// (`/v1` and everything below it).
    public var path: String
    public var policy: Policy
    /// `service_token: NAME`: the token a `service_token` surface admits.
    public var serviceToken: String?
    /// `service_tokens: [A, B]`: more tokens it admits (or all of them, without `service_token`).
    public var moreServiceTokens: [String]

    public init(name: String, hostname: String, path: String, policy: Policy, serviceTokens: [String] = []) {
        self.name = name
        self.hostname = hostname
        self.path = path
        self.policy = policy
        self.serviceToken = serviceTokens.first
        self.moreServiceTokens = Array(serviceTokens.dropFirst())
    }

    public init(name: String, hostname: String, path: String, policy: Policy, serviceToken: String?) {
        self.init(name: name, hostname: hostname, path: path, policy: policy, serviceTokens: serviceToken.map { [$0] } ?? [])
    }

    /// Every service token the surface admits, in profile order.
    public var serviceTokens: [String] {
        get { (serviceToken.map { [$0] } ?? []) + moreServiceTokens }
        set {
            serviceToken = newValue.first
            moreServiceTokens = Array(newValue.dropFirst())
        }
    }

    /// `/v1/*` -> `/v1/`; `/` -> nil (the whole hostname).
    public var prefix: String? {
        guard path.hasSuffix("/*") else { return nil }
        return String(path.dropLast())
    }

    public var isRoot: Bool { path == "/" }

    /// The Access application destination: the bare hostname for `/` (every path), else
    /// hostname plus the path without the wildcard (Access covers that path and everything below).
    public var accessDestination: String {
        if isRoot { return hostname }
        if let prefix { return hostname + String(prefix.dropLast()) }
        return hostname + path
    }
}

/// Rate limits applied at the edge (plan §3).
public struct WAF: Sendable, Equatable, Decodable {
    public var rateLimits: [RateLimit]

    public init(rateLimits: [RateLimit]) { self.rateLimits = rateLimits }
}

public struct RateLimit: Sendable, Equatable, Decodable {
    public enum Action: String, Sendable, CaseIterable, Decodable {
        case block, challenge, managedChallenge = "managed_challenge", jsChallenge = "js_challenge", log

        /// Challenges throttle: below Enterprise the API demands `mitigation_timeout = 0`.
        public var isChallenge: Bool { self == .challenge || self == .managedChallenge || self == .jsChallenge }
    }

    public var name: String
    /// The Access surface whose paths it counts, so the limit follows the surface's pattern.
    public var surface: String
    public var requests: Int
    public var period: Seconds
    public var mitigationTimeout: Seconds
    public var action: Action

    public init(name: String, surface: String, requests: Int, period: Seconds, mitigationTimeout: Seconds, action: Action) {
        self.name = name
        self.surface = surface
        self.requests = requests
        self.period = period
        self.mitigationTimeout = mitigationTimeout
        self.action = action
    }
}
