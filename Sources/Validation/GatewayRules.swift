import TopologyModel

/// The gateway container: where it listens and what it may use.
enum GatewayRules {
    static let all: [Rule] = [loopbackWhenTunnelOnly, portsInRange, uniquePortsPerHost, cpusFitHost, noProxyVariables,
                              healthcheckPath, logRotation]

    /// With the tunnel as the only ingress, a port on 0.0.0.0 would be a second, unguarded door.
    static let loopbackWhenTunnelOnly = Rule("gateway-binds-loopback", reads: [.gateway]) { t in
        var report = Report(t)
        let bind = t.gateway.bind
        if !(bind == "127.0.0.1" || bind == "::1" || bind.hasPrefix("127.")) {
            report.error("gateway.bind", "the gateway publishes on \(bind), bypassing the tunnel and Access",
                         hint: "bind to 127.0.0.1: public traffic must arrive through cloudflared only")
        }
        return report.items
    }

    static let portsInRange = Rule("ports-in-range", reads: [.gateway]) { t in
        var report = Report(t)
        for (key, port) in [("gateway.port", t.gateway.port), ("gateway.container_port", t.gateway.containerPort)]
        where !(1...65535).contains(port) {
            report.error(key, "\(port) is not a TCP port", hint: "use a number from 1 to 65535")
        }
        return report.items
    }

    /// Ports already taken on the gateway's host (by workloads) cannot be published again.
    static let uniquePortsPerHost = Rule("unique-ports-per-host", reads: [.hosts, .gateway]) { t in
        var report = Report(t)
        guard let index = t.hosts.firstIndex(where: { $0.name == t.gateway.host }) else { return [] }
        for (w, workload) in t.hosts[index].workloads.enumerated() where workload.ports.contains(t.gateway.port) {
            report.error("gateway.port", "port \(t.gateway.port) is already used by \(workload.name) on \(t.gateway.host) (hosts[\(index)].workloads[\(w)])",
                         hint: "choose a free port, and update tunnel.origin to match")
        }
        return report.items
    }

    static let cpusFitHost = Rule("cpus-fit-host", reads: [.hosts, .gateway]) { t in
        var report = Report(t)
        let cpus = t.gateway.limits.cpus
        guard let value = Double(cpus), value > 0, cpus.allSatisfy({ $0.isNumber || $0 == "." }) else {
            report.error("gateway.limits.cpus", "'\(cpus)' is not a positive decimal", hint: "write it as Compose does, e.g. \"0.50\"")
            return report.items
        }
        if let host = t.gatewayHost, let vcpus = host.vcpus, value > Double(vcpus) {
            report.error("gateway.limits.cpus", "the cap of \(cpus) CPUs exceeds \(host.name)'s \(vcpus) vCPU",
                         hint: "cap at most \(vcpus)")
        }
        return report.items
    }

    /// v2 runs where egress is unfiltered; a proxy variable is a v1 leftover that would route
    /// every upstream call through a relay that no longer serves it.
    static let noProxyVariables = Rule("no-proxy-variables", reads: [.gateway]) { t in
        var report = Report(t)
        for entry in t.gateway.environment where proxyVariables.contains(entry.name.uppercased()) {
            report.error("gateway.environment.\(entry.name)", "proxy variable \(entry.name) set on the gateway",
                         hint: "remove it: the gateway's host reaches the upstream providers directly")
        }
        return report.items
    }

    static let proxyVariables: Set<String> = ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "RELAY_PROXY", "USER_CONTENT_REQUEST_PROXY"]

    /// `/` is the web UI (always 200 while the process lives); `/api/status` reports success.
    static let healthcheckPath = Rule("healthcheck-path", reads: [.gateway]) { t in
        var report = Report(t)
        let check = t.gateway.healthcheck
        if !check.path.hasPrefix("/") {
            report.error("gateway.healthcheck.path", "'\(check.path)' is not an absolute path", hint: "use /api/status")
        } else if check.path != "/api/status" {
            report.warning("gateway.healthcheck.path", "the healthcheck probes \(check.path); new-api's cheap status endpoint is /api/status",
                           hint: "use /api/status: it answers {\"success\":true} without touching the database")
        }
        if check.timeout >= check.interval {
            report.error("gateway.healthcheck.timeout", "timeout \(check.timeout) is not shorter than the interval \(check.interval)",
                         hint: "keep timeout below interval")
        }
        if check.retries < 1 {
            report.error("gateway.healthcheck.retries", "retries must be at least 1", hint: "use 3")
        }
        return report.items
    }

    static let logRotation = Rule("log-rotation", reads: [.gateway]) { t in
        var report = Report(t)
        if t.gateway.logging.maxFiles < 1 {
            report.error("gateway.logging.max_files", "max_files must be at least 1", hint: "use 3")
        }
        return report.items
    }
}
