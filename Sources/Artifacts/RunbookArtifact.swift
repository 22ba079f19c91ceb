import Foundation
import TopologyModel

/// `RUNBOOK.md`: the plan's execution order, first-run checklist, verification, upgrade and
/// cleanup decisions, rewritten from the model for one profile, with the corrections the
/// research found (no default admin since new-api v0.6.0.10, no metrics port 9092, the
/// generated unit instead of `cloudflared service install`). Tables (budget, ownership,
/// secrets, risks) are computed, and a Mermaid diagram draws the request path.
public struct RunbookArtifact: Artifact {
    public init() {}
    public var name: String { "runbook" }
    static let template = "RUNBOOK.md"
    public static let path = "RUNBOOK.md"

    public func plan(_ topology: Topology) throws -> [PlannedFile] {
        let document = RunbookDocument(topology)
        return [PlannedFile(path: Self.path, template: Self.template, context: document, verify: { text in
            do {
                try Markdown.check(text, requiredHeadings: document.requiredHeadings)
            } catch let problem as Markdown.Problem {
                throw RoundTripFailure(template: "templates/\(Self.template).mustache", line: problem.line, message: problem.message)
            }
        })]
    }
}

struct RunbookDocument {
    struct Numbers {
        let preflight: Int, bootstrap: Int, start: Int, firstRun: Int, terraform: Int, dashboard: Int
        let install: Int, credentials: Int, unit: Int, consumers: Int, verify: Int
    }

    struct HostOwnership {
        let hostHeading: String
        let ownershipTable: String
    }

    struct ConsumerStep {
        let consumerHeading: String
        let consumerIntro: String
        let variablesTable: String
        let consumerCommands: String
    }

    struct WorkloadEntry {
        let entryTitle: String
        let entryLines: [String]
        /// Zero or one code block.
        let entryCommands: [String]
    }

    struct WorkloadGroup {
        let groupHeading: String
        let groupIntro: String
        let entries: [WorkloadEntry]
    }

    struct RemoveStep {
        let removeHeading: String
        let removeEntries: [WorkloadEntry]
    }

    let header: String
    let profile: String
    let summary: String
    let profilePath: String
    let n: Numbers
    let gatewayHost: String
    let ssh: String
    let directory: String
    let unit: String
    let unitStem: String
    let publicURL: String

    let namesTable: String
    let diagram: String
    let budgetTable: String
    let budgetNotes: [String]
    let ownership: [HostOwnership]
    let secretsTable: String

    let preflight: String
    let portNotes: [String]
    let bootstrap: String
    let start: String
    let firstRunTunnel: String
    let firstRunChecklist: [String]
    let terraform: String
    let terraformOutputs: [String]
    let terraformCovers: [String]
    let dashboardOnly: [String]
    let cloudflaredInstall: String
    let credentials: String
    let credentialNotes: [String]
    let unitInstall: String
    let whyNotServiceInstall: [String]
    let consumerSteps: [ConsumerStep]
    let removeStep: [RemoveStep]
    let verify: String
    let liveTail: String
    let upgrade: String
    let rollback: [String]
    let cloudflaredUpgrade: String
    let workloadGroups: [WorkloadGroup]
    let risksTable: String

    /// Headings the oracle requires, in order.
    let requiredHeadings: [String]

