import Formats
import Deployment
import TopologyModel

// The resource budget (plan §1): whether the gateway's memory cap fits beside what the host
// already runs, computed from the profile so the arithmetic is never stale.
extension RunbookDocument {
    /// A byte count the way the budget and the risks print it.
    static let mib = ByteSize.mebibyteText

    static func budget(_ d: Deployment) -> (table: String, notes: [String]) {
        let t = d.topology
        let gateway = t.gateway
        let host = t.gatewayHost
        let code = Markdown.code
        let cell = Markdown.cell
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
        if let ram = host?.memory, let headroom = t.memoryHeadroom {
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
        return (Markdown.table(["workload", "owner", "status", "memory"], budget), notes)
    }
}
