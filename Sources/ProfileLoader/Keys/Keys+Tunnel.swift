import TopologyModel

extension ProfileSection {
    public static let tunnel = ProfileSection("tunnel", model: Tunnel.self, "The dedicated Cloudflare Tunnel and the systemd unit that runs cloudflared.", [
        ProfileKey("name", .string(.name), .required, lands: "name", "The tunnel's name at Cloudflare."),
        ProfileKey("mode", .choice(Tunnel.Mode.self), .required, lands: "mode", "remote: ingress at Cloudflare, connector runs with a token; local: ingress in a config file on the host."),
        ProfileKey("unit", .string(.serviceUnit), .required, lands: "unit", "The systemd unit name, e.g. newapi-cloudflared.service."),
        ProfileKey("binary", .string(.unitPath), .required, lands: "binary", "Absolute path of the cloudflared binary on the host."),
        ProfileKey("install", .choice(Tunnel.Install.self), .required, lands: "install", "How cloudflared is installed: from the apt repository or as a binary."),
        ProfileKey("release", .mapping(.cloudflaredRelease), .optional, lands: "release", "install: binary: the cloudflared release to download and the SHA-256 it must have before it is installed."),
        ProfileKey("origin", .string(.url), .required, lands: "origin", "The origin every ingress rule forwards to; must be the gateway's bind and port."),
        ProfileKey("token_secret", .string(.name), .optional, lands: "tokenSecret", "Remote mode: the secret (a root-only file) that holds the connector token."),
        ProfileKey("config_path", .string(.unitPath), .required, lands: "configPath", "Where the cloudflared config lives on the host."),
        ProfileKey("origin_request", .mapping(.originRequest), .required, lands: "originRequest", "cloudflared's originRequest settings every rule inherits."),
    ], constraints: [
        .requires("release", when: "install", is: "binary",
                  message: CloudflaredRelease.missingForBinary,
                  hint: "add `release: {version: 2026.9.1, sha256: <64 hex digits of cloudflared-linux-amd64>}`; the checksum is `sha256sum` of the asset from https://github.com/cloudflare/cloudflared/releases"),
    ])

    public static let cloudflaredRelease = ProfileSection("tunnel.release", model: CloudflaredRelease.self, "A pinned cloudflared release, checked by SHA-256 before it is installed.", [
        ProfileKey("version", .string(.cloudflaredVersion), .required, lands: "version", "The release, YEAR.MONTH.PATCH as cloudflared names them (2026.9.1)."),
        ProfileKey("arch", .choice(CloudflaredRelease.Architecture.self), .defaults("amd64"), lands: "architecture", "The host's CPU: amd64 or arm64; picks the release asset cloudflared-linux-ARCH."),
        ProfileKey("sha256", .string(.sha256Digest), .required, lands: "sha256", "SHA-256 of the release asset (sha256sum's 64 hex digits); the download is refused unless it matches."),
    ])

    public static let originRequest = ProfileSection("tunnel.origin_request", model: OriginRequest.self, "cloudflared's originRequest settings.", [
        ProfileKey("connect_timeout", .duration, .required, lands: "connectTimeout", "Timeout for connecting to the origin."),
        ProfileKey("keep_alive_timeout", .duration, .required, lands: "keepAliveTimeout", "How long an idle origin connection is kept."),
        ProfileKey("no_tls_verify", .boolean, .required, lands: "noTLSVerify", "Skip origin certificate checks (false: the origin is plain HTTP anyway)."),
        ProfileKey("http2_origin", .boolean, .required, lands: "http2Origin", "Speak HTTP/2 to the origin."),
    ])
}