    // swiftlint:disable:next function_body_length
    init(_ t: Topology) {
        let gateway = t.gateway
        let tunnel = t.tunnel
        let host = t.gatewayHost
        let alias = host?.ssh ?? gateway.host
        let q = Shell.quoted
        let code = Markdown.code
        let cell = Markdown.cell
        let mib = { (bytes: Int64) in ByteSize.format(Double(bytes) / 1_048_576) + " MiB" }
        let envPath = "\(gateway.directory)/.env"
        let installPath = SystemdUnitArtifact.installPath(tunnel)
        let publicHost = t.gatewayHostnames.first?.name ?? t.zone.name
        let emailSurfaces = t.access.surfaces.filter { $0.policy == .emailOTP }
        let clash = (host?.workloads ?? []).filter { $0.unit == "cloudflared.service" }
        let accessSecrets = Set(t.access.serviceTokens.flatMap { [$0.clientIDSecret, $0.clientSecretSecret] })
        let apiSecrets: [Secret] = {
            var names: [String] = []
            for consumer in t.consumers {
                for variable in consumer.variables {
                    if case .secret(let name) = variable.value, !accessSecrets.contains(name), !names.contains(name) { names.append(name) }
                }
            }
            return names.compactMap(t.secret(named:))
        }()
        let removals = t.hosts.flatMap { h in h.workloads.filter { $0.status == .remove }.map { (h, $0) } }

        header = (["<!--"] + GeneratedHeader.lines(t, template: RunbookArtifact.template) + ["-->"]).joined(separator: "\n")
        profile = t.name
        summary = t.summary
        profilePath = t.profilePath
        gatewayHost = gateway.host
        ssh = alias
        directory = gateway.directory
        unit = tunnel.unit
        unitStem = tunnel.unitStem
        publicURL = "https://\(publicHost)"

        var number = 0
        func next() -> Int { number += 1; return number }
        n = Numbers(preflight: next(), bootstrap: next(), start: next(), firstRun: next(), terraform: next(), dashboard: next(),
                    install: next(), credentials: next(), unit: next(), consumers: next(),
                    verify: { if !removals.isEmpty { _ = next() }; return next() }())
        let removeNumber = n.consumers + 1

        // Names: every name this runbook uses, in one place.
        var names: [[String]] = [
            ["gateway host", "\(code(gateway.host)) (\(code("ssh \(alias)")))" + (host.map { ", \(cell($0.provider)), \(cell($0.region))" } ?? "")],
            ["gateway", "new-api, container \(code(gateway.containerName)), compose project \(code(gateway.name)) in \(code(gateway.directory))"],
            ["image", "\(code(gateway.defaultImageReference)) unless \(code(EnvNames.imageVariable(gateway))) in \(code(envPath)) pins another"],
            ["listens on", "\(code(t.gatewayOrigin)) on \(code(gateway.host)) only"],
            ["public base URL", code(t.baseURL(for: .tunnel))],
            ["tunnel", "\(code(tunnel.name)), \(tunnel.mode.rawValue)ly managed" + (tunnel.mode == .remote ? " (ingress at Cloudflare, token on the host)" : " (ingress in \(code(tunnel.configPath)))")],
            ["connector unit", "\(code(tunnel.unit)), a system unit at \(code(installPath))"],
            ["its journal", code("journalctl -u \(tunnel.unitStem)")],
            ["cloudflared binary", "\(code(tunnel.binary)) (\(tunnel.install.rawValue))"],
        ]
        if t.baseURL(for: .loopback) != t.baseURL(for: .tunnel), t.consumers.contains(where: { $0.reach == .loopback }) {
            names.insert(["loopback base URL", "\(code(t.baseURL(for: .loopback))) (processes on \(code(gateway.host)) only)"], at: 5)
        }
        namesTable = Markdown.table(["what", "name"], names)
        diagram = RunbookDocument.diagram(t)

        // §1 budget.
        var budget: [[String]] = []
        let workloads = host?.workloads ?? []
        for workload in workloads {
            budget.append([cell(workload.name), cell(workload.owner), code(workload.status.rawValue),
                           workload.memory.map { mib($0.bytes) } ?? "not measured"])
        }
        let held = host?.workloadMemory ?? 0
        let cap = gateway.limits.memory.bytes
        budget.append(["**existing workloads**", "", "", "**\(mib(held))**"])
        budget.append(["\(cell(gateway.name)) cap (\(code("mem_limit: \(gateway.limits.memory.spelling)")))", cell(gateway.owner), "new", mib(cap)])
        budget.append(["**total**", "", "", "**\(mib(held + cap))**"])
        var notes: [String] = []
        if let ram = host?.memory {
            let headroom = ram.bytes - held - cap
            let share = ByteSize.format(Double(headroom) / Double(ram.bytes) * 100)
            budget.append(["host RAM (\(cell(gateway.host))\(host?.vcpus.map { ", \($0) vCPU" } ?? ""))", "", "", mib(ram.bytes)])
            budget.append(["**headroom**", "", "", "**\(mib(headroom)) (\(share) % of RAM)**"])
            let freed = workloads.filter { $0.status == .decommission || $0.status == .remove }
            let freedBytes = freed.compactMap { $0.memory?.bytes }.reduce(0, +)
            if freedBytes > 0 {
                let after = headroom + freedBytes
                notes.append("- Once \(freed.map { code($0.name) }.joined(separator: ", ")) (\(freed.map { $0.status.rawValue }.joined(separator: ", "))) \(freed.count == 1 ? "is" : "are") gone, the headroom is \(mib(after)) (\(ByteSize.format(Double(after) / Double(ram.bytes) * 100)) % of RAM).")
            }
            if headroom < 0 {
                notes.insert("- **The cap does not fit**: the host is \(mib(-headroom)) short before the gateway even starts.", at: 0)
            }
        } else {
            budget.append(["host RAM", "", "", "not in the profile"])
            notes.append("- The profile does not give \(code(gateway.host))'s memory, so no headroom can be computed.")
        }
        if let swap = host?.swapInUse {
            budget.append(["swap in use", "", "", mib(swap.bytes) + (host?.swap.map { " of \(mib($0.bytes))" } ?? "")])
            notes.append("- \(mib(swap.bytes)) of swap is already in use: the host is memory-pressured before the gateway arrives.")
        }
        if !gateway.limits.swap {
            notes.append("- \(code("memswap_limit")) equals \(code("mem_limit")): the container never swaps; the kernel OOM-kills it instead (plan §1). If that happens often under real load, upsize the host rather than relax the cap.")
        }
        notes.append("- CPU: capped at \(gateway.limits.cpus)\(host?.vcpus.map { " of \($0) vCPU" } ?? "").")
        budgetTable = Markdown.table(["workload", "owner", "status", "memory"], budget)
        budgetNotes = notes

        ownership = t.hosts.map { h in
            HostOwnership(hostHeading: "### \(h.name) (\(code("ssh \(h.ssh)")))",
                          ownershipTable: Markdown.table(["user", "owns", "note"], h.users.map { user in
                              [code(user.name), user.owns.isEmpty ? "nothing in scope" : user.owns.map(cell).joined(separator: "; "), cell(user.note ?? "")]
                          }))
        }

        secretsTable = Markdown.table(["secret", "kept in", "used by", "generate", "mode", "rotate"], t.secrets.map { secret in
            let place: String
            switch secret.store {
            case .keychain: place = "keychain entry \(code(secret.location))"
            case .file: place = "\(code(secret.location))" + (secret.host.map { " on \(code($0))" } ?? "")
            }
            return [code(secret.name), place, RunbookDocument.users(of: secret, in: t).joined(separator: "; "),
                    cell(secret.generate), secret.mode.map(code) ?? "—", cell(secret.rotate)]
        })

        // Step: pre-flight.
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
        preflight = Markdown.block(pre)
        portNotes = skipped.map { port in
            port == 9092
                ? "- Port 9092 is listed in \(code("preflight_ports")) (the plan's metrics port) but is **not checked**: new-api has no metrics or Prometheus endpoint and never opens 9092. Only \(code(String(gateway.port))) is published."
                : "- Port \(port) is listed in \(code("preflight_ports")) but is **not checked**: new-api does not listen on it (it publishes only \(code(String(gateway.port))))."
        }

        // Step: bootstrap. The compose file's path is whatever the compose artifact plans.
        let composeFile = (try? ComposeArtifact().plan(t).first?.path) ?? "deploy/\(gateway.name)-compose.yml"
        let bootSecrets = gateway.secrets.compactMap(t.secret(named:)).filter { $0.env != nil }
        let envMode = bootSecrets.compactMap(\.mode).first ?? "0600"
        var boot = ["# on the workstation, in this folder",
                    "ssh \(q(alias)) \(q("install -d -m 0755 -o \(gateway.owner) -g \(gateway.owner) \(Shell.command([gateway.directory, gateway.dataDirectory]))"))",
                    "ssh \(q(alias)) \(q("install -m 0644 -o \(gateway.owner) -g \(gateway.owner) /dev/stdin \(Shell.quoted(gateway.directory + "/docker-compose.yml"))")) < \(q(composeFile))",
                    "# the boot-time secrets, generated on \(gateway.host) itself (\(EnvExampleArtifact.path(gateway)) documents the file)",
                    "ssh \(q(alias)) \(q("install -m \(envMode) -o \(gateway.owner) -g \(gateway.owner) /dev/null \(q(envPath))"))"]
        for secret in bootSecrets {
            boot.append("ssh \(q(alias)) \(q("printf \"\(secret.env!)=%s\\n\" \"$(\(secret.generate))\" >> \(q(envPath))"))")
        }
        bootstrap = Markdown.block(boot)

