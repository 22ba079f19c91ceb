import TopologyModel

/// A named check over a whole topology. Rules are small and independent so each can be read,
/// tested both ways, and cited by name in a diagnostic.
public struct Rule: Sendable {
    public let name: String
    /// The top-level sections `check` looks at, directly or through a helper (`Deployment`,
    /// `MemoryBudget`, `Topology`'s lookups). A rule runs only when all of them loaded, so a
    /// profile with a broken `gateway:` still gets every rule that does not read the gateway.
    /// Required, so a new rule cannot leave it out; `RuleReadsTests` proves each list complete.
    public let reads: Set<TopologySection>
    public let check: @Sendable (Topology) -> [Diagnostic]

    public init(_ name: String, reads: Set<TopologySection>, _ check: @escaping @Sendable (Topology) -> [Diagnostic]) {
        self.name = name
        self.reads = reads
        self.check = check
    }

    /// Whether every section the rule reads is among `loaded`.
    public func canRun(with loaded: Set<TopologySection>) -> Bool { reads.isSubset(of: loaded) }
}

/// Builds located diagnostics from key paths, through the topology's source map.
struct Report {
    let topology: Topology
    var items: [Diagnostic] = []

    init(_ topology: Topology) { self.topology = topology }

    mutating func error(_ path: String, _ message: String, hint: String) {
        items.append(.error(message, at: topology.sourceMap.location(of: path), path: path, hint: hint))
    }

    mutating func warning(_ path: String, _ message: String, hint: String? = nil) {
        items.append(.warning(message, at: topology.sourceMap.location(of: path), path: path, hint: hint))
    }
}

public enum Validator {
    /// Every rule, in reporting order.
    public static let rules: [Rule] = ReferenceRules.all + ArtifactFactRules.all + GatewayRules.all + ContainerRules.all + BudgetRules.all + EdgeRules.all
        + ConsumerRules.all + SecretRules.all + UniquenessRules.all + EnvValueRules.all + PlanDriftRules.all

    /// Runs the rules whose sections all loaded (by default all of them) on `topology`, in order.
    /// The sections not in `loaded` hold stand-ins, which no rule that runs reads.
    public static func validate(_ topology: Topology, loaded: Set<TopologySection> = Set(TopologySection.allCases),
                                rules: [Rule] = Validator.rules) -> [Diagnostic] {
        // A rule's diagnostics carry its name as their code unless the rule chose a finer one.
        rules.filter { $0.canRun(with: loaded) }.flatMap { rule in
            rule.check(topology).map { diagnostic in
                var coded = diagnostic
                if coded.code == nil { coded.code = rule.name }
                return coded
            }
        }
    }
}
