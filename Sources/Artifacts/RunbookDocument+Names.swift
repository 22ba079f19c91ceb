import Formats
import Deployment
import TopologyModel

// The names table: every name this runbook uses, in one place, so a reader can map the steps onto
// the host before running any of them.
extension RunbookDocument {
    static func namesTable(_ d: Deployment) -> String {
        let t = d.topology
        let gateway = t.gateway
        let tunnel = t.tunnel
        let host = t.gatewayHost
        let alias = d.gatewaySSHAlias
        let code = Markdown.code
        let cell = Markdown.cell
        let envPath = d.paths.envInstall
        let installPath = d.paths.systemdUnitInstall
        var names: [[String]] = [
            ["gateway host", "\(code(gateway.host)) (\(code(Shell.login(alias))))" + (host.map { ", \(cell($0.provider)), \(cell($0.region))" } ?? "")],
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
        return Markdown.table(["what", "name"], names)
    }
}
