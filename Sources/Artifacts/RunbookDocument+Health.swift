import Deployment
import Formats
import TopologyModel

// What the gateway's healthcheck does and does not do; the words are in
// templates/runbook/healthcheck.mustache.
extension RunbookDocument {
    struct Health {
        let path: String
        let interval: String
        let retries: Int
        let failAfter: String
        let startPeriod: String
        let restart: String
        let inspect: String
    }

    static func health(_ d: Deployment) -> Health {
        let check = d.topology.gateway.healthcheck
        return Health(path: check.path, interval: check.interval.goDuration, retries: check.retries,
                      failAfter: d.unhealthyAfter.goDuration, startPeriod: check.startPeriod.goDuration,
                      restart: Deployment.restartPolicy,
                      inspect: "docker inspect --format '{{.State.Health.Status}}' \(Shell.quoted(d.topology.gateway.containerName))")
    }
}
