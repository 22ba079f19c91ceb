import TopologyModel

/// A named check over a whole topology. Rules are small and independent so each can be read,
/// tested both ways, and cited by name in a diagnostic.
public struct Rule: Sendable {
    public let name: String
    public let check: @Sendable (Topology) -> [Diagnostic]

    public init(_ name: String, _ check: @escaping @Sendable (Topology) -> [Diagnostic]) {
        self.name = name
        self.check = check
    }
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

    public static func validate(_ topology: Topology, rules: [Rule] = Validator.rules) -> [Diagnostic] {
        // A rule's diagnostics carry its name as their code unless the rule chose a finer one.
        rules.flatMap { rule in
            rule.check(topology).map { diagnostic in
                var coded = diagnostic
                if coded.code == nil { coded.code = rule.name }
                return coded
            }
        }
    }
}
