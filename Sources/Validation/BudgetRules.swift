import TopologyModel

enum BudgetRules {
    static let all: [Rule] = []
}
