import TopologyModel

/// Plan §1: the memory cap must fit what the host has left, and the tool says how much room
/// that leaves, in the plan's own figures.
enum BudgetRules {
    static let all: [Rule] = [memoryCapFitsHost]

    /// Warn below this share of RAM left after the cap: a small host needs room for page cache
    /// and the kernel, or it swaps.
    static let headroomWarningShare = 0.25

    static let memoryCapFitsHost = Rule("memory-cap-fits-host") { t in
        var report = Report(t)
        guard let host = t.gatewayHost, let ram = host.memory, let headroom = t.memoryHeadroom else { return [] }
        let cap = t.gateway.limits.memory
        let used = host.workloadMemory
        let free = ram.bytes - used
        let mib = ByteSize.mebibyteText
        let figures = "\(host.name) has \(mib(ram.bytes)) RAM; its workloads hold \(mib(used)), leaving \(mib(free)); the \(cap.spelling) cap (\(mib(cap.bytes)))"
        if headroom < 0 {
            report.error("gateway.limits.memory", "\(figures) exceeds that by \(mib(-headroom))",
                         hint: "lower the cap, stop a workload (see hosts[].workloads statuses), or upsize the host")
        } else if Double(headroom) < Double(ram.bytes) * headroomWarningShare {
            let share = ByteSize.format(Double(headroom) / Double(ram.bytes) * 100)
            var message = "\(figures) leaves \(mib(headroom)) (\(share)% of RAM) of headroom"
            if let swap = host.swapInUse { message += ", and \(mib(swap.bytes)) of swap is already in use" }
            report.warning("gateway.limits.memory", message,
                           hint: "expect OOM-kills under burst; decommissioning workloads marked decommission/audit frees room (see RUNBOOK)")
        }
        return report.items
    }
}
