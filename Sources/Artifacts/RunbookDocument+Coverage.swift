import Deployment
import Formats
import TopologyModel

// What the Access coverage model makes of the surfaces, in the runbook's words: which application
// decides where, what the default deny really blocks, and where that departs from the plan's table.
extension RunbookDocument {
    static func coverageFacts(_ t: Topology) -> [String] {
        let code = Markdown.code
        let edge = EdgePlan(t)
        var facts: [String] = []
        for app in edge.coverage.applications where app.paths.count > 1 {
            facts.append("- One Access application \(code(app.id)) serves \(app.surfaces.map(code).joined(separator: ", ")) (\(app.destinations.map(code).joined(separator: ", "))): the browser gets one \(code("CF_Authorization")) token for all of them, so the UI's calls between those paths are not bounced to the login.")
        }
        guard t.access.defaultPolicy == .deny else {
            return facts + ["- Everything no surface lists: allowed (default allow)."]
        }
        for rule in edge.firewallRules {
            let open = edge.coverage.paths(on: rule.hostname).map { code($0.probePath) }.joined(separator: ", ")
            facts.append("- On \(code(rule.hostname)) every path outside \(open) (each with everything below it) and \(code(EdgePlan.cloudflarePaths)) is blocked by the WAF custom rule \(code(rule.ref)), before Access.")
        }
        for hostname in edge.denyIsNoOp {
            facts.append("- On \(code(hostname)) the default deny blocks nothing: a surface at \(code("/")) covers every path for Access, so a path no other surface lists gets that surface's policy. A real default deny needs the admin UI on a hostname of its own.")
            if t.access.surfaces.contains(where: { $0.hostname == hostname && $0.isRoot && $0.policy.isHuman }) {
                facts.append("- Why \(code("/")) covers everything here, unlike the plan's table (\(code("/")), \(code("/api/*")), \(code("/v1/*")), everything else denied): new-api's UI loads from \(code("/static/")) (Rsbuild, not the Vite-era \(code("/assets/"))), root files such as \(code("/favicon.ico")) and \(code("/logo.png")), SPA routes loaded directly (\(code("/sign-in")), \(code("/dashboard")), \(code("/keys")), \(code("/setup")), …) and its playground under \(code("/pg/")); a deny in front of them would load the admin UI blank.")
            }
        }
        return facts
    }
}
