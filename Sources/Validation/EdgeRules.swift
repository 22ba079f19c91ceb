import TopologyModel

enum EdgeRules {
    static let all: [Rule] = []
}