        // Step: start.
        start = Markdown.block([
            "cd \(q(gateway.directory))",
            "docker compose pull && docker compose up -d",
            "# new-api listens only after loading its tokenizer files; allow up to \(gateway.healthcheck.startPeriod.goDuration)",
            "curl -fsS \(q(t.gatewayOrigin + gateway.healthcheck.path))    # {\"success\":true,...}",
            "docker inspect --format '{{.State.Health.Status}}' \(q(gateway.containerName))    # healthy",
        ])

        // Step: first run, over loopback.
        firstRunTunnel = Markdown.block([
            "# on the workstation; leave it running, then open http://127.0.0.1:\(gateway.port)/",
            "ssh -N -L \(gateway.port):\(gateway.bind):\(gateway.port) \(q(alias))",
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
        for secret in apiSecrets {
            let users = RunbookDocument.users(of: secret, in: t).joined(separator: "; ")
            checklist.append("- [ ] \(cell(secret.generate)); save it: \(RunbookDocument.storeInstruction(secret, account: secret.name, topology: t)). Used by \(users).")
        }
        firstRunChecklist = checklist

        // Step: Terraform.
        var tfVars = ["account_id", "zone_id", "cloudflare_api_token"]
        if !emailSurfaces.isEmpty { tfVars.append(TerraformConfiguration.otpVariable) }
        if tunnel.mode == .local { tfVars.append(TerraformConfiguration.tunnelSecretVariable) }
        var tf = ["cd \(TerraformArtifact.directory)",
                  "# inputs: see variables.tf.json; set them in the environment, never in a file"]
        tf += tfVars.map { variable in
            variable == TerraformConfiguration.tunnelSecretVariable
                ? "export TF_VAR_\(variable)=\"$(openssl rand -base64 32)\"    # keep it: later applies need the same value"
                : "read -rs TF_VAR_\(variable) && export TF_VAR_\(variable)"
        }
        tf += ["terraform init", "terraform plan -out tfplan", "terraform apply tfplan"]
        terraform = Markdown.block(tf)
        var outputs: [String] = []
        for token in t.access.serviceTokens {
            for (output, secretName) in [(TerraformNames.clientIDOutput(token, in: t.access), token.clientIDSecret),
                                         (TerraformNames.clientSecretOutput(token, in: t.access), token.clientSecretSecret)] {
                guard let secret = t.secret(named: secretName) else { continue }
                outputs.append("- \(code("terraform output -raw \(output)")) → \(RunbookDocument.storeInstruction(secret, account: token.name, topology: t))")
            }
        }
        terraformOutputs = outputs
        var covers = ["- Tunnel \(code(tunnel.name)) (\(code("config_src = \"\(tunnel.mode == .remote ? "cloudflare" : "local")\"")))."]
        let hostnames = t.gatewayHostnames.map { code($0.name) }.joined(separator: ", ")
        let request = tunnel.originRequest
        let originSettings = "connectTimeout \(request.connectTimeout), keepAliveTimeout \(request.keepAliveTimeout), noTLSVerify \(request.noTLSVerify), http2Origin \(request.http2Origin)"
        switch tunnel.mode {
        case .remote:
            covers.append("- Its ingress (the plan's \"Public Hostname\" step): \(hostnames) → \(code(tunnel.origin)) with \(originSettings), then a catch-all 404.")
        case .local:
            covers.append("- Not its ingress: in local mode that is \(code(CloudflaredConfigArtifact.path(t))) on the host (\(hostnames) → \(code(tunnel.origin)) with \(originSettings)).")
        }
        covers.append("- A proxied CNAME for \(hostnames) to the tunnel.")
        let settings = t.zone.settings
        covers.append("- Zone \(code(t.zone.name)): SSL/TLS \(settings.ssl.rawValue), Always Use HTTPS \(settings.alwaysUseHTTPS ? "on" : "off"), WebSockets \(settings.websockets ? "on" : "off"), HTTP/3 \(settings.http3 ? "on" : "off"). \"HTTP/2 to origin\" is the tunnel's \(code("http2Origin: \(request.http2Origin)")), not the zone-wide switch.")
        if !t.access.serviceTokens.isEmpty {
            covers.append("- Access service token" + (t.access.serviceTokens.count == 1 ? " " : "s ") + t.access.serviceTokens.map { "\(code($0.name)) (valid \($0.duration))" }.joined(separator: ", ") + ".")
        }
        for surface in t.access.surfaces {
            covers.append("- Access surface \(code(surface.name)): \(code(surface.hostname + (surface.isRoot ? "/" : surface.path))) → \(RunbookDocument.policyText(surface, t)).")
        }
        covers.append("- Everything no surface lists: " + (t.access.defaultPolicy == .deny ? "blocked by a WAF custom rule (default deny)." : "allowed (default allow)."))
        for limit in t.waf.rateLimits {
            covers.append("- WAF rate limit \(code(limit.name)) on \(code(limit.surface)): \(limit.requests) requests per \(limit.period) per IP, then \(limit.action.rawValue) for \(limit.mitigationTimeout).")
        }
        terraformCovers = covers
        var dashboard = [
            "- The Zero Trust organization (team domain) exists: a one-time account setup Terraform does not make.",
            "- An API token with the permissions in \(code("variables.tf.json")) (\(code("cloudflare_api_token"))), and the account and zone ids.",
        ]
        if !emailSurfaces.isEmpty {
            dashboard.append("- Zero Trust → Settings → Authentication: the One-time PIN login method is enabled; its id is \(code("TF_VAR_\(TerraformConfiguration.otpVariable)")). Admins: \(t.access.admins.map(code).joined(separator: ", ")).")
        }
        dashboard.append("- After step \(n.unit): Zero Trust → Networks → Tunnels shows \(code(tunnel.name)) as HEALTHY (a check; nothing to configure).")
        dashboardOnly = dashboard

