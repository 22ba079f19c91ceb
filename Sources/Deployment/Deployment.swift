import TopologyModel

/// Facts derived once from a valid `Topology` and read by every artifact, the RUNBOOK and
/// verify.sh: no artifact works a path, an alias or the ingress out for itself, and none reaches
/// into another artifact to learn one. Built only after validation passed.
public struct Deployment: Sendable {
    public let topology: Topology
    public let paths: ArtifactPaths
    /// The tunnel's ingress as cloudflared evaluates it (YAML and Terraform render this one value).
    public let ingress: CloudflaredIngress
    /// The hostname people and probes use: the first gateway hostname, else the zone's apex.
    public let publicHost: String

    public init(_ topology: Topology) {
        self.topology = topology
        paths = ArtifactPaths(topology)
        ingress = CloudflaredIngress(topology)
        publicHost = topology.publicHost
    }

    /// The ssh alias of the gateway's host: every remote command of the RUNBOOK goes there.
    public var gatewaySSHAlias: String { topology.sshAlias(forHost: topology.gateway.host) }

    /// `https://<public host>`: where anonymous and token probes go.
    public var publicOrigin: String { "https://\(publicHost)" }
}
