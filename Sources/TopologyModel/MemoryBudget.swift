/// The gateway host's memory, term by term: what already runs there, what this deployment adds
/// (the gateway's cap and its own cloudflared), what the kernel and the container runtime hold,
/// and what must stay free. The budget rule and the RUNBOOK's table read this one value, so the
/// warning and the table can never disagree about a figure.
public struct MemoryBudget: Sendable, Equatable {
    /// One line of the budget.
    public struct Term: Sendable, Equatable {
        public enum Source: String, Sendable {
            /// A workload the profile lists, with its measured memory.
            case measured
            /// A figure topogen assumes because the profile gives none (documented below).
            case estimated
            /// Set in the profile to replace topogen's estimate.
            case profile
            /// The gateway's hard cap (`mem_limit`).
            case cap
        }

        public let name: String
        public let bytes: Int64
        public let source: Source

        public init(name: String, bytes: Int64, source: Source) {
            self.name = name
            self.bytes = bytes
            self.source = source
        }
    }

    /// This deployment's connector. A running cloudflared connector of this kind measured about
    /// 50 MiB resident on a 1 GiB host (the deployment plan's host, as its profile records);
    /// topogen counts that much for the one this deployment installs.
    public static let connectorEstimate = ByteSize(bytes: 50 * 1_048_576, spelling: "50m")

    /// The kernel (page tables, slab, network buffers) and the container runtime (dockerd,
    /// containerd, one containerd-shim per container) together: about 64 MiB of kernel on a
    /// small cloud image plus about 96 MiB of runtime daemons. Counted only when the profile lists
    /// no workload of kind `system`; a host's `reserve` replaces it.
    public static let reserveEstimate = ByteSize(bytes: 160 * 1_048_576, spelling: "160m")

    /// What must stay free for page cache (the binaries being run, new-api's database files) so
    /// the host does not reclaim or swap under load: a fifth of RAM, at least 128 MiB and at
    /// most 1 GiB. A floor, not a share only, so a tiny host is warned about as well.
    public static let headroomShare = 0.20
    public static let headroomFloor: Int64 = 128 * 1_048_576
    public static let headroomCeiling: Int64 = 1024 * 1_048_576

    /// Existing workloads, in profile order.
    public let workloads: [Term]
    /// The kernel and container runtime reserve, when the profile lists no `system` workload.
    public let reserve: Term?
    /// This deployment's cloudflared.
    public let connector: Term
    /// The gateway's cap.
    public let cap: Term
    /// Host RAM, when the profile gives it.
    public let ram: Int64?

    public init(_ t: Topology) {
        let host = t.gatewayHost
        let listed = host?.workloads ?? []
        workloads = listed.compactMap { w in w.memory.map { Term(name: w.name, bytes: $0.bytes, source: .measured) } }
        if let override = host?.reserve {
            reserve = Term(name: "kernel and container runtime", bytes: override.bytes, source: .profile)
        } else if listed.contains(where: { $0.kind == "system" }) {
            reserve = nil
        } else {
            reserve = Term(name: "kernel and container runtime", bytes: Self.reserveEstimate.bytes, source: .estimated)
        }
        connector = Term(name: t.tunnel.unit, bytes: Self.connectorEstimate.bytes, source: .estimated)
        cap = Term(name: t.gateway.name, bytes: t.gateway.limits.memory.bytes, source: .cap)
        ram = host?.memory?.bytes
    }

    /// Everything counted: the workloads, the reserve, the connector and the cap.
    public var committed: Int64 { workloads.map(\.bytes).reduce(0, +) + (reserve?.bytes ?? 0) + connector.bytes + cap.bytes }

    /// RAM left once everything is counted; negative when it does not fit, nil without RAM.
    public var headroom: Int64? { ram.map { $0 - committed } }

    /// The headroom this host needs (see `headroomShare`).
    public var neededHeadroom: Int64? {
        ram.map { min(Self.headroomCeiling, max(Self.headroomFloor, Int64((Double($0) * Self.headroomShare).rounded()))) }
    }
}