        // Step: install cloudflared.
        switch tunnel.install {
        case .apt:
            cloudflaredInstall = Markdown.block([
                "curl -fsSL https://pkg.cloudflare.com/cloudflare-main.gpg | tee /usr/share/keyrings/cloudflare-main.gpg >/dev/null",
                "echo 'deb [signed-by=/usr/share/keyrings/cloudflare-main.gpg] https://pkg.cloudflare.com/cloudflared any main' | tee /etc/apt/sources.list.d/cloudflared.list",
                "apt-get update && apt-get install -y cloudflared",
                "\(q(tunnel.binary)) --version",
            ] + (tunnel.mode == .remote ? ["\(q(tunnel.binary)) tunnel run --help | grep -q -- --token-file && echo 'has --token-file'"] : []))
        case .binary:
            cloudflaredInstall = Markdown.block([
                "# pin a tested release: replace latest/download with download/<version>; arm64 hosts: cloudflared-linux-arm64",
                "curl -fL https://github.com/cloudflare/cloudflared/releases/latest/download/cloudflared-linux-amd64 -o \(q(tunnel.binary))",
                "chmod 0755 \(q(tunnel.binary))",
                "\(q(tunnel.binary)) --version",
            ] + (tunnel.mode == .remote ? ["\(q(tunnel.binary)) tunnel run --help | grep -q -- --token-file && echo 'has --token-file'"] : []))
        }

