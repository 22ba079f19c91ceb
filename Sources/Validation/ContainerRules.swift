import TopologyModel

/// What the gateway container can and cannot reach, and how long its requests may take once
/// they pass Cloudflare's edge.
enum ContainerRules {
    static let all: [Rule] = [noHostLoopbackFromBridge, timeoutsWithinEdge]

    /// The gateway runs on Compose's default bridge network: inside the container, 127.0.0.1 is
    /// the container itself, not the host, so a database or cache on the host's loopback is
    /// unreachable and new-api fails at boot (`REDIS_CONN_STRING` is fatal when the ping fails).
    static let noHostLoopbackFromBridge = Rule("no-host-loopback-from-bridge", reads: [.gateway, .secrets]) { t in
        var report = Report(t)
        // Proxy variables are refused outright by `no-proxy-variables`.
        for entry in t.gateway.environment where !GatewayRules.proxyVariables.contains(entry.name.uppercased()) {
            guard let address = HostLoopback.address(in: entry.value) else { continue }
            report.error("gateway.environment.\(entry.name)",
                         "\(entry.name) points the bridge-networked container at \(address), which inside the container is the container itself, not \(t.gateway.host)",
                         hint: "use host.docker.internal instead of \(address) (the compose file maps it to the host with `extra_hosts: host.docker.internal:host-gateway`), and let the service listen on the Docker bridge address as well as loopback")
        }
        for (i, secret) in t.secrets.enumerated() where t.gateway.secrets.contains(secret.name) {
            let key = secret.generate != nil ? "generate" : "instructions"
            guard let address = HostLoopback.address(in: secret.generate ?? secret.instructions ?? "") else { continue }
            report.error("secrets[\(i)].\(key)",
                         "secret \(secret.name) is read by the bridge-networked gateway container, but its value points at \(address), which inside the container is the container itself",
                         hint: "write host.docker.internal instead of \(address) (mapped with `extra_hosts: host.docker.internal:host-gateway`), and let the service listen on the Docker bridge address")
        }
        return report.items
    }

    /// Cloudflare closes a proxied request after ~100 s without a byte (error 524); a gateway or
    /// consumer that waits longer sees the edge's error instead of its own.
    static let timeoutsWithinEdge = Rule("timeouts-within-edge", reads: [.gateway, .consumers]) { t in
        var report = Report(t)
        let edge = EdgeTimeouts.proxyRead
        for longer in EdgeTimeouts.longerThanEdge(t) {
            switch longer.owner {
            case .gateway:
                report.warning(longer.keyPath,
                               "\(longer.variable)=\(longer.seconds) lets new-api wait \(longer.seconds) s for a silent upstream, but Cloudflare's edge closes the request after \(edge) s without a byte (error 524)",
                               hint: "lower \(longer.variable) to \(edge) or less so new-api ends the stream itself; or turn on new-api's ping keep-alive below \(edge) s; long jobs belong to a loopback consumer (the Enterprise plan alone can raise the edge's timeout)")
            case .consumer(let name):
                report.warning(longer.keyPath,
                               "\(name) waits up to \(longer.seconds) s (\(longer.variable)), but through the tunnel Cloudflare answers 524 after \(edge) s without a byte",
                               hint: "stream the responses (SSE bytes keep the request alive), keep \(longer.variable) at \(edge) or less so \(name)'s own retry fires first, or move \(name) onto the gateway host over loopback")
            }
        }
        return report.items
    }
}

/// Loopback addresses as they appear in URLs and DSNs (`postgres://u@127.0.0.1:5432/db`,
/// `redis://localhost:6379`, MySQL's `tcp(127.0.0.1:3306)`).
enum HostLoopback {
    static func address(in text: String) -> String? {
        let lower = text.lowercased()
        for marker in ["://", "@", "tcp("] {
            var rest = lower[...]
            while let range = rest.range(of: marker) {
                let after = rest[range.upperBound...]
                for candidate in ["127.0.0.1", "localhost", "[::1]", "127.0.1.1"] where after.hasPrefix(candidate) {
                    let next = after.dropFirst(candidate.count).first
                    if next == nil || next == ":" || next == "/" || next == ")" || next == "?" { return candidate }
                }
                rest = after
            }
        }
        return nil
    }
}
