import TopologyModel

enum GatewayRules {
    static let all: [Rule] = []
}
