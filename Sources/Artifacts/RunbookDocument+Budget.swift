import Formats
import Deployment
import TopologyModel

// The resource budget: every term `MemoryBudget` counts, as typed rows and facts; the words
// around them are in templates/runbook/budget.mustache.
extension RunbookDocument {
    /// A byte count the way the budget and the risks print it.
    static let mib = ByteSize.mebibyteText

    struct Budget {
        struct Row { let term: String; let owner: String; let status: String; let memory: String }
        struct Retiring { let names: String; let plural: Bool; let headroom: String; let share: String }
        struct Short { let by: String }
        struct Tight { let headroom: String; let needed: String }
        struct Swap { let inUse: String; let of: String }
        struct Estimate { let figure: String }

        let rows: [Row]
        let ramUnknown: [String]
        let short: [Short]
        let tight: [Tight]
        let retiring: [Retiring]
        let swapInUse: [Swap]
        let noSwapOnHost: Bool
        let reserveEstimate: [Estimate]
        let connectorEstimate: Estimate
        let connectorUnit: String
        let capNeverSwaps: Bool
        let cpus: String
        let vcpus: [String]
        let share: String
        let floor: String
        let ceiling: String
    }

    static func budget(_ d: Deployment) -> Budget {
        let t = d.topology
        let gateway = t.gateway
        let host = t.gatewayHost
        let budget = MemoryBudget(t)
        let cell = Markdown.cell
        let code = Markdown.code
        var rows = (host?.workloads ?? []).map { w in
            Budget.Row(term: cell(w.name), owner: cell(w.owner), status: code(w.status.rawValue), memory: w.memory.map { mib($0.bytes) } ?? "not measured")
        }
        if let reserve = budget.reserve {
            rows.append(Budget.Row(term: "kernel and container runtime", owner: "", status: reserve.source == .estimated ? "estimated" : "measured",
                                   memory: mib(reserve.bytes)))
        }
        rows.append(Budget.Row(term: "this deployment's connector (\(code(budget.connector.name)))", owner: cell(gateway.owner), status: "new, estimated",
                               memory: mib(budget.connector.bytes)))
        rows.append(Budget.Row(term: "\(cell(gateway.name)) cap (\(code("mem_limit: \(gateway.limits.memory.spelling)")))", owner: cell(gateway.owner), status: "new",
                               memory: mib(budget.cap.bytes)))
        rows.append(Budget.Row(term: "**committed**", owner: "", status: "", memory: "**\(mib(budget.committed))**"))
        var short: [Budget.Short] = [], tight: [Budget.Tight] = [], retiring: [Budget.Retiring] = []
        if let ram = budget.ram, let headroom = budget.headroom, let needed = budget.neededHeadroom {
            let percent = { (bytes: Int64) in ByteSize.format(Double(bytes) / Double(ram) * 100) }
            rows.append(Budget.Row(term: "host RAM (\(cell(gateway.host))\(host?.vcpus.map { ", \($0) vCPU" } ?? ""))", owner: "", status: "", memory: mib(ram)))
            rows.append(Budget.Row(term: "**headroom**", owner: "", status: "", memory: "**\(mib(headroom)) (\(percent(headroom)) % of RAM)**"))
            rows.append(Budget.Row(term: "headroom this host needs", owner: "", status: "", memory: mib(needed)))
            if headroom < 0 { short.append(Budget.Short(by: mib(-headroom))) }
            else if headroom < needed { tight.append(Budget.Tight(headroom: mib(headroom), needed: mib(needed))) }
            let freed = (host?.workloads ?? []).filter { $0.status == .decommission || $0.status == .remove }
            let freedBytes = freed.compactMap { $0.memory?.bytes }.reduce(0, +)
            if freedBytes > 0 {
                retiring.append(Budget.Retiring(names: freed.map { "\(code($0.name)) (\($0.status.rawValue))" }.joined(separator: ", "), plural: freed.count > 1,
                                                headroom: mib(headroom + freedBytes), share: percent(headroom + freedBytes)))
            }
        }
        var swapInUse: [Budget.Swap] = []
        let hostSwap = host?.swap?.bytes
        if let swap = host?.swapInUse, swap.bytes > 0 {
            rows.append(Budget.Row(term: "swap in use", owner: "", status: "", memory: mib(swap.bytes) + (hostSwap.map { " of \(mib($0))" } ?? "")))
            swapInUse.append(Budget.Swap(inUse: mib(swap.bytes), of: hostSwap.map(mib) ?? "?"))
        }
        return Budget(
            rows: rows, ramUnknown: budget.ram == nil ? [code(gateway.host)] : [], short: short, tight: tight, retiring: retiring,
            swapInUse: swapInUse, noSwapOnHost: hostSwap == 0,
            reserveEstimate: budget.reserve?.source == .estimated ? [Budget.Estimate(figure: mib(MemoryBudget.reserveEstimate.bytes))] : [],
            connectorEstimate: Budget.Estimate(figure: mib(MemoryBudget.connectorEstimate.bytes)), connectorUnit: code(t.tunnel.unit),
            capNeverSwaps: !gateway.limits.swap, cpus: gateway.limits.cpus, vcpus: host?.vcpus.map { ["\($0)"] } ?? [],
            share: ByteSize.format(MemoryBudget.headroomShare * 100), floor: mib(MemoryBudget.headroomFloor), ceiling: mib(MemoryBudget.headroomCeiling))
    }
}
