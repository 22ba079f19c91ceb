import Formats
import Deployment
import TopologyModel

// The execution order's steps on the gateway host and the consumers, in the order they run; the
// Cloudflare steps between first run and the consumers are in RunbookDocument+Cloudflare.swift.
extension RunbookDocument {
    static func preflightStep(_ d: Deployment, binary: BinaryInstall?) -> (commands: String, portNotes: [String]) {
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
        switch binary {
        case nil: pre += ["# the cloudflared package repository", "curl -fsSI https://pkg.cloudflare.com/ >/dev/null && echo reachable"]
        case let install?:
            // One byte by GET: the download redirects to a URL signed for GET, which may refuse HEAD.
            pre += ["# the pinned cloudflared release", "curl -fsSL -r 0-0 -o /dev/null \(q(install.release.downloadURL)) && echo reachable"]
        }
        pre += ["docker compose version", "# nothing may own the unit name yet", "systemctl cat \(q(tunnel.unit)) 2>/dev/null && echo \(q("\(tunnel.unit) exists already"))" + " || true"]
        let portNotes = skipped.map { port in
            port == 9092
                ? "- Port 9092 is listed in \(code("preflight_ports"))\(t.plan == nil ? "" : " (the plan's metrics port)") but is **not checked**: new-api has no metrics or Prometheus endpoint and never opens 9092. Only \(code(String(gateway.port))) is published."
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
        let owner = gateway.owner
        // Every remote command is quoted word by word for the remote shell, then as one word for
        // the local one (Shell.remote): an owner such as `root; touch PWN #` stays one word.
        var boot = ["# on the workstation, in this folder",
                    Shell.remote(alias, words: ["install", "-d", "-m", "0755", "-o", owner, "-g", owner, "--", gateway.directory, gateway.dataDirectory]),
                    Shell.remote(alias, words: ["install", "-m", "0644", "-o", owner, "-g", owner, "/dev/stdin", gateway.directory + "/docker-compose.yml"]) + " < \(q(composeFile))",
                    "# the boot-time secrets, generated on \(Visible.line(gateway.host)) itself (\(d.paths.envExample) documents the file)",
                    Shell.remote(alias, words: ["install", "-m", envMode, "-o", owner, "-g", owner, "/dev/null", envPath])]
        for secret in bootSecrets {
            guard let env = secret.env, Dotenv.isValidName(env) else { continue }
            boot += bootLines(secret, env: env, alias: alias, envPath: envPath)
        }
        return Markdown.block(boot)
    }

    /// A generator topogen knows runs on the host and its output goes into the file; any other
    /// command, instructions, or a provided value is obtained by a person and pasted at a
    /// prompt: never run inside `$(...)`.
    static func bootLines(_ secret: Secret, env: String, alias: String, envPath: String) -> [String] {
        let q = Shell.quoted
        if case .command(let command)? = secret.obtain, secret.providedBy == nil, let generator = generatorWords(command) {
            return [Shell.remote(alias, "printf \"%s=%s\\n\" " + Shell.quoted(env) + " \"$(\(Shell.command(generator)))\" >> \(q(envPath))")]
        }
        let how: String
        switch secret.obtain {
        case .command(let command)? where secret.providedBy == nil: how = "run \(command) yourself"
        default: how = secret.howToObtain
        }
        return Comment.lines("\(env): \(how); paste the value at the prompt (it is not echoed)")
            + [Shell.remote(alias, "IFS= read -rs value && printf \"%s=%s\\n\" " + Shell.quoted(env) + " \"$value\" >> \(q(envPath))", options: ["-t"])]
    }

    /// `openssl rand -hex 32` and its `-base64` twin: the only `generate` text the runbook runs
    /// on a host. Anything else is a description for a person (a profile could say anything there).
    static func generatorWords(_ text: String) -> [String]? {
        let words = text.unicodeScalars.split(separator: " ").map { String(String.UnicodeScalarView($0)) }
        guard words.count == 4, words[0] == "openssl", words[1] == "rand", ["-hex", "-base64"].contains(words[2]),
              words[3].unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }), let bytes = Int(words[3]), (8...512).contains(bytes) else { return nil }
        return words
    }

    static func startStep(_ d: Deployment) -> String {
        let t = d.topology
        let gateway = t.gateway
        let q = Shell.quoted
        return Markdown.block([
            "cd \(q(gateway.directory))",
            "docker compose pull && docker compose up -d",
            "# boot fetches nothing (the tokenizer is embedded); the healthcheck allows \(gateway.healthcheck.startPeriod.goDuration) to start",
            "curl -fsS \(q(t.gatewayOrigin + gateway.healthcheck.path))    # {\"success\":true,...}",
            "docker inspect --format '{{.State.Health.Status}}' -- \(q(gateway.containerName))    # healthy",
        ])
    }

    /// The first-run checklist's facts; the words are in templates/runbook/first-run.mustache.
    struct FirstRun {
        struct Token { let obtain: String; let store: String; let users: String }
        let unitStep: Int
        let publicURL: String
        /// How to store the admin password (zero or one entry: only when the profile names it).
        let adminStore: [String]
        /// The upstream providers to add as channels, as one entry; none when the profile lists
        /// none (a list, because Mustache takes an empty string for true).
        let upstreams: [String]
        let tokens: [Token]
    }

    /// First run, over loopback: the setup wizard makes whoever finishes it root, so it is done
    /// before step `n.unit` puts the hostname live.
    static func firstRunStep(_ d: Deployment, n: Numbers, publicURL: String) -> (tunnel: String, checklist: FirstRun) {
        let t = d.topology
        let gateway = t.gateway
        let firstRunTunnel = Markdown.block([
            "# on the workstation; leave it running, then open http://127.0.0.1:\(gateway.port)/",
            Shell.remote(d.gatewaySSHAlias, "", options: ["-N", "-L", "\(gateway.port):\(gateway.bind):\(gateway.port)"]),
        ])
        let tokens = apiSecrets(d).map { secret in
            FirstRun.Token(obtain: obtainStep(secret), store: RunbookDocument.storeInstruction(secret, account: secret.name, topology: t),
                           users: RunbookDocument.users(of: secret, in: t).joined(separator: "; "))
        }
        let checklist = FirstRun(
            unitStep: n.unit, publicURL: Markdown.code(publicURL),
            adminStore: t.secret(named: gateway.adminSecret).map { [RunbookDocument.storeInstruction($0, account: "admin", topology: t)] } ?? [],
            upstreams: gateway.upstreams.isEmpty ? [] : [gateway.upstreams.map(Markdown.cell).joined(separator: ", ")], tokens: tokens)
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
