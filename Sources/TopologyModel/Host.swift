/// A machine in the topology, the people and services that own things on it, and what already
/// runs there (with its memory footprint, for the budget).
public struct Host: Sendable, Equatable, Decodable {
    public var name: String
    public var provider: String
    public var region: String
    /// The SSH alias the runbook and the verification script use (`ssh vultr '…'`).
    public var ssh: String
    public var vcpus: Int?
    public var memory: ByteSize?
    public var swap: ByteSize?
    public var swapInUse: ByteSize?
    /// What the kernel and container runtime hold, when measured; replaces topogen's estimate
    /// (`MemoryBudget.reserveEstimate`).
    public var reserve: ByteSize?
    public var users: [HostUser]
    public var workloads: [Workload]

    public init(name: String, provider: String, region: String, ssh: String, vcpus: Int? = nil,
                memory: ByteSize? = nil, swap: ByteSize? = nil, swapInUse: ByteSize? = nil,
                users: [HostUser] = [], workloads: [Workload] = [], reserve: ByteSize? = nil) {
        self.name = name
        self.provider = provider
        self.region = region
        self.ssh = ssh
        self.vcpus = vcpus
        self.memory = memory
        self.swap = swap
        self.swapInUse = swapInUse
        self.reserve = reserve
        self.users = users
        self.workloads = workloads
    }

    /// Memory the existing workloads already hold.
    public var workloadMemory: Int64 { workloads.compactMap { $0.memory?.bytes }.reduce(0, +) }
}

public struct HostUser: Sendable, Equatable, Decodable {
    public var name: String
    public var owns: [String]
    public var note: String?

    public init(name: String, owns: [String], note: String? = nil) {
        self.name = name
        self.owns = owns
        self.note = note
    }
}

/// Something already running on a host, and what the plan decided about it.
public struct Workload: Sendable, Equatable, Decodable {
    public enum Status: String, Sendable, CaseIterable, Decodable {
        /// Stays as it is.
        case keep
        /// Ownership or purpose unknown: decide whether it stays.
        case audit
        /// To be stopped and removed soon, in a separate change.
        case decommission
        /// To be removed as part of this deployment.
        case remove
    }

    public var name: String
    public var owner: String
    public var memory: ByteSize?
    public var kind: String
    public var status: Status
    public var unit: String?
    public var ports: [Int]
    public var note: String?
    /// Commands that remove it, when its status calls for them; shown in the runbook.
    public var cleanup: [String]

    public init(name: String, owner: String, memory: ByteSize?, kind: String, status: Status,
                unit: String? = nil, ports: [Int] = [], note: String? = nil, cleanup: [String] = []) {
        self.name = name
        self.owner = owner
        self.memory = memory
        self.kind = kind
        self.status = status
        self.unit = unit
        self.ports = ports
        self.note = note
        self.cleanup = cleanup
    }
}