        // Step: credentials on the host.
        let placeholder = Tunnel.tunnelIDPlaceholder
        switch tunnel.mode {
        case .remote:
            let token = tunnel.tokenSecret.flatMap(t.secret(named:))
            let location = token?.location ?? "/etc/cloudflared/\(tunnel.name).token"
            let mode = token?.mode ?? "0600"
            let directory = (location as NSString).deletingLastPathComponent
            credentials = Markdown.block([
                "# on the workstation, in this folder: the token goes through a pipe, never onto a command line",
                "terraform -chdir=\(TerraformArtifact.directory) output -raw \(TerraformNames.tunnelTokenOutput) |",
                "  ssh \(q(alias)) \(q("install -d -m 0755 \(q(directory)) && install -m \(mode) -o root -g root /dev/stdin \(q(location))"))",
            ])
            credentialNotes = ["The token file stays root-only (\(code(mode))); the unit's \(code("LoadCredential=")) hands systemd's private copy to the service, which runs as a transient unprivileged user."]
        case .local:
            let config = tunnel.configPath
            credentials = Markdown.block([
                "# on the workstation, in this folder",
                "TUNNEL_UUID=\"$(terraform -chdir=\(TerraformArtifact.directory) output -raw \(TerraformNames.tunnelIDOutput))\"",
                "ssh \(q(alias)) \(q("install -d -m 0755 \(q(tunnel.configDirectory))"))",
                "terraform -chdir=\(TerraformArtifact.directory) output -raw \(TerraformNames.tunnelCredentialsOutput) |",
                "  ssh \(q(alias)) \"install -m 0400 -o root -g root /dev/stdin \(tunnel.configDirectory)/$TUNNEL_UUID.json\"",
                "sed \"s/\(placeholder)/$TUNNEL_UUID/g\" \(q(CloudflaredConfigArtifact.path(t))) |",
                "  ssh \(q(alias)) \(q("install -m 0644 -o root -g root /dev/stdin \(q(config))"))",
            ])
            credentialNotes = [
                "The config file must be world-readable (\(code("0644"))): the service runs as a transient unprivileged user (\(code("DynamicUser=yes"))) and reads it directly. It holds no secret.",
                "The credentials JSON stays root-only (\(code("0400"))); the unit's \(code("LoadCredential=")) hands systemd's private copy to the service.",
                "\(code(placeholder)) in the generated config and unit stands for the tunnel's UUID; the \(code("sed")) lines put in the real one.",
            ]
        }

