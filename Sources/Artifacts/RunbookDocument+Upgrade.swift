import Formats
import Deployment
import TopologyModel

// Upgrade and rollback (plan §10): after the deployment, not part of its order, and the place an
// operator comes back to, so it reads on its own.
extension RunbookDocument {
    static func upgradeSection(_ d: Deployment, binary: BinaryInstall?) -> (upgrade: String, rollback: [String], cloudflaredUpgrade: String) {
        let t = d.topology
        let gateway = t.gateway
        let tunnel = t.tunnel
        let alias = d.gatewaySSHAlias
        let q = Shell.quoted
        let code = Markdown.code
        let envPath = d.paths.envInstall
        let imageVariable = EnvNames.imageVariable(gateway)
        let upgrade = Markdown.block([
            Shell.remote(alias, ""),
            "cd \(q(gateway.directory))",
            "# note what runs now, to roll back to it",
            "docker inspect --format '{{.Config.Image}} {{.Image}}' -- \(q(gateway.containerName))",
            "docker compose pull && docker compose up -d",
            "docker logs -f -- \(q(gateway.containerName))",
        ])
        let rollback = [
            "- Pin the previous image: set \(code("\(imageVariable)=\(gateway.image):<previous tag>")) in \(code(envPath)), then \(code("docker compose up -d")). Data in \(code(gateway.dataDirectory)) survives both ways.",
            "- Upstream moves \(code("latest")) on every tag it pushes, release candidates included (one raised resident memory from ~75 MB to ~1.8 GB): pin a tested tag rather than follow \(code("latest")).",
        ]
        switch binary {
        case nil:
            return (upgrade, rollback, Markdown.block([
                Shell.remote(alias, "apt-get update && apt-get install --only-upgrade -y cloudflared && " + Shell.command(["systemctl", "restart", "--", tunnel.unit])),
                "# roll back: apt-get install cloudflared=<previous version> && systemctl restart \(tunnel.unit)",
            ]))
        case let install?:
            let restart = Shell.command(["systemctl", "restart", "--", tunnel.unit])
            return (upgrade, rollback, Markdown.block([
                "# installs \(install.release.version) (\(install.release.asset)), the profile's tunnel.release; for another",
                "# release set its version and sha256 there, render, review the diff, then run this",
                Shell.remote(alias, [install.fetch, install.checkAndInstall, restart].joined(separator: " && ") + "; " + install.cleanup),
                Shell.remote(alias, install.versionCheck),
                "# roll back: set tunnel.release back to the previous version and sha256 (the profile's history has them), render, run this again",
            ]))
        }
    }
}
