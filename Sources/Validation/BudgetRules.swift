import TopologyModel

/// The memory cap must fit what the host has left once everything on it is counted (its
/// workloads, the kernel and container runtime, this deployment's connector), and leave the
/// headroom the host needs, at any host size. The figures come from `MemoryBudget`, which the
/// RUNBOOK's table prints term by term.
enum BudgetRules {
    static let all: [Rule] = [memoryCapFitsHost]

    static let memoryCapFitsHost = Rule("memory-cap-fits-host", reads: [.hosts, .gateway, .tunnel]) { t in
        var report = Report(t)
        let budget = MemoryBudget(t)
        guard let host = t.gatewayHost, let ram = budget.ram, let headroom = budget.headroom, let needed = budget.neededHeadroom else { return [] }
        let mib = ByteSize.mebibyteText
        let others = budget.committed - budget.cap.bytes
        var counted = "its workloads hold \(mib(budget.workloads.map(\.bytes).reduce(0, +)))"
        if let reserve = budget.reserve {
            counted += ", the kernel and container runtime \(mib(reserve.bytes))" + (reserve.source == .estimated ? " (estimated; set hosts[].reserve to the measured figure)" : "")
        }
        counted += ", this deployment's \(budget.connector.name) \(mib(budget.connector.bytes)) (estimated)"
        let figures = "\(host.name) has \(mib(ram)) RAM; \(counted), leaving \(mib(ram - others)); the \(t.gateway.limits.memory.spelling) cap (\(mib(budget.cap.bytes)))"
        if headroom < 0 {
            report.error("gateway.limits.memory", "\(figures) exceeds that by \(mib(-headroom))",
                         hint: "lower the cap, stop a workload (see hosts[].workloads statuses), or upsize the host")
        } else if headroom < needed {
            let share = ByteSize.format(Double(headroom) / Double(ram) * 100)
            var message = "\(figures) leaves \(mib(headroom)) (\(share)% of RAM) of headroom; this host needs \(mib(needed)) for page cache"
            if let swap = host.swapInUse, swap.bytes > 0 { message += ", and \(mib(swap.bytes)) of swap is already in use" }
            report.warning("gateway.limits.memory", message,
                           hint: "lower the cap to \(mib(max(0, budget.cap.bytes - (needed - headroom)))) or less, retire workloads marked decommission/audit, or upsize the host (see the RUNBOOK's budget)")
        }
        return report.items
    }
}
