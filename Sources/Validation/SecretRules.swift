import TopologyModel

enum SecretRules {
    static let all: [Rule] = []
}
