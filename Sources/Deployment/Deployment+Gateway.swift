import TopologyModel

/// Facts of the gateway container that the compose file sets and the RUNBOOK explains, so the
/// two can never disagree.
extension Deployment {
    /// Compose restarts the container when its process exits, never because it is unhealthy:
    /// Docker's restart policies do not look at health at all.
    public static let restartPolicy = "unless-stopped"

    /// How long a hung gateway takes to be marked unhealthy: `retries` probes, each `interval`
    /// apart (a probe that times out counts as failed).
    public var unhealthyAfter: Seconds {
        let check = topology.gateway.healthcheck
        return Seconds(check.interval.value * check.retries)
    }
}

extension Deployment {
    /// The name a bridge-networked container uses for its host; validation points loopback DSNs
    /// here (`no-host-loopback-from-bridge`).
    public static let hostAlias = "host.docker.internal"

    /// Docker Engine on Linux does not define `host.docker.internal` (Docker Desktop does): the
    /// compose file must map it with `extra_hosts: host.docker.internal:host-gateway` whenever
    /// a value the gateway reads names it, or the name does not resolve inside the container.
    public var gatewayExtraHosts: [String] {
        let gateway = topology.gateway
        let texts = gateway.environment.map(\.value)
            + topology.secrets.filter { gateway.secrets.contains($0.name) }.flatMap { [$0.generate, $0.instructions].compactMap { $0 } }
        let named = texts.contains { $0.lowercased().contains(Deployment.hostAlias) }
        return named ? ["\(Deployment.hostAlias):host-gateway"] : []
    }
}
