import TopologyModel

extension ProfileSection {
    public static let host = ProfileSection("hosts[]", model: Host.self, "A machine: who owns what on it, and what already runs there.", [
        ProfileKey("name", .string(.name), .required, lands: "name", "The host's name in this profile; gateway.host and consumers[].host refer to it."),
        ProfileKey("provider", .text, .required, lands: "provider", "Who runs the machine, e.g. vultr."),
        ProfileKey("region", .text, .required, lands: "region", "Where it runs, e.g. Tokyo, Japan."),
        ProfileKey("ssh", .string(.sshAlias), .required, lands: "ssh", "The ssh alias the RUNBOOK and verify.sh use (`ssh ALIAS '…'`)."),
        ProfileKey("vcpus", .integer(1...Int.max), .optional, lands: "vcpus", "vCPUs, for the CPU-cap check."),
        ProfileKey("memory", .byteSize, .optional, lands: "memory", "RAM as the kernel reports it, for the memory budget."),
        ProfileKey("swap", .byteSizeOrZero, .optional, lands: "swap", "Swap size; 0 for a host with no swap."),
        ProfileKey("swap_in_use", .byteSizeOrZero, .optional, lands: "swapInUse", "Swap in use when measured; a sign of memory pressure."),
        ProfileKey("reserve", .byteSize, .optional, lands: "reserve", "What the kernel and container runtime hold, when measured; replaces the budget's 160 MiB estimate."),
        ProfileKey("users", .list(.mapping(.hostUser)), .empty, lands: "users", "Accounts on the host and what each owns."),
        ProfileKey("workloads", .list(.mapping(.workload)), .empty, lands: "workloads", "What already runs on the host, with its memory and fate."),
    ])

    public static let hostUser = ProfileSection("hosts[].users[]", model: HostUser.self, "An account on a host.", [
        ProfileKey("name", .string(.userName), .required, lands: "name", "The user name."),
        ProfileKey("owns", .list(.text), .empty, lands: "owns", "What this user owns on the host, in words."),
        ProfileKey("note", .string(.prose), .optional, lands: "note", "A remark for the RUNBOOK."),
    ])

    public static let workload = ProfileSection("hosts[].workloads[]", model: Workload.self, "Something already running on a host.", [
        ProfileKey("name", .text, .required, lands: "name", "What it is called."),
        ProfileKey("owner", .string(.userName), .required, lands: "owner", "The user who owns it, or unknown."),
        ProfileKey("memory", .byteSize, .optional, lands: "memory", "Memory it holds, counted in the gateway host's budget."),
        ProfileKey("kind", .text, .required, lands: "kind", "container, process, system-service, user-service, …"),
        ProfileKey("status", .choice(Workload.Status.self), .required, lands: "status", "What the plan decided: keep, audit, decommission or remove."),
        ProfileKey("unit", .string(.unitName), .optional, lands: "unit", "Its systemd unit, when it has one."),
        ProfileKey("ports", .list(.integer(1...65535)), .empty, lands: "ports", "Ports it listens on; the gateway may not publish on them."),
        ProfileKey("note", .string(.prose), .optional, lands: "note", "A remark for the RUNBOOK."),
        ProfileKey("cleanup", .list(.text), .empty, lands: "cleanup", "Commands that remove it, shown in the RUNBOOK when its status calls for them."),
    ])
}
