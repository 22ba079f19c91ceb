import Deployment
import Formats
import Foundation
import Deployment
import TopologyModel

// The Cloudflare and connector steps (Terraform, the dashboard-only checks, cloudflared, its
// credentials and unit): the longest stretch of the execution order, and the one that changes with
// the tunnel's mode and install method.
extension RunbookDocument {
    /// Why the generated unit replaces `cloudflared service install`; the words are in
    /// templates/runbook/service-install.mustache.
    struct ServiceInstall {
        struct Clash { let owners: String; let host: String }
        let unit: String
        /// Workloads already named cloudflared.service on the gateway host (zero or one entry).
        let clash: [Clash]
        let handedOver: String
        let versionSource: String
        let remote: Bool
        let configPath: String
    }

    static func terraformStep(_ d: Deployment) -> (commands: String, outputs: [String], covers: [String]) {
        let t = d.topology
        let tunnel = t.tunnel
        let code = Markdown.code
        var tfVars = ["account_id", "zone_id", "cloudflare_api_token"]
        tfVars += TerraformEdgeFiles.loginVariables(EdgePlan(t)).map(\.0)
        if tunnel.mode == .local { tfVars.append(TerraformConfiguration.tunnelSecretVariable) }
        var tf = ["cd \(d.paths.terraformDirectory)",
                  "# inputs: see variables.tf.json; set them in the environment, never in a file"]
        tf += tfVars.map { variable in
            variable == TerraformConfiguration.tunnelSecretVariable
                ? "export TF_VAR_\(variable)=\"$(openssl rand -base64 32)\"    # keep it: later applies need the same value"
                : "read -rs TF_VAR_\(variable) && export TF_VAR_\(variable)"
        }
        tf += ["terraform init", "terraform plan -out tfplan", "terraform apply tfplan"]
        let terraform = Markdown.block(tf)
        var outputs: [String] = []
        for token in t.access.serviceTokens {
            for (output, secretName) in [(TerraformNames.clientIDOutput(token, in: t.access), token.clientIDSecret),
                                         (TerraformNames.clientSecretOutput(token, in: t.access), token.clientSecretSecret)] {
                guard let secret = t.secret(named: secretName) else { continue }
                outputs.append("- \(code("terraform output -raw \(output)")) → \(RunbookDocument.storeInstruction(secret, account: token.name, topology: t))")
            }
        }
        var covers = ["- Tunnel \(code(tunnel.name)) (\(code("config_src = \"\(tunnel.mode == .remote ? "cloudflare" : "local")\"")))."]
        let hostnames = t.gatewayHostnames.map { code($0.name) }.joined(separator: ", ")
        let request = tunnel.originRequest
        let originSettings = "connectTimeout \(request.connectTimeout), keepAliveTimeout \(request.keepAliveTimeout), noTLSVerify \(request.noTLSVerify), http2Origin \(request.http2Origin)"
        switch tunnel.mode {
        case .remote:
            covers.append("- Its ingress" + (t.plan == nil ? "" : " (the plan's \"Public Hostname\" step)") + ": \(hostnames) → \(code(tunnel.origin)) with \(originSettings), then a catch-all 404.")
        case .local:
            covers.append("- Not its ingress: in local mode that is \(code(d.paths.cloudflaredConfig)) on the host (\(hostnames) → \(code(tunnel.origin)) with \(originSettings)).")
        }
        covers.append("- A proxied CNAME for \(hostnames) to the tunnel.")
        let managed = t.zone.settings.managed
        covers.append("- Zone \(code(t.zone.name)) (\(t.zone.plan.rawValue) plan): " + (managed.isEmpty ? "no zone setting is managed (the profile lists none)" : managed.map { "\(code($0.id)) \($0.value)" }.joined(separator: ", ")) + ". \"HTTP/2 to origin\" is the tunnel's \(code("http2Origin: \(request.http2Origin)")), not the zone-wide switch.")
        if !t.access.serviceTokens.isEmpty {
            covers.append("- Access service token" + (t.access.serviceTokens.count == 1 ? " " : "s ") + t.access.serviceTokens.map { "\(code($0.name)) (valid \($0.duration))" }.joined(separator: ", ") + ".")
        }
        for surface in t.access.surfaces {
            covers.append("- Access surface \(code(surface.name)): \(code(surface.hostname + (surface.isRoot ? "/" : surface.path))) → \(RunbookDocument.policyText(surface, t)).")
        }
        covers += RunbookDocument.coverageFacts(t)
        for limit in t.waf.rateLimits {
            covers.append("- WAF rate limit \(code(limit.name)) on \(code(limit.surface)): \(limit.requests) requests per \(limit.period) per IP, then \(limit.action.rawValue) for \(limit.mitigationTimeout).")
        }
        return (terraform, outputs, covers)
    }

    /// What Terraform cannot set up, checked by hand; the words are in
    /// templates/runbook/dashboard.mustache.
    struct Dashboard {
        struct OneTimePIN { let variable: String; let admins: String }
        struct Identity { let provider: String; let variable: String }
        /// Zero or one entry each: only a profile with such a surface needs the login method.
        let oneTimePIN: [OneTimePIN]
        let identity: [Identity]
        let tunnel: String
        let afterStep: Int
    }

    static func dashboardStep(_ d: Deployment, n: Numbers) -> Dashboard {
        let t = d.topology
        let code = Markdown.code
        let admins = (t.access.admins + t.access.adminDomains.map { "*@\($0)" }).map(code).joined(separator: ", ")
        let otp = t.access.surfaces.contains { $0.policy == .emailOTP }
            ? [Dashboard.OneTimePIN(variable: code("TF_VAR_\(AccessLogin.oneTimePIN.terraformVariable)"), admins: admins)] : []
        let provider = t.access.surfaces.contains { $0.policy == .identity } ? t.access.identityProvider : nil
        let identity = provider.map { [Dashboard.Identity(provider: code($0), variable: code("TF_VAR_\(AccessLogin.identityProvider($0).terraformVariable)"))] } ?? []
        return Dashboard(oneTimePIN: otp, identity: identity, tunnel: code(t.tunnel.name), afterStep: n.unit)
    }

    static func installStep(_ d: Deployment, binary: BinaryInstall?) -> String {
        let t = d.topology
        let tunnel = t.tunnel
        let q = Shell.quoted
        switch binary {
        case nil:
            return Markdown.block([
                "curl -fsSL https://pkg.cloudflare.com/cloudflare-main.gpg | tee /usr/share/keyrings/cloudflare-main.gpg >/dev/null",
                "echo 'deb [signed-by=/usr/share/keyrings/cloudflare-main.gpg] https://pkg.cloudflare.com/cloudflared any main' | tee /etc/apt/sources.list.d/cloudflared.list",
                "apt-get update && apt-get install -y cloudflared",
                "\(q(tunnel.binary)) --version",
            ] + (tunnel.mode == .remote ? ["\(q(tunnel.binary)) tunnel run --help | grep -q -- --token-file && echo 'has --token-file'"] : []))
        case let install?:
            return Markdown.block(binaryInstallCommands(install) + (tunnel.mode == .remote ? ["\(q(tunnel.binary)) tunnel run --help | grep -q -- --token-file && echo 'has --token-file'"] : []))
        }
    }

    /// The commands that fetch the profile's pinned release beside the binary and move it into
    /// place only when its SHA-256 is the profile's: a failed check leaves the old binary (or
    /// none) and the cleanup removes the download. Install and upgrade run the same commands.
    struct BinaryInstall {
        let release: CloudflaredRelease
        let fetch: String
        let checkAndInstall: String
        let cleanup: String
        let versionCheck: String
    }

    /// The pinned download, decided once per runbook: nil for an apt install. Validation
    /// requires `tunnel.release` for `install: binary` (loader constraint, rule tunnel-release),
    /// so a binary install without one is a bug of topogen, refused before anything renders.
    static func binaryInstall(_ tunnel: Tunnel) throws -> BinaryInstall? {
        guard tunnel.install == .binary else { return nil }
        guard let release = tunnel.release else {
            throw ArtifactInvariantViolation(artifact: "runbook", message: "tunnel.install is binary but tunnel.release is missing")
        }
        let q = Shell.quoted
        let download = tunnel.binary + ".download"
        return BinaryInstall(
            release: release,
            fetch: Shell.command(["curl", "-fsSL", "-o", download, release.downloadURL]),
            checkAndInstall: "echo \(q("\(release.sha256)  \(download)")) | sha256sum -c - && "
                + Shell.command(["chmod", "0755", "--", download]) + " && " + Shell.command(["mv", "-f", "--", download, tunnel.binary]),
            cleanup: Shell.command(["rm", "-f", "--", download]),
            // `version --short` (cloudflared 2024.4.0 on) prints the bare release name.
            versionCheck: "test \"$(\(q(tunnel.binary)) version --short)\" = \(q(release.version)) && echo \(q("cloudflared \(release.version)"))")
    }

    static func binaryInstallCommands(_ install: BinaryInstall) -> [String] {
        ["# cloudflared \(install.release.version) (\(install.release.asset)); sha256sum must print OK, else nothing is installed",
                install.fetch, install.checkAndInstall, install.cleanup, install.versionCheck]
    }

    /// What the credentials step leaves on the host and why its modes are what they are; the
    /// words are in templates/runbook/credentials.mustache.
    struct CredentialNotes {
        struct Token { let mode: String }
        /// Remote mode: the token file's mode (zero or one entry; local mode has none).
        let token: [Token]
        /// Local mode: the placeholder the sed lines replace (zero or one entry).
        let local: [String]
    }

    static func credentialsStep(_ d: Deployment) -> (commands: String, notes: CredentialNotes) {
        let t = d.topology
        let tunnel = t.tunnel
        let alias = d.gatewaySSHAlias
        let q = Shell.quoted
        let code = Markdown.code
        let placeholder = Tunnel.tunnelIDPlaceholder
        switch tunnel.mode {
        case .remote:
            let token = tunnel.tokenSecret.flatMap(t.secret(named:))
            let location = token?.location ?? "/etc/cloudflared/\(tunnel.name).token"
            let mode = token?.mode ?? "0600"
            let directory = (location as NSString).deletingLastPathComponent
            return (Markdown.block([
                "# on the workstation, in this folder: the token goes through a pipe, never onto a command line",
                "terraform -chdir=\(d.paths.terraformDirectory) output -raw \(TerraformNames.tunnelTokenOutput) |",
                "  " + Shell.remote(alias, Shell.command(["install", "-d", "-m", "0755", "--", directory]) + " && "
                    + Shell.command(["install", "-m", mode, "-o", "root", "-g", "root", "/dev/stdin", location])),
            ]), CredentialNotes(token: [.init(mode: code(mode))], local: []))
        case .local:
            let config = tunnel.configPath
            return (Markdown.block([
                "# on the workstation, in this folder",
                "TUNNEL_UUID=\"$(terraform -chdir=\(d.paths.terraformDirectory) output -raw \(TerraformNames.tunnelIDOutput))\"",
                Shell.remote(alias, words: ["install", "-d", "-m", "0755", "--", tunnel.configDirectory]),
                "terraform -chdir=\(d.paths.terraformDirectory) output -raw \(TerraformNames.tunnelCredentialsOutput) |",
                // The UUID expands locally, between two quoted halves of the remote command.
                "  ssh -- \(q(alias)) \(q(Shell.command(["install", "-m", "0400", "-o", "root", "-g", "root", "/dev/stdin"]) + " " + q(tunnel.configDirectory + "/")))\"$TUNNEL_UUID\"\(q(".json"))",
                "sed \"s/\(placeholder)/$TUNNEL_UUID/g\" \(q(d.paths.cloudflaredConfig)) |",
                "  " + Shell.remote(alias, words: ["install", "-m", "0644", "-o", "root", "-g", "root", "/dev/stdin", config]),
            ]), CredentialNotes(token: [], local: [code(placeholder)]))
        }
    }

    /// The generated unit, and why it replaces `cloudflared service install`.
    static func unitStep(_ d: Deployment, n: Numbers) -> (commands: String, whyNotServiceInstall: ServiceInstall) {
        let t = d.topology
        let gateway = t.gateway
        let tunnel = t.tunnel
        let alias = d.gatewaySSHAlias
        let q = Shell.quoted
        let code = Markdown.code
        let cell = Markdown.cell
        let installPath = d.paths.systemdUnitInstall
        let placeholder = Tunnel.tunnelIDPlaceholder
        let clash = (t.gatewayHost?.workloads ?? []).filter { $0.unit == "cloudflared.service" }
        let source = d.paths.systemdUnit
        let copyUnit = Shell.remote(alias, words: ["install", "-m", "0644", "-o", "root", "-g", "root", "/dev/stdin", installPath])
        let unitLines = tunnel.mode == .local ? ["# TUNNEL_UUID as set in step \(n.credentials), in the same shell", "sed \"s/\(placeholder)/$TUNNEL_UUID/g\" \(q(source)) |", "  " + copyUnit]
                                              : [copyUnit + " < " + q(source)]
        let unitInstall = Markdown.block(["# on the workstation, in this folder"] + unitLines + [
            Shell.remote(alias, "systemctl daemon-reload && " + Shell.command(["systemctl", "enable", "--now", "--", tunnel.unit])),
            Shell.remote(alias, words: ["systemctl", "status", "--no-pager", "--", tunnel.unit]),
            "# expect \"Registered tunnel connection\" lines",
            Shell.remote(alias, words: ["journalctl", "-u", tunnel.unitStem, "-n", "50", "--no-pager"]),
            "# exposure about 1.1 (CI fails above 2.5; the stock unit scores 9.6 UNSAFE)",
            Shell.remote(alias, Shell.command(["systemd-analyze", "security", "--", tunnel.unit]) + " | tail -n 1"),
        ])
        let why = ServiceInstall(
            unit: code(tunnel.unit),
            clash: clash.isEmpty ? [] : [ServiceInstall.Clash(
                owners: clash.map { "\(code($0.name)) (owner \(code($0.owner)), \(cell($0.kind)))" }.joined(separator: ", "), host: code(gateway.host))],
            handedOver: tunnel.mode == .remote ? "token" : "credentials",
            versionSource: tunnel.install == .apt ? "apt" : "the pinned binary",
            remote: tunnel.mode == .remote, configPath: code(tunnel.configPath))
        return (unitInstall, why)
    }

    static func policyText(_ surface: AccessSurface, _ t: Topology) -> String {
        switch surface.policy {
        case .serviceToken: return "service token \(Markdown.code(surface.serviceToken ?? "?")) (machines)"
        case .emailOTP, .identity:
            let people = (t.access.admins + t.access.adminDomains.map { "*@\($0)" }).map(Markdown.code).joined(separator: ", ")
            let login = surface.policy == .emailOTP ? "email one-time PIN" : "login with \(Markdown.code(t.access.identityProvider ?? "?"))"
            return "\(login) for \(people) (people)"
        case .bypass: return "public: Access bypassed (not enforced, not logged)"
        case .deny: return "denied to everyone"
        }
    }
}
