import TopologyModel

enum ConsumerRules {
    static let all: [Rule] = []
}
