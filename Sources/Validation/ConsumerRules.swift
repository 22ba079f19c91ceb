import Formats

import TopologyModel

/// The consumers' env contracts (plan §8): where each consumer runs, how it reaches the gateway,
/// and whether every variable can be written so python-dotenv, Compose's `env_file` and a shell
/// read back the same value.
enum ConsumerRules {
    static let all: [Rule] = [
        Rule("consumer-names", reads: [.consumers], consumerNamesUnique),
        Rule("consumer-host-exists", reads: [.hosts, .consumers], consumerHostExists),
        Rule("tunnel-consumer-off-gateway-host", reads: [.gateway, .consumers], tunnelConsumerOffGatewayHost),
        Rule("loopback-consumer-on-gateway-host", reads: [.zone, .gateway, .hostnames, .consumers], loopbackConsumerOnGatewayHost),
        Rule("consumer-variable-names", reads: [.consumers], variableNamesValidAndUnique),
        Rule("consumer-secrets-exist", reads: [.consumers, .secrets], referencedSecretsExist),
        Rule("consumer-headers-token-exists", reads: [.access, .consumers], accessHeadersTokenExists),
        Rule("tunnel-consumer-sends-service-token", reads: [.hostnames, .access, .consumers], tunnelConsumerSendsServiceToken),
        Rule("consumer-literals-portable", reads: [.consumers], literalsPortable),
    ] + ConsumerClientRules.all

    /// Each consumer gets `consumers/<name>.env`: names must be unique and usable as file names.
    static func consumerNamesUnique(_ t: Topology) -> [Diagnostic] {
        var report = Report(t)
        var seen: Set<String> = []
        for (i, consumer) in t.consumers.enumerated() {
            if consumer.name.isEmpty || consumer.name.hasPrefix(".") || consumer.name.contains("/") {
                report.error("consumers[\(i)].name", "'\(consumer.name)' cannot name the file consumers/\(consumer.name).env",
                             hint: "use letters, digits, '-' and '_'")
            } else if !seen.insert(consumer.name).inserted {
                report.error("consumers[\(i)].name", "consumer '\(consumer.name)' is declared twice", hint: "give each consumer a unique name")
            }
        }
        return report.items
    }

    static func consumerHostExists(_ t: Topology) -> [Diagnostic] {
        var report = Report(t)
        let hosts = FirstByKey(t.hosts, \.name)
        for (i, consumer) in t.consumers.enumerated() where hosts[consumer.host] == nil {
            report.error("consumers[\(i)].host", "no host named '\(consumer.host)'",
                         hint: "use one of: \(t.hosts.map(\.name).joined(separator: ", ")), or declare the host under hosts:")
        }
        return report.items
    }

    /// A tunnel consumer on the gateway's own host goes out to Cloudflare and back in. That is
    /// right for a bridge-networked container (its loopback is not the host's), so it is allowed,
    /// with a warning naming the shorter path.
    static func tunnelConsumerOffGatewayHost(_ t: Topology) -> [Diagnostic] {
        var report = Report(t)
        for (i, consumer) in t.consumers.enumerated() where consumer.reach == .tunnel && consumer.host == t.gateway.host {
            report.warning("consumers[\(i)].reaches_gateway",
                           "\(consumer.name) runs on the gateway host \(t.gateway.host) but goes through the tunnel and Access",
                           hint: "use reaches_gateway: loopback if it runs in the host's network namespace; keep tunnel for a bridge-networked container")
        }
        return report.items
    }

    /// The gateway publishes on its host's loopback only; nothing elsewhere can reach it there.
    static func loopbackConsumerOnGatewayHost(_ t: Topology) -> [Diagnostic] {
        var report = Report(t)
        for (i, consumer) in t.consumers.enumerated() where consumer.reach == .loopback && consumer.host != t.gateway.host {
            report.error("consumers[\(i)].reaches_gateway",
                         "\(consumer.name) runs on \(consumer.host), but \(t.baseURL(for: .loopback)) exists only on \(t.gateway.host)",
                         hint: "use reaches_gateway: tunnel (through \(t.baseURL(for: .tunnel))) for a consumer on another host")
        }
        return report.items
    }

