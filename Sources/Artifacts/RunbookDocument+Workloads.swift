import Formats
import Foundation
import Deployment
import TopologyModel

// Existing workloads, grouped by the decision the profile records for each (plan §11, §12); the
// removal step reuses the same entries.
extension RunbookDocument {
    static func workloadGroups(_ d: Deployment, removeNumber: Int) -> [WorkloadGroup] {
        let t = d.topology
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
                // Removals are described once, in their step; here they are only named.
                let removed = status == .remove
                groups.append(WorkloadGroup(groupHeading: "### \(Markdown.text(h.name)): \(title)",
                                            groupIntro: removed ? "\(matching.map { Markdown.code($0.name) }.joined(separator: ", ")): \(intro)" : intro,
                                            entries: removed ? [] : matching.map { RunbookDocument.entry($0, on: h) }))
            }
        }
        return groups
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
            lines.append("- " + (workload.status == .keep ? "To remove it later" : "Cleanup") + ", on \(Markdown.code(host.name)) (\(Markdown.code(Shell.login(host.ssh)))):")
            commands = [Markdown.block(workload.cleanup)]
        } else if workload.status == .audit {
            lines.append("- Find who runs it, on \(Markdown.code(host.name)) (\(Markdown.code(Shell.login(host.ssh)))):")
            commands = [Markdown.block(workload.kind == "container"
                ? ["docker inspect --format '{{.Config.Image}} {{.State.StartedAt}}' -- \(Shell.quoted(workload.name))"]
                : ["ps -eo user,pid,etime,rss,args | grep -F -- \(Shell.quoted(workload.name))"])]
        }
        return WorkloadEntry(entryTitle: "#### \(Markdown.text(workload.name))", entryLines: lines, entryCommands: commands)
    }
}
