import Deployment
import TopologyModel

/// `deploy/<gateway>-cloudflared-config.yml`: cloudflared's config for the tunnel (plan §2).
///
/// Local mode: this is the live config, installed at `tunnel.config_path`. Remote mode: the same
/// content as `….yml.template`, for reference only, because the live ingress is the Terraform
/// `cloudflare_zero_trust_tunnel_cloudflared_config`. Both come from `CloudflaredIngress`, the one
/// derivation the Terraform artifact renders too, and both refuse to render an ingress cloudflared
/// would reject (research/cloudflared.md §5).
public struct CloudflaredConfigArtifact: Artifact {
    public init() {}
    public var name: String { "cloudflared-config" }
    static let template = "cloudflared-config.yml"

    public func plan(_ deployment: Deployment) throws -> [PlannedFile] {
        let topology = deployment.topology
        let ingress = deployment.ingress
        try Self.refuseInvalid(ingress, template: Self.template)
        let document = CloudflaredConfigDocument(topology, ingress: ingress)
        return [PlannedFile(path: deployment.paths.cloudflaredConfig, template: Self.template, context: document,
                            verify: Oracle.yaml(document, template: Self.template))]
    }

    /// Validation reports these as located profile errors first; this is the backstop that keeps
    /// a config cloudflared rejects from ever being written, whoever calls the artifact.
    static func refuseInvalid(_ ingress: CloudflaredIngress, template: String) throws {
        guard let problem = ingress.problems().first(where: \.rejectedByCloudflared) else { return }
        throw ArtifactInvariantViolation(artifact: "cloudflared-config",
                                         message: "ingress rule #\(problem.rule + 1) would be refused by cloudflared: \(problem.cloudflaredError)")
    }
}

/// cloudflared's config as typed data, in its own shape: `CodingKeys` are the file's keys, so
/// the encoded document is what the rendered YAML must read back as, and the template prints the
/// same stored properties. The header and placeholder note are comments, so they are not encoded.
struct CloudflaredConfigDocument: Encodable {
    struct Origin: Encodable {
        /// Go duration strings: yaml.v3 refuses a bare integer for a `time.Duration`.
        let connectTimeout: String
        let keepAliveTimeout: String
        let noTLSVerify: Bool
        let http2Origin: Bool
    }

    /// One ingress rule; the catch-all has no hostname (the template asks `isCatchAll`).
    struct Rule: Encodable {
        let hostname: String?
        let service: String
        let isCatchAll: Bool
        enum CodingKeys: String, CodingKey { case hostname, service }
    }

    let header: String
    /// Comment lines above `tunnel:` saying how the placeholders are filled, by mode.
    let placeholderNote: String
    /// " (plan §2)" when the profile implements the plan, else nothing: a comment, not encoded.
    let planCitation: String
    let tunnel: String
    let credentialsFile: String
    let originRequest: Origin
    let ingress: [Rule]

    enum CodingKeys: String, CodingKey {
        case tunnel, credentialsFile = "credentials-file", originRequest, ingress
    }

    init(_ topology: Topology, ingress: CloudflaredIngress) {
        let tunnel = topology.tunnel
        let host = topology.gateway.host
        var lines = GeneratedHeader.lines(topology, template: CloudflaredConfigArtifact.template) + [""]
        let note: [String]
        let placeholder = Tunnel.tunnelIDPlaceholder
        switch tunnel.mode {
        case .local:
            lines += [
                "The LIVE config of the locally-managed tunnel \(tunnel.name) (config_src = \"local\").",
                "Install on \(host) as \(tunnel.configPath), owned root, mode 0644.",
                "Same ingress as the Terraform artifact would send in remote mode (CloudflaredIngress).",
            ]
            note = [
                "\(placeholder): the tunnel's UUID, known once Terraform (terraform/) has created the tunnel:",
                "  terraform output -raw \(TerraformNames.tunnelIDOutput)",
                "Replace it on both lines below. The credentials file comes from the same state:",
                "  terraform output -raw \(TerraformNames.tunnelCredentialsOutput) > <UUID>.json",
                "then copy it to \(host):\(tunnel.configDirectory)/<UUID>.json, owned root, mode 0400.",
                "(It holds var.tunnel_secret. Without Terraform, `cloudflared tunnel create \(tunnel.name)`",
                "prints the UUID and writes the same file under ~/.cloudflared/.)",
            ]
        case .remote:
            lines += [
                "REFERENCE ONLY, NOT THE LIVE CONFIG. Tunnel \(tunnel.name) is remotely managed",
                "(config_src = \"cloudflare\"): its live ingress is cloudflare_zero_trust_tunnel_cloudflared_config",
                "in terraform/tunnel.tf.json, rendered from the same ingress as this file, and the connector",
                "(\(tunnel.unit)) runs with the tunnel token, reading no config file.",
                "Set tunnel.mode: local in the profile to make this file the live config.",
            ]
            note = [
                "\(placeholder) is a placeholder: remote mode never fills it (the token carries the tunnel id).",
            ]
        }
        header = lines.map { $0.isEmpty ? "#" : "# \($0)" }.joined(separator: "\n")
        placeholderNote = note.map { "# \($0)" }.joined(separator: "\n")
        planCitation = topology.plan == nil ? "" : " (plan §2)"
        self.tunnel = placeholder
        credentialsFile = tunnel.credentialsFile
        let request = ingress.originRequest
        originRequest = Origin(connectTimeout: request.connectTimeout.goDuration, keepAliveTimeout: request.keepAliveTimeout.goDuration,
                               noTLSVerify: request.noTLSVerify, http2Origin: request.http2Origin)
        self.ingress = ingress.hostRules.map { Rule(hostname: $0.hostname, service: $0.service, isCatchAll: false) }
            + [Rule(hostname: nil, service: ingress.rules.last?.service ?? CloudflaredIngress.catchAllService, isCatchAll: true)]
    }
}
