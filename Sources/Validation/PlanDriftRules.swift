import TopologyModel

/// Facts where the deployment plan drifted from itself or from what new-api and cloudflared
/// really do. The generated files follow the facts; these warnings tell the user why.
enum PlanDriftRules {
    static let all: [Rule] = [preflightPortsTheGatewayDoesNotUse, serviceInstallUnitName, unitNameClash, unpinnedImage, obsoleteTokenizerCache]

    /// new-api listens on its HTTP port only (plus pprof on 8005 when ENABLE_PPROF=true); it
    /// has no Prometheus endpoint, so the plan's metrics port 9092 is never opened.
    static let preflightPortsTheGatewayDoesNotUse = Rule("preflight-ports", reads: [.gateway]) { t in
        var report = Report(t)
        for (i, port) in t.gateway.preflightPorts.enumerated() where port != t.gateway.port {
            let why = port == 9092 ? "new-api has no metrics port 9092 (no Prometheus endpoint exists in its code)"
                : "the gateway does not listen on \(port)"
            report.warning("gateway.preflight_ports[\(i)]", "\(why); the pre-flight check skips it",
                           hint: "remove \(port) from preflight_ports")
        }
        return report.items
    }

    /// `cloudflared service install <TOKEN>` always writes /etc/systemd/system/cloudflared.service.
    static let serviceInstallUnitName = Rule("service-install-unit-name", reads: [.plan, .tunnel]) { t in
        var report = Report(t)
        // Drift from a plan that says to run it: a profile with no plan that names its own unit
        // is doing exactly what it should, and the RUNBOOK tells every profile not to run it.
        if t.plan != nil, t.tunnel.mode == .remote, t.tunnel.unit != "cloudflared.service" {
            report.warning("tunnel.unit", "the plan's `cloudflared service install <TOKEN>` would register cloudflared.service, not \(t.tunnel.unit); the RUNBOOK installs the generated, hardened \(t.tunnel.unit) instead",
                           hint: "do not run `cloudflared service install`; follow the RUNBOOK's tunnel step")
        }
        return report.items
    }

    /// Two units of one name on a host (system and --user scope) make every `systemctl status`
    /// and `journalctl -u` ambiguous for whoever is on call.
    static let unitNameClash = Rule("unit-name-clash", reads: [.hosts, .gateway, .tunnel]) { t in
        var report = Report(t)
        guard let index = t.hosts.firstIndex(where: { $0.name == t.gateway.host }) else { return [] }
        for (w, workload) in t.hosts[index].workloads.enumerated() where workload.unit == t.tunnel.unit {
            report.error("tunnel.unit", "\(t.tunnel.unit) is also the unit of \(workload.name) on \(t.gateway.host) (hosts[\(index)].workloads[\(w)])",
                         hint: "give the gateway's tunnel its own unit name, e.g. \(t.gateway.name)-cloudflared.service")
        }
        return report.items
    }

    /// Upstream pushes `latest` on every tag, release candidates included (one rc raised
    /// resident memory from ~75 MB to ~1.8 GB).
    static let unpinnedImage = Rule("unpinned-image", reads: [.gateway]) { t in
        var report = Report(t)
        if t.gateway.tag == "latest" {
            report.warning("gateway.tag", "the image tag 'latest' moves with every upstream tag, pre-releases included",
                           hint: "pin a tested tag (or @sha256 digest) in the profile, or with \(t.gateway.name.uppercased())_IMAGE in the host's .env")
        }
        return report.items
    }

    /// Since mid-2025 new-api counts tokens with a tokenizer whose vocabularies are compiled in;
    /// nothing reads the tokenizer cache variables any more, and boot fetches nothing.
    static let obsoleteTokenizerCache = Rule("obsolete-tokenizer-cache", reads: [.gateway]) { t in
        var report = Report(t)
        for entry in t.gateway.environment where ["TIKTOKEN_CACHE_DIR", "DATA_GYM_CACHE_DIR"].contains(entry.name) {
            report.warning("gateway.environment.\(entry.name)",
                           "\(entry.name) does nothing in new-api builds since 2025-06: the tokenizer's vocabularies are embedded, so nothing is downloaded or cached",
                           hint: "remove it (a credential-shaped name that only draws linter findings)")
        }
        return report.items
    }
}
