import Formats
import Deployment
import TopologyModel

// The execution order's steps on the gateway host and the consumers, in the order they run; the
// Cloudflare steps between first run and the consumers are in RunbookDocument+Cloudflare.swift.
extension RunbookDocument {
    static func preflightStep(_ d: Deployment) -> (commands: String, portNotes: [String]) {
        let t = d.topology
        let gateway = t.gateway
        let tunnel = t.tunnel
        let q = Shell.quoted
        let code = Markdown.code
        let checked = [gateway.port]
        let skipped = gateway.preflightPorts.filter { $0 != gateway.port }
        var pre = ["# memory: the \"available\" column must stay well above the \(gateway.limits.memory.spelling) cap",
                   "free -m", "swapon --show",
                   "# ports: each must print nothing"]
        pre += checked.map { "ss -Hltn \(q("sport = :\($0)"))" }
        switch tunnel.install {
        case .apt: pre += ["# the cloudflared package repository", "curl -fsSI https://pkg.cloudflare.com/ >/dev/null && echo reachable"]
        case .binary: pre += ["# the cloudflared release downloads", "curl -fsSI https://github.com/cloudflare/cloudflared/releases/latest >/dev/null && echo reachable"]
        }
        pre += ["docker compose version", "# nothing may own the unit name yet", "systemctl cat \(q(tunnel.unit)) 2>/dev/null && echo \(q("\(tunnel.unit) exists already"))" + " || true"]
        let portNotes = skipped.map { port in
            port == 9092
                ? "- Port 9092 is listed in \(code("preflight_ports")) (the plan's metrics port) but is **not checked**: new-api has no metrics or Prometheus endpoint and never opens 9092. Only \(code(String(gateway.port))) is published."
                : "- Port \(port) is listed in \(code("preflight_ports")) but is **not checked**: new-api does not listen on it (it publishes only \(code(String(gateway.port))))."
        }
        return (Markdown.block(pre), portNotes)
    }

