/// Cloudflare Access in front of the hostnames (plan §3): who may reach which paths.
public struct Access: Sendable, Equatable, Decodable {
    public enum DefaultPolicy: String, Sendable, CaseIterable, Decodable { case deny, allow }

    /// The request headers a machine client sends its service token in. Named once here:
    /// the consumers' env files, the verification script and the runbook all read these.
    public static let clientIDHeader = "CF-Access-Client-Id"
    public static let clientSecretHeader = "CF-Access-Client-Secret"

    /// People who may pass an email one-time-PIN policy.
    public var admins: [String]
    public var serviceTokens: [ServiceToken]
    public var surfaces: [AccessSurface]
    /// What happens to a path no surface lists. The plan: deny (a WAF custom rule).
    public var defaultPolicy: DefaultPolicy

    public init(admins: [String], serviceTokens: [ServiceToken], surfaces: [AccessSurface], defaultPolicy: DefaultPolicy) {
        self.admins = admins
        self.serviceTokens = serviceTokens
        self.surfaces = surfaces
        self.defaultPolicy = defaultPolicy
    }
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

/// One protected path pattern on a hostname and the single policy it gets.
public struct AccessSurface: Sendable, Equatable, Decodable {
    public enum Policy: String, Sendable, CaseIterable, Decodable {
        case serviceToken = "service_token"
        case emailOTP = "email_otp"
        case deny
    }

    public var name: String
    public var hostname: String
    /// `/` (the hostname root and everything no other surface claims, for Access), or a
    /// prefix pattern `/v1/*`.
    public var path: String
    public var policy: Policy
    /// The service token a `service_token` surface accepts.
    public var serviceToken: String?

    public init(name: String, hostname: String, path: String, policy: Policy, serviceToken: String? = nil) {
        self.name = name
        self.hostname = hostname
        self.path = path
        self.policy = policy
        self.serviceToken = serviceToken
    }

    /// `/v1/*` -> `/v1/`; `/` -> nil (the root is matched exactly by the WAF, and is the
    /// whole-hostname application for Access).
    public var prefix: String? {
        guard path.hasSuffix("/*") else { return nil }
        return String(path.dropLast())
    }

    public var isRoot: Bool { path == "/" }

    /// The Access application destination: hostname plus path without the wildcard
    /// (Access covers a path and everything below it).
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
