/// A downloaded cloudflared (`tunnel.install: binary`): the release, the CPU it is built for, and
/// the SHA-256 the download must have before it replaces the binary. Pinning both means the
/// version on the host is the one the profile's pull request reviewed, not whatever `latest` was
/// on the day someone ran the RUNBOOK.
public struct CloudflaredRelease: Sendable, Equatable, Decodable {
    /// What the loader (constraint on `tunnel`) and validation (rule tunnel-release, for models
    /// built in code) both say when a binary install has no release.
    public static let missingForBinary = "install: binary needs the release to download and its SHA-256"

    /// The Linux builds cloudflared publishes as plain binaries.
    public enum Architecture: String, Sendable, CaseIterable, Decodable { case amd64, arm64 }

    /// cloudflared's release name, YEAR.MONTH.PATCH (`2026.9.1`).
    public var version: String
    public var architecture: Architecture
    /// 64 lowercase hex digits, as `sha256sum` prints them for the release asset.
    public var sha256: String

    public init(version: String, architecture: Architecture, sha256: String) {
        self.version = version
        self.architecture = architecture
        self.sha256 = sha256
    }

    /// The release asset's file name (`cloudflared-linux-amd64`).
    public var asset: String { "cloudflared-linux-\(architecture.rawValue)" }

    /// Where GitHub serves this release's asset; `releases/download/<tag>/<asset>` never moves.
    public var downloadURL: String { "https://github.com/cloudflare/cloudflared/releases/download/\(version)/\(asset)" }
}