        // Step: the unit.
        let source = SystemdUnitArtifact.path(tunnel)
        let copyUnit = "ssh \(q(alias)) \(q("install -m 0644 -o root -g root /dev/stdin \(q(installPath))"))"
        let unitLines = tunnel.mode == .local ? ["# TUNNEL_UUID as set in step \(n.credentials), in the same shell", "sed \"s/\(placeholder)/$TUNNEL_UUID/g\" \(q(source)) |", "  " + copyUnit]
                                              : [copyUnit + " < " + q(source)]
        unitInstall = Markdown.block(["# on the workstation, in this folder"] + unitLines + [
            "ssh \(q(alias)) \(q("systemctl daemon-reload && systemctl enable --now \(tunnel.unit)"))",
            "ssh \(q(alias)) \(q("systemctl status --no-pager \(tunnel.unit)"))",
            "# expect \"Registered tunnel connection\" lines",
            "ssh \(q(alias)) \(q("journalctl -u \(tunnel.unitStem) -n 50 --no-pager"))",
            "# exposure about 1.1 (CI fails above 2.5; the stock unit scores 9.6 UNSAFE)",
            "ssh \(q(alias)) \(q("systemd-analyze security \(tunnel.unit) | tail -n 1"))",
        ])
        var why = [
            "- It always writes \(code("/etc/systemd/system/cloudflared.service")): not \(code(tunnel.unit)), the name plan §2 and §9 (and this runbook, the verification script and every journal command) use.",
        ]
        if !clash.isEmpty {
            why.append("- \(code("cloudflared.service")) is already the name of " + clash.map { "\(code($0.name)) (owner \(code($0.owner)), \(cell($0.kind)))" }.joined(separator: ", ") + " on \(code(gateway.host)): two units of one name in the system and user scopes make every \(code("systemctl status cloudflared")) and \(code("journalctl -u cloudflared")) ambiguous.")
        }
        why += [
            "- Its unit has no sandboxing: \(code("systemd-analyze security")) rates it 9.6 UNSAFE; the generated one about 1.1, running as a transient user with the \(tunnel.mode == .remote ? "token" : "credentials") handed over by \(code("LoadCredential=")).",
            "- It also installs \(code("cloudflared-update.timer")), which replaces the binary and restarts the connector daily, outside any review; here \(tunnel.install == .apt ? "apt" : "the pinned binary") decides the version.",
        ]
        if tunnel.mode == .remote {
            why.append("- Before cloudflared 2026.7.2 it put the token on the \(code("ExecStart=")) command line, visible in \(code("ps")).")
        } else {
            why.append("- In local mode it copies the config to \(code("/etc/cloudflared/config.yml")), a second copy beside \(code(tunnel.configPath)) to drift from.")
        }
        whyNotServiceInstall = why

