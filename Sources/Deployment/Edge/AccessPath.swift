/// A path set as Cloudflare Access matches it (terraform.md §13.1): the bare hostname covers
/// every path; `host/p` covers `/p` and everything below it. The default deny, the rate limits,
/// the expectations and the runbook all read paths through this one type, so a `/` surface can
/// never mean "every path" to Access and "the exact path /" to the WAF.
public struct AccessPath: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// "" for the whole hostname, else the path without a trailing slash (`/v1`).
    public let prefix: String

    public init(prefix: String) {
        var trimmed = prefix
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.prefix = trimmed
    }

    public static let root = AccessPath(prefix: "")

    /// A surface's `path:` (`/`, `/v1/*`, or `/v1`), nil when it has no Access shape.
    public init?(surfacePath: String) {
        guard surfacePath.hasPrefix("/") else { return nil }
        var body = surfacePath
        if body.hasSuffix("/*") { body.removeLast(2) }
        guard !body.contains("*") else { return nil }
        self.init(prefix: body)
    }

    public var isRoot: Bool { prefix.isEmpty }

    /// Whether a request path falls under it; segment-wise, so `/v1` covers `/v1` and `/v1/models`
    /// but not `/v1beta` (the docs leave that case open, and the WAF decides it first).
    public func covers(_ path: String) -> Bool {
        isRoot || path == prefix || path.hasPrefix(prefix + "/")
    }

    /// Access picks the most specific application: a longer covering prefix wins.
    public var specificity: Int { prefix.count }

    /// The application destination URI on a hostname.
    public func destination(on hostname: String) -> String { hostname + prefix }

    /// A path inside it a probe can request: `/` for the root, the prefix itself otherwise.
    public var probePath: String { isRoot ? "/" : prefix }

    public var description: String { isRoot ? "/ (every path)" : "\(prefix) and below" }

    public static func < (a: AccessPath, b: AccessPath) -> Bool { a.prefix < b.prefix }
}

/// Hostname patterns as cloudflared and Access read them: exact (case-insensitive), or a leading
/// `*.` for exactly one more label.
public enum HostPattern {
    public static func matches(_ pattern: String, _ host: String) -> Bool {
        let pattern = pattern.lowercased(), host = host.lowercased()
        if pattern.hasPrefix("*.") {
            let suffix = String(pattern.dropFirst())
            guard host.hasSuffix(suffix) else { return false }
            let label = host.dropLast(suffix.count)
            return !label.isEmpty && !label.contains(".")
        }
        return pattern == host
    }
}

/// An Access destination URI (`host` or `host/path`, optionally ending `/*`) split into its parts.
public struct AccessDestination: Sendable, Equatable {
    public let hostname: String
    public let path: AccessPath

    public init(hostname: String, path: AccessPath) {
        self.hostname = hostname
        self.path = path
    }

    public init?(uri: String) {
        guard !uri.isEmpty, !uri.contains("://") else { return nil }
        guard let slash = uri.firstIndex(of: "/") else {
            self.init(hostname: uri, path: .root)
            return
        }
        guard let path = AccessPath(surfacePath: String(uri[slash...])) else { return nil }
        self.init(hostname: String(uri[..<slash]), path: path)
    }

    public var uri: String { path.destination(on: hostname) }

    public func covers(host: String, path requestPath: String) -> Bool {
        HostPattern.matches(hostname, host) && path.covers(requestPath)
    }
}
