import TopologyModel

enum PlanDriftRules {
    static let all: [Rule] = []
}
