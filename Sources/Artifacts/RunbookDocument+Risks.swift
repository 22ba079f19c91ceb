import Formats
import Deployment
import TopologyModel

// The risks table: each risk this profile actually carries, with the mitigation the runbook's steps
// provide, so rows appear and vanish with the profile.
extension RunbookDocument {
    static func risksTable(_ d: Deployment, n: Numbers) -> String {
        let t = d.topology
        let gateway = t.gateway
        let tunnel = t.tunnel
        let host = t.gatewayHost
        let code = Markdown.code
        let cell = Markdown.cell
        let envPath = d.paths.envInstall
        let publicHost = d.publicHost
        let source = d.paths.systemdUnit
        let imageVariable = EnvNames.imageVariable(gateway)
        let workloads = host?.workloads ?? []
        var risks: [[String]] = []
        let retiring = workloads.filter { $0.status == .decommission || $0.status == .remove }.map { code($0.name) }.joined(separator: ", ")
        if let ram = host?.memory, let headroom = t.memoryHeadroom {
            risks.append(["\(code(gateway.host)) runs out of memory; new-api is OOM-killed",
                          "Hard cap \(code("mem_limit: \(gateway.limits.memory.spelling)")) leaves \(mib(headroom)) of \(mib(ram.bytes)); watch \(code("docker stats --no-stream \(gateway.containerName)"))\(retiring.isEmpty ? "" : "; retire \(retiring)"); upsize rather than relax the cap."])
        }
        risks.append(["Two connectors or two units named alike",
                      "One unit, \(code(tunnel.unit)), installed from \(code(source)); never run \(code("cloudflared service install")); check with \(code("systemctl status \(tunnel.unitStem)"))."])
        risks.append(["\(code(gateway.host)) is a single point of failure",
                      "Every model call fails while it is down. Accepted for now; \(code("Restart=on-failure")) and the container's restart policy cover crashes, not the host."])
        if t.consumers.contains(where: { $0.reach == .tunnel }) {
            let far = Set(t.consumers.filter { $0.reach == .tunnel }.map(\.host)).sorted().map(code).joined(separator: ", ")
            risks.append(["Latency from \(far) through the tunnel",
                          "The tunnel adds tens of milliseconds per request compared with loopback; streaming (SSE) amortizes it. Step \(n.verify) proves streaming passes the tunnel."])
            risks.append(["\(code(publicHost)) becomes unreachable from \(far) (DNS or filtering on the path)",
                          "The zone is on Cloudflare: move to another hostname in \(code(t.zone.name)); consumers change only their base-URL variable."])
        }
        for token in t.access.serviceTokens {
            let rotate = t.secret(named: token.clientSecretSecret)?.rotate ?? "on leak"
            risks.append(["Service token \(code(token.name)) leaks",
                          "Kept in \(t.secret(named: token.clientSecretSecret).map { RunbookDocument.place(of: $0) } ?? "its secret store") only; rotate \(cell(rotate)); valid \(token.duration) at most."])
        }
        risks.append(["The first visitor completes new-api's setup wizard and becomes root",
                      "Step \(n.firstRun) completes it over loopback before step \(n.unit) makes \(code(publicHost)) reachable."])
        if gateway.tag == "latest" {
            risks.append(["\(code("latest")) moves to a bad release (rc.37 used ~1.8 GB)",
                          "Pin \(code("\(imageVariable)=\(gateway.image):<tested tag>")) in \(code(envPath)) (upgrade section)."])
        }
        risks.append(["No ping through the tunnel",
                      "\(code("ProcSubset=pid")) in the unit turns off cloudflared's ICMP proxy; HTTP is unaffected. Accepted for the sandbox it buys."])
        return Markdown.table(["risk", "mitigation"], risks)
    }
}