    /// The compose file's path is whatever the compose artifact plans.
    static func bootstrapStep(_ d: Deployment) -> String {
        let t = d.topology
        let gateway = t.gateway
        let alias = d.gatewaySSHAlias
        let q = Shell.quoted
        let envPath = d.paths.envInstall
        let composeFile = d.paths.compose
        let bootSecrets = gateway.secrets.compactMap(t.secret(named:)).filter { $0.env != nil }
        let envMode = bootSecrets.compactMap(\.mode).first ?? "0600"
        var boot = ["# on the workstation, in this folder",
                    "ssh \(q(alias)) \(q("install -d -m 0755 -o \(gateway.owner) -g \(gateway.owner) \(Shell.command([gateway.directory, gateway.dataDirectory]))"))",
                    "ssh \(q(alias)) \(q("install -m 0644 -o \(gateway.owner) -g \(gateway.owner) /dev/stdin \(Shell.quoted(gateway.directory + "/docker-compose.yml"))")) < \(q(composeFile))",
                    "# the boot-time secrets, generated on \(gateway.host) itself (\(d.paths.envExample) documents the file)",
                    "ssh \(q(alias)) \(q("install -m \(envMode) -o \(gateway.owner) -g \(gateway.owner) /dev/null \(q(envPath))"))"]
        for secret in bootSecrets {
            boot.append("ssh \(q(alias)) \(q("printf \"\(secret.env!)=%s\\n\" \"$(\(secret.generate))\" >> \(q(envPath))"))")
        }
        return Markdown.block(boot)
    }

    static func startStep(_ d: Deployment) -> String {
        let t = d.topology
        let gateway = t.gateway
        let q = Shell.quoted
        return Markdown.block([
            "cd \(q(gateway.directory))",
            "docker compose pull && docker compose up -d",
            "# new-api listens only after loading its tokenizer files; allow up to \(gateway.healthcheck.startPeriod.goDuration)",
            "curl -fsS \(q(t.gatewayOrigin + gateway.healthcheck.path))    # {\"success\":true,...}",
            "docker inspect --format '{{.State.Health.Status}}' \(q(gateway.containerName))    # healthy",
        ])
    }

    /// First run, over loopback: the setup wizard makes whoever finishes it root, so it is done
    /// before step `n.unit` puts the hostname live.
    static func firstRunStep(_ d: Deployment, n: Numbers, publicURL: String) -> (tunnel: String, checklist: [String]) {
        let t = d.topology
        let gateway = t.gateway
        let q = Shell.quoted
        let code = Markdown.code
        let cell = Markdown.cell
        let firstRunTunnel = Markdown.block([
            "# on the workstation; leave it running, then open http://127.0.0.1:\(gateway.port)/",
            "ssh -N -L \(gateway.port):\(gateway.bind):\(gateway.port) \(q(d.gatewaySSHAlias))",
        ])
        var checklist = [
            "- [ ] The page opens on the setup wizard (\(code("/setup"))). new-api since v0.6.0.10 creates no default account: the plan's \(code("admin / 123456")) login no longer exists, and the wizard takes no authentication, so **whoever completes it first becomes root**. Complete it now, over the SSH tunnel, before step \(n.unit) puts \(code(publicURL)) live.",
        ]
        if let admin = t.secret(named: gateway.adminSecret) {
            checklist.append("- [ ] Create the admin account and save its password: \(RunbookDocument.storeInstruction(admin, account: "admin", topology: t)).")
        }
        checklist += [
            "- [ ] Settings → General: disable public registration.",
            "- [ ] Settings → General: set the server address (site URL) to \(code(publicURL)).",
        ]
        if gateway.upstreams.isEmpty {
            checklist.append("- [ ] Channels: add the upstream providers (the profile lists none under \(code("gateway.upstreams"))).")
        } else {
            checklist.append("- [ ] Channels: add " + gateway.upstreams.map(cell).joined(separator: ", ") + ".")
        }
        for secret in apiSecrets(d) {
            let users = RunbookDocument.users(of: secret, in: t).joined(separator: "; ")
            checklist.append("- [ ] \(cell(secret.generate)); save it: \(RunbookDocument.storeInstruction(secret, account: secret.name, topology: t)). Used by \(users).")
        }
        return (firstRunTunnel, checklist)
    }

    /// The consumers' own secrets (not an Access service token's halves), once each, in consumer
    /// order: the first-run checklist has each one made and stored.
    static func apiSecrets(_ d: Deployment) -> [Secret] {
        let t = d.topology
        let accessSecrets = Set(t.access.serviceTokens.flatMap { [$0.clientIDSecret, $0.clientSecretSecret] })
        var names: [String] = []
        for consumer in t.consumers {
            for variable in consumer.variables {
                if case .secret(let name) = variable.value, !accessSecrets.contains(name), !names.contains(name) { names.append(name) }
            }
        }
        return names.compactMap(t.secret(named:))
    }

    static func consumerSteps(_ d: Deployment) -> [ConsumerStep] {
        let t = d.topology
        let gateway = t.gateway
        let q = Shell.quoted
        let code = Markdown.code
        return t.consumers.map { consumer in
            let consumerHost = t.host(named: consumer.host)
            let rows: [[String]] = consumer.variables.map { variable in
                let resolved = try? ConsumerValues.resolve(variable, of: consumer, in: t)
                let from: String
                switch variable.value {
                case .baseURL: from = "derived (\(consumer.reach.rawValue))"
                case .secret(let name): from = t.secret(named: name).map { RunbookDocument.place(of: $0) } ?? "?"
                case .accessHeadersJSON(let token): from = "service token \(code(token)), from the keychain entries above"
                case .literal: from = "fixed in the profile"
                }
                return [code(variable.name), code(resolved?.value ?? "?"), from]
            }
            let reach = consumer.reach == .tunnel ? "through the tunnel and Access" : "over \(code(gateway.host))'s loopback, in the host's network namespace"
            return ConsumerStep(
                consumerHeading: "#### \(consumer.name) on \(consumer.host)",
                consumerIntro: "Reaches the gateway \(reach). Merge \(code(d.paths.consumerEnv(consumer))) into \(code(consumer.envFile)) on \(code(consumer.host)) (\(code("ssh \(d.sshAlias(forHost: consumer.host))"))), fill each placeholder, keep the file at mode 600, then restart \(code(consumer.name)).",
                variablesTable: Markdown.table(["variable", "value in the generated file", "fill from"], rows),
                consumerCommands: Markdown.block([
                    "ssh \(q(d.sshAlias(forHost: consumer.host))) \(q("chmod 600 \(consumer.envFile)"))",
                ]))
        }
    }

    /// Zero or one step: it exists only when a workload is marked `remove`.
    static func removeStep(_ removals: [(TopologyModel.Host, Workload)], number: Int) -> [RemoveStep] {
        removals.isEmpty ? [] : [RemoveStep(
            removeHeading: "### \(number). Remove what this deployment retires",
            removeEntries: removals.map { RunbookDocument.entry($0.1, on: $0.0) })]
    }

    static func verificationStep(_ d: Deployment) -> (verify: String, liveTail: String) {
        let t = d.topology
        let credentialsNeeded = GatewayCredentials(t)
        let verify = Markdown.block(["# on the workstation, in this folder"]
            + credentialsNeeded.all.map { OperatorCommands.export($0, topology: t) }
            + ["bash \(d.paths.verifyScript)    # VERIFY_MODEL=<model> to stream from another model"])
        return (verify, Markdown.block(OperatorCommands.liveTail(t)))
    }
}
