import TopologyModel

enum ReferenceRules {
    static let all: [Rule] = []
}