        // Step: consumers.
        consumerSteps = t.consumers.map { consumer in
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
                consumerIntro: "Reaches the gateway \(reach). Merge \(code(ConsumerEnvArtifact.path(consumer))) into \(code(consumer.envFile)) on \(code(consumer.host)) (\(code("ssh \(consumerHost?.ssh ?? consumer.host)"))), fill each placeholder, keep the file at mode 600, then restart \(code(consumer.name)).",
                variablesTable: Markdown.table(["variable", "value in the generated file", "fill from"], rows),
                consumerCommands: Markdown.block([
                    "ssh \(q(consumerHost?.ssh ?? consumer.host)) \(q("chmod 600 \(consumer.envFile)"))",
                ]))
        }

        removeStep = removals.isEmpty ? [] : [RemoveStep(
            removeHeading: "### \(removeNumber). Remove what this deployment retires",
            removeEntries: removals.map { RunbookDocument.entry($0.1, on: $0.0) })]

        // Step: verification.
        let credentialsNeeded = GatewayCredentials(t)
        verify = Markdown.block(["# on the workstation, in this folder"]
            + credentialsNeeded.all.map { OperatorCommands.export($0, topology: t) }
            + ["bash \(VerifyScriptArtifact.path)    # VERIFY_MODEL=<model> to stream from another model"])
        liveTail = Markdown.block(OperatorCommands.liveTail(t))

        // §10 upgrade and rollback.
        let imageVariable = EnvNames.imageVariable(gateway)
        upgrade = Markdown.block([
            "ssh \(q(alias))",
            "cd \(q(gateway.directory))",
            "# note what runs now, to roll back to it",
            "docker inspect --format '{{.Config.Image}} {{.Image}}' \(q(gateway.containerName))",
            "docker compose pull && docker compose up -d",
            "docker logs -f \(q(gateway.containerName))",
        ])
        rollback = [
            "- Pin the previous image: set \(code("\(imageVariable)=\(gateway.image):<previous tag>")) in \(code(envPath)), then \(code("docker compose up -d")). Data in \(code(gateway.dataDirectory)) survives both ways.",
            "- Upstream moves \(code("latest")) on every tag it pushes, release candidates included (one raised resident memory from ~75 MB to ~1.8 GB): pin a tested tag rather than follow \(code("latest")).",
        ]
        switch tunnel.install {
        case .apt:
            cloudflaredUpgrade = Markdown.block([
                "ssh \(q(alias)) \(q("apt-get update && apt-get install --only-upgrade -y cloudflared && systemctl restart \(tunnel.unit)"))",
                "# roll back: apt-get install cloudflared=<previous version> && systemctl restart \(tunnel.unit)",
            ])
        case .binary:
            cloudflaredUpgrade = Markdown.block([
                "ssh \(q(alias)) \(q("curl -fL https://github.com/cloudflare/cloudflared/releases/download/<version>/cloudflared-linux-amd64 -o \(tunnel.binary).new && chmod 0755 \(tunnel.binary).new && mv \(tunnel.binary).new \(tunnel.binary) && systemctl restart \(tunnel.unit)"))",
                "# roll back: the same with the previous <version>",
            ])
        }

        // Existing workloads, by decision (plan §11, §12).
        var groups: [WorkloadGroup] = []
        let order: [(Workload.Status, String, String)] = [
            (.decommission, "Decommission (a separate change, not blocking this deployment)", "Stop and remove soon; each frees its memory for the gateway."),
            (.audit, "Audit (owner or purpose unknown)", "Find out who runs it and whether it stays; nothing to do for this deployment."),
            (.keep, "Keep", "Stays as it is. Where the profile records how to remove one later, the commands are here."),
            (.remove, "Remove (part of this deployment)", "Removed in step \(removeNumber)."),
        ]
        for h in t.hosts {
            for (status, title, intro) in order {
                let matching = h.workloads.filter { $0.status == status }
                guard !matching.isEmpty else { continue }
                groups.append(WorkloadGroup(groupHeading: "### \(h.name): \(title)", groupIntro: intro,
                                            entries: matching.map { RunbookDocument.entry($0, on: h) }))
            }
        }
        workloadGroups = groups

        // Risks.
        var risks: [[String]] = []
        let retiring = workloads.filter { $0.status == .decommission || $0.status == .remove }.map { code($0.name) }.joined(separator: ", ")
        if let ram = host?.memory {
            let headroom = ram.bytes - held - cap
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
        risksTable = Markdown.table(["risk", "mitigation"], risks)

        requiredHeadings = [
            "# Runbook: \(t.name)",
            "## Names",
            "## Topology",
            "## Resource budget (plan §1)",
            "## Who owns what",
            "## Secrets",
            "## Execution order",
            "### \(n.preflight). Pre-flight on \(gateway.host)",
            "### \(n.firstRun). First run over loopback, before the hostname is live",
            "### \(n.unit). Install the generated \(tunnel.unit)",
            "### \(n.verify). End-to-end verification (plan §9)",
            "## Upgrade and rollback (plan §10)",
            "## Existing workloads",
            "## Risks",
        ]
    }

    static func policyText(_ surface: AccessSurface, _ t: Topology) -> String {
        switch surface.policy {
        case .serviceToken: return "service token \(Markdown.code(surface.serviceToken ?? "?")) (machines)"
        case .emailOTP: return "email one-time PIN for \(t.access.admins.map(Markdown.code).joined(separator: ", ")) (people)"
        case .deny: return "denied to everyone"
        }
    }

    static func place(of secret: Secret) -> String {
        switch secret.store {
        case .keychain: return "keychain entry \(Markdown.code(secret.location))"
        case .file: return Markdown.code(secret.location) + (secret.host.map { " on \(Markdown.code($0))" } ?? "")
        }
    }

    /// How to put a value into the secret's store without it landing on a command line.
    static func storeInstruction(_ secret: Secret, account: String, topology: Topology) -> String {
        switch secret.store {
        case .keychain:
            return Markdown.code("security add-generic-password -U -a \(Shell.quoted(account)) -s \(Shell.quoted(secret.location)) -w") + " (it prompts; paste the value)"
        case .file:
            let ssh = secret.host.flatMap(topology.host(named:))?.ssh ?? secret.host ?? "HOST"
            let command = "install -m \(secret.mode ?? "0600") /dev/stdin \(Shell.quoted(secret.location))"
            return Markdown.code("ssh \(Shell.quoted(ssh)) \(Shell.quoted(command))") + " (paste the value, then Ctrl-D)"
        }
    }

    /// Who reads a secret, named the way the rest of the runbook names them.
    static func users(of secret: Secret, in t: Topology) -> [String] {
        var users: [String] = []
        if t.gateway.secrets.contains(secret.name) {
            users.append("\(Markdown.code(t.gateway.containerName)) at boot" + (secret.env.map { " as \(Markdown.code($0))" } ?? ""))
        }
        if t.gateway.adminSecret == secret.name { users.append("the new-api admin login") }
        if t.tunnel.tokenSecret == secret.name { users.append("\(Markdown.code(t.tunnel.unit)) (\(Markdown.code("LoadCredential=")))") }
        for token in t.access.serviceTokens where token.clientIDSecret == secret.name || token.clientSecretSecret == secret.name {
            users.append("Access service token \(Markdown.code(token.name))")
        }
        for consumer in t.consumers {
            for variable in consumer.variables {
                switch variable.value {
                case .secret(let name) where name == secret.name:
                    users.append("\(Markdown.code(consumer.name)) as \(Markdown.code(variable.name))")
                case .accessHeadersJSON(let tokenName):
                    if let token = t.serviceToken(named: tokenName), token.clientIDSecret == secret.name || token.clientSecretSecret == secret.name {
                        users.append("\(Markdown.code(consumer.name)) in \(Markdown.code(variable.name))")
                    }
                default: break
                }
            }
        }
        return users.isEmpty ? ["nothing yet"] : users
    }

    static func entry(_ workload: Workload, on host: TopologyModel.Host) -> WorkloadEntry {
        var facts = ["owner \(Markdown.code(workload.owner))", Markdown.cell(workload.kind)]
        if let memory = workload.memory { facts.append(memory.mebibyteText) }
        if let unit = workload.unit { facts.append("unit \(Markdown.code(unit))") }
        if !workload.ports.isEmpty { facts.append("port" + (workload.ports.count == 1 ? " " : "s ") + workload.ports.map { Markdown.code(String($0)) }.joined(separator: ", ")) }
        var lines = ["- " + facts.joined(separator: ", ") + "."]
        if let note = workload.note { lines.append("- " + note.replacingOccurrences(of: "\n", with: " ")) }
        var commands: [String] = []
        if !workload.cleanup.isEmpty {
            lines.append("- " + (workload.status == .keep ? "To remove it later" : "Cleanup") + ", on \(Markdown.code(host.name)) (\(Markdown.code("ssh \(host.ssh)"))):")
            commands = [Markdown.block(workload.cleanup)]
        } else if workload.status == .audit {
            lines.append("- Find who runs it, on \(Markdown.code(host.name)) (\(Markdown.code("ssh \(host.ssh)"))):")
            commands = [Markdown.block(workload.kind == "container"
                ? ["docker inspect --format '{{.Config.Image}} {{.State.StartedAt}}' \(Shell.quoted(workload.name))"]
                : ["ps -eo user,pid,etime,rss,args | grep -F -- \(Shell.quoted(workload.name))"])]
        }
        return WorkloadEntry(entryTitle: "#### \(workload.name)", entryLines: lines, entryCommands: commands)
    }

    /// consumers → hostname and Access → tunnel → cloudflared on the host → gateway → upstreams.
    static func diagram(_ t: Topology) -> String {
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