    static func variableNamesValidAndUnique(_ t: Topology) -> [Diagnostic] {
        var report = Report(t)
        for (i, consumer) in t.consumers.enumerated() {
            var seen: Set<String> = []
            for (j, variable) in consumer.environment.enumerated() {
                let path = "consumers[\(i)].variables[\(j)].name"
                if !isValidEnvName(variable.name) {
                    report.error(path, "'\(variable.name)' is not an environment variable name",
                                 hint: "use letters, digits and '_', not starting with a digit (e.g. NEWAPI_BASE_URL)")
                } else if !seen.insert(variable.name).inserted {
                    report.error(path, "\(consumer.name) sets \(variable.name) twice", hint: "keep one; readers disagree on which one wins")
                }
            }
            if consumer.variables.isEmpty {
                report.warning("consumers[\(i)].variables", "\(consumer.name) has an empty env contract", hint: "add at least its base URL: `value: base_url`")
            }
        }
        return report.items
    }

    static func referencedSecretsExist(_ t: Topology) -> [Diagnostic] {
        var report = Report(t)
        let secrets = FirstByKey(t.secrets, \.name)
        for (i, consumer) in t.consumers.enumerated() {
            for (j, variable) in consumer.variables.enumerated() {
                guard case .secret(let name) = variable.value, secrets[name] == nil else { continue }
                report.error("consumers[\(i)].variables[\(j)].secret", "no secret named '\(name)'",
                             hint: "declare it under secrets:, or use one of: \(t.secrets.map(\.name).joined(separator: ", "))")
            }
        }
        return report.items
    }

    static func accessHeadersTokenExists(_ t: Topology) -> [Diagnostic] {
        var report = Report(t)
        let tokens = FirstByKey(t.access.serviceTokens, \.name)
        for (i, consumer) in t.consumers.enumerated() {
            for (j, variable) in consumer.variables.enumerated() {
                guard let token = variable.value.serviceToken, tokens[token] == nil else { continue }
                report.error("consumers[\(i)].variables[\(j)].service_token", "no service token named '\(token)'",
                             hint: "use one of access.service_tokens: \(t.access.serviceTokens.map(\.name).joined(separator: ", "))")
            }
        }
        return report.items
    }

    /// A tunnel consumer meets Access at `/v1/*`. When that surface takes a service token, the
    /// contract must carry it: the JSON headers, or both the id and the secret as variables.
    static func tunnelConsumerSendsServiceToken(_ t: Topology) -> [Diagnostic] {
        var report = Report(t)
        let tokenSurfaces = Dictionary(grouping: t.access.surfaces.filter { $0.policy == .serviceToken }, by: \.hostname)
        for (i, consumer) in t.consumers.enumerated() where consumer.reach == .tunnel {
            // The tokens the surface deciding /v1 on the consumer's hostname admits: any one will do.
            let candidates = t.calledHostname(consumer).flatMap { tokenSurfaces[$0] } ?? []
            guard let surface = candidates.first(where: { $0.prefix.map { "/v1/".hasPrefix($0) } ?? false }) ?? candidates.first(where: \.isRoot) else { continue }
            let admitted = surface.serviceTokens.compactMap(t.serviceToken(named:))
            guard let token = admitted.first else { continue }
            var secrets: Set<String> = []
            var sentJSON: Set<String> = []
            for variable in consumer.variables {
                switch variable.value {
                case .secret(let name): secrets.insert(name)
                case .accessHeadersJSON(let name), .accessHeaders(let name): sentJSON.insert(name)
                default: break
                }
            }
            if admitted.contains(where: { sentJSON.contains($0.name) || (secrets.contains($0.clientIDSecret) && secrets.contains($0.clientSecretSecret)) }) { continue }
            report.warning("consumers[\(i)].variables",
                           "\(consumer.name) reaches the gateway through the tunnel, but its contract lacks service token \(admitted.map(\.name).joined(separator: " or ")), which Access requires on /v1/*",
                           hint: "add `value: access_headers_json` with `service_token: \(token.name)`, or secrets \(token.clientIDSecret) and \(token.clientSecretSecret)")
        }
        return report.items
    }

    /// A literal that no single dotenv spelling carries to every reader is refused.
    static func literalsPortable(_ t: Topology) -> [Diagnostic] {
        var report = Report(t)
        for (i, consumer) in t.consumers.enumerated() {
            for (j, variable) in consumer.variables.enumerated() {
                guard case .literal(let text) = variable.value, let problem = literalProblem(text) else { continue }
                report.error("consumers[\(i)].variables[\(j)].literal", "\(variable.name) cannot be written so python-dotenv, Compose and sh all read it back: \(problem)",
                             hint: "drop the character, or move the value out of the env file")
            }
        }
        return report.items
    }

    // MARK: - Shared facts

    /// The dotenv name grammar the consumer files are written in.
    static func isValidEnvName(_ name: String) -> Bool { Dotenv.isValidName(name) }

    /// Why a literal cannot be written for every reader, or nil: the artifact refuses exactly these.
    static func literalProblem(_ text: String) -> String? { Dotenv.unwritableReason(text) }
}
