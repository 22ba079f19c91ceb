import Formats
import Deployment
import TopologyModel

// The Mermaid request-path diagram: long, and read only by the topology section, so it lives apart
// from the tables.
extension RunbookDocument {
    /// consumers → hostname and Access → tunnel → cloudflared on the host → gateway → upstreams.
    static func diagram(_ d: Deployment) -> String {
        let t = d.topology
        let label = Markdown.mermaidLabel
        let gateway = t.gateway
        var lines = ["flowchart LR"]
        var consumerIDs: [(String, Consumer)] = []
        let hostOrder = t.hosts.map(\.name)
        // Consumers grouped by host, except those on the gateway host (drawn inside it).
        for (index, hostName) in hostOrder.enumerated() where hostName != gateway.host {
            let here = t.consumers.enumerated().filter { $0.element.host == hostName }
            guard !here.isEmpty, let h = t.host(named: hostName) else { continue }
            lines.append("  subgraph host\(index)[\(label("\(h.name) (\(h.provider), \(h.region))"))]")
            for (i, consumer) in here {
                lines.append("    consumer\(i)[\(label(consumer.name))]")
                consumerIDs.append(("consumer\(i)", consumer))
            }
            lines.append("  end")
        }
        for (i, consumer) in t.consumers.enumerated() where t.host(named: consumer.host) == nil {
            lines.append("  consumer\(i)[\(label(consumer.name))]")
            consumerIDs.append(("consumer\(i)", consumer))
        }
        lines.append("  subgraph cloudflare[\(label("Cloudflare, zone \(t.zone.name)"))]")
        for (i, hostname) in t.gatewayHostnames.enumerated() {
            let surfaces = t.access.surfaces.filter { $0.hostname == hostname.name }.map { surface -> String in
                let policy: String
                switch surface.policy {
                case .serviceToken: policy = "service token"
                case .emailOTP: policy = "email OTP"
                case .identity: policy = "login"
                case .bypass: policy = "public"
                case .deny: policy = "deny"
                }
                return "\(surface.isRoot ? "/" : surface.path) \(policy)"
            } + (t.access.defaultPolicy == .deny ? ["rest denied"] : [])
            lines.append("    hostname\(i)[\(label("\(hostname.name)<br/>Access: \(surfaces.joined(separator: ", "))"))]")
        }
        lines.append("    tunnel[\(label("Tunnel \(t.tunnel.name) (\(t.tunnel.mode.rawValue))"))]")
        lines.append("  end")
        let gatewayHost = t.gatewayHost
        lines.append("  subgraph gatewayhost[\(label(gatewayHost.map { "\($0.name) (\($0.provider), \($0.region))" } ?? gateway.host))]")
        lines.append("    connector[\(label("cloudflared<br/>\(t.tunnel.unit)"))]")
        lines.append("    gateway[\(label("new-api, container \(gateway.containerName)<br/>\(gateway.bind):\(gateway.port), \(gateway.limits.memory.spelling) cap"))]")
        for (i, consumer) in t.consumers.enumerated() where consumer.host == gateway.host {
            lines.append("    consumer\(i)[\(label(consumer.name))]")
            consumerIDs.append(("consumer\(i)", consumer))
        }
        lines.append("  end")
        let upstreams = gateway.upstreams.isEmpty ? ["upstream providers"] : gateway.upstreams
        for (i, upstream) in upstreams.enumerated() {
            lines.append("  upstream\(i)[\(label(upstream))]")
        }
        for (id, consumer) in consumerIDs.sorted(by: { $0.0 < $1.0 }) {
            switch consumer.reach {
            case .tunnel where !t.gatewayHostnames.isEmpty:
                lines.append("  \(id) -->|\(label(t.baseURL(for: .tunnel)))| hostname0")
            case .tunnel:
                lines.append("  \(id) --> tunnel")
            case .loopback:
                lines.append("  \(id) -->|\(label(t.baseURL(for: .loopback)))| gateway")
            }
        }
        for i in t.gatewayHostnames.indices {
            lines.append("  hostname\(i) --> tunnel")
        }
        lines.append("  tunnel -->|\(label("outbound connection from the host"))| connector")
        lines.append("  connector -->|\(label(t.gatewayOrigin))| gateway")
        for i in upstreams.indices {
            lines.append("  gateway --> upstream\(i)")
        }
        return lines.joined(separator: "\n")
    }
}
