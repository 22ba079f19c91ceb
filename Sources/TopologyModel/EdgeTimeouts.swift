/// Cloudflare's proxy read timeout against the timeouts of the gateway and its consumers.
///
/// A proxied request (tunnel or not) that gets no byte from the origin for about 100 seconds is
/// closed by Cloudflare with error 524. Cloudflare's pages disagree (100, 120, 125 s); the
/// connection-limits reference says 100 s, and 524s through cloudflared are reported at about
/// 100 s, so the smallest figure is the one to plan for. Only Enterprise can raise it.
public enum EdgeTimeouts {
    public static let proxyRead = 100

    /// A timeout longer than the edge's, and where the profile set it.
    public struct Longer: Sendable, Equatable {
        public enum Owner: Sendable, Equatable {
            /// A gateway variable (`STREAMING_TIMEOUT`), the key path of the entry.
            case gateway
            /// A consumer's own variable, by consumer name.
            case consumer(String)
        }

        public let owner: Owner
        public let variable: String
        public let seconds: Int
        public let keyPath: String
    }

    /// new-api's idle gap between upstream SSE lines: the ticker resets on every line, so it
    /// compares directly with the edge's gap between bytes. Its default moved (60 s in 2025
    /// builds, 300 s in current code), so only a value the profile sets is compared.
    public static let gatewayVariables = ["STREAMING_TIMEOUT"]

    /// Every timeout the profile sets that outlasts the edge: the gateway's streaming timeout,
    /// each tunnel consumer's stated `request_timeout`, and its literal `…TIMEOUT`,
    /// `…TIMEOUT_SECONDS` or `…TIMEOUT_MS` (a value its code reads by that name).
    /// Loopback consumers never pass the edge.
    public static func longerThanEdge(_ t: Topology) -> [Longer] {
        var found: [Longer] = []
        for entry in t.gateway.environment where gatewayVariables.contains(entry.name) {
            if let seconds = Int(entry.value), seconds > proxyRead {
                found.append(Longer(owner: .gateway, variable: entry.name, seconds: seconds, keyPath: "gateway.environment.\(entry.name)"))
            }
        }
        for (i, consumer) in t.consumers.enumerated() where consumer.reach == .tunnel {
            if let timeout = consumer.requestTimeout, timeout.value > proxyRead {
                found.append(Longer(owner: .consumer(consumer.name), variable: "request_timeout", seconds: timeout.value,
                                    keyPath: "consumers[\(i)].request_timeout"))
            }
            for (j, variable) in consumer.environment.enumerated() {
                guard case .literal(let text) = variable.value, let seconds = consumerSeconds(variable.name, text), seconds > proxyRead else { continue }
                found.append(Longer(owner: .consumer(consumer.name), variable: variable.name, seconds: seconds,
                                    keyPath: "consumers[\(i)].variables[\(j)].literal"))
            }
        }
        return found
    }

    /// A consumer variable read as a timeout in seconds, when its name says it is one.
    static func consumerSeconds(_ name: String, _ value: String) -> Int? {
        let upper = name.uppercased()
        guard let number = Int(value), number >= 0 else { return nil }
        if upper.hasSuffix("TIMEOUT_MS") { return number / 1000 }
        if upper.hasSuffix("TIMEOUT") || upper.hasSuffix("TIMEOUT_SECONDS") || upper.hasSuffix("TIMEOUT_S") { return number }
        return nil
    }
}
