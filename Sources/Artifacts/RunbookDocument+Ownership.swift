import Formats
import Deployment
import TopologyModel

// Who owns what, one table per host: the user accounts a step may touch, and the ones it must not.
extension RunbookDocument {
    static func ownership(_ d: Deployment) -> [HostOwnership] {
        let t = d.topology
        let code = Markdown.code
        let cell = Markdown.cell
        return t.hosts.map { h in
            HostOwnership(hostHeading: "### \(h.name) (\(code(Shell.login(h.ssh))))",
                          ownershipTable: Markdown.table(["user", "owns", "note"], h.users.map { user in
                              [code(user.name), user.owns.isEmpty ? "nothing in scope" : user.owns.map(cell).joined(separator: "; "), cell(user.note ?? "")]
                          }))
        }
    }
}
