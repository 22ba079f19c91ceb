import TopologyModel

/// Where each generated file lands under `generated/<profile>/`, and where it is installed on
/// its host. One place, so the RUNBOOK, verify.sh and the artifacts that write the files can
/// never disagree about a path.
public struct ArtifactPaths: Sendable, Equatable {
    public var compose: String
    public var envExample: String
    /// The cloudflared YAML; a `.template` in remote mode, where the dashboard config is live.
    public var cloudflaredConfig: String
    public var systemdUnit: String
    public var verifyScript: String
    public var runbook: String
    /// The folder holding the `*.tf.json` files; commands run `terraform -chdir=` on it.
    public var terraformDirectory: String

    /// On the gateway's host.
    public var composeInstall: String
    public var envInstall: String
    public var systemdUnitInstall: String

    public init(_ topology: Topology) {
        let gateway = topology.gateway
        compose = "deploy/\(gateway.name)-compose.yml"
        envExample = "deploy/\(gateway.name)-env.example"
        let config = "deploy/\(gateway.name)-cloudflared-config.yml"
        cloudflaredConfig = topology.tunnel.mode == .remote ? config + ".template" : config
        systemdUnit = "systemd/\(topology.tunnel.unit)"
        verifyScript = "scripts/verify.sh"
        runbook = "RUNBOOK.md"
        terraformDirectory = "terraform"
        composeInstall = gateway.directory + "/docker-compose.yml"
        envInstall = gateway.directory + "/.env"
        systemdUnitInstall = "/etc/systemd/system/\(topology.tunnel.unit)"
    }

    /// A consumer's env-file fragment, merged into its `env_file` on the consumer's host.
    public func consumerEnv(_ consumer: Consumer) -> String { "consumers/\(consumer.name).env" }

    /// One Terraform file, e.g. `terraform/access.tf.json`.
    public func terraformFile(_ stem: String) -> String { "\(terraformDirectory)/\(stem).tf.json" }
}
