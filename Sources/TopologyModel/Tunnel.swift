/// The dedicated Cloudflare Tunnel in front of the gateway, and the systemd unit that runs it.
public struct Tunnel: Sendable, Equatable, Decodable {
    public enum Mode: String, Sendable, CaseIterable, Decodable {
        /// Ingress lives at Cloudflare (Terraform `config_src = "cloudflare"`); the connector
        /// runs with a token. The plan's execution order does this.
        case remote
        /// Ingress lives in a config file on the host, next to the tunnel's credentials JSON.
        case local
    }

    public enum Install: String, Sendable, CaseIterable, Decodable { case apt, binary }

    public var name: String
    public var mode: Mode
    /// The one systemd unit name, used identically by the unit file, runbook and scripts.
    public var unit: String
    public var binary: String
    public var install: Install
    /// `install: binary`: the pinned release the RUNBOOK downloads and checks; nil for apt,
    /// where the package repository decides the version.
    public var release: CloudflaredRelease?
    /// The origin every ingress rule forwards to; validated to be the gateway's bind and port.
    public var origin: String
    /// Remote mode: the secret (a root-only file) that holds the connector token.
    public var tokenSecret: String?
    /// Where the cloudflared config lives on the host (local mode reads it; remote mode keeps
    /// the rendered file for reference only).
    public var configPath: String
    public var originRequest: OriginRequest

    public init(name: String, mode: Mode, unit: String, binary: String, install: Install, origin: String,
                tokenSecret: String?, configPath: String, originRequest: OriginRequest, release: CloudflaredRelease? = nil) {
        self.name = name
        self.mode = mode
        self.unit = unit
        self.binary = binary
        self.install = install
        self.release = release
        self.origin = origin
        self.tokenSecret = tokenSecret
        self.configPath = configPath
        self.originRequest = originRequest
    }

    /// `newapi-cloudflared` for `journalctl -u` and `systemctl`.
    public var unitStem: String {
        unit.hasSuffix(".service") ? String(unit.dropLast(".service".count)) : unit
    }

    /// Directory of the config file; the credentials JSON sits beside it in local mode.
    public var configDirectory: String {
        guard let slash = configPath.lastIndex(of: "/") else { return "." }
        return String(configPath[..<slash])
    }

    /// Local mode's credentials JSON. Its name is the tunnel UUID, known only after creation,
    /// so artifacts carry this placeholder and the runbook says how to fill it.
    public static let tunnelIDPlaceholder = "TUNNEL_ID"
    public var credentialsFile: String { "\(configDirectory)/\(Tunnel.tunnelIDPlaceholder).json" }
}

/// cloudflared's `originRequest` settings of plan §2. Durations are whole seconds: the YAML
/// config writes them as Go durations, the Terraform config as integers.
public struct OriginRequest: Sendable, Equatable, Decodable {
    public var connectTimeout: Seconds
    public var keepAliveTimeout: Seconds
    public var noTLSVerify: Bool
    public var http2Origin: Bool

    public init(connectTimeout: Seconds, keepAliveTimeout: Seconds, noTLSVerify: Bool, http2Origin: Bool) {
        self.connectTimeout = connectTimeout
        self.keepAliveTimeout = keepAliveTimeout
        self.noTLSVerify = noTLSVerify
        self.http2Origin = http2Origin
    }
}
