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
