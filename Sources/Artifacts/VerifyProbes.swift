import Deployment
import Formats
import TopologyModel

/// verify.sh's live edge probes: the request expectations (written and derived) that can be sent
/// from a workstation, each checked for what its outcome really looks like on the wire. People's
/// logins cannot be scripted, so `email` expectations stay offline.
struct VerifyProbes {
    struct Probe {
        /// The bash function that checks it: expect_login, expect_blocked, expect_denied, expect_origin, expect_refused, expect_not_found.
        let check: String
        let label: String
        let method: String
        let url: String
        /// The token's name, quoted, or `''` for an anonymous request.
        let token: String
    }

    struct TokenHeaders {
        let nameQuoted: String
        let idVar: String
        let secretVar: String
    }

    let probes: [Probe]
    let tokens: [TokenHeaders]
    /// Token credentials the probes need beyond the API token's.
    let extraCredentials: [GatewayCredentials.Credential]

    init(_ deployment: Deployment, credentials: GatewayCredentials) {
        let t = deployment.topology
        var seen: Set<String> = []
        var probes: [Probe] = []
        var usedTokens: [String] = []
        for expectation in deployment.expectations {
            let request = expectation.request
            let token: String?
            switch request.principal {
            case .email: continue
            case .anonymous: token = nil
            case .token(let name): token = name
            }
            let check: String
            switch expectation.outcome {
            case .origin: check = "expect_origin"
            case .blocked: check = "expect_blocked"
            case .accessLogin: check = "expect_login"
            case .accessDenied: check = "expect_denied"
            case .notFound: check = "expect_not_found"
            case .refused: check = "expect_refused"
            }
            guard seen.insert("\(check) \(request.method) \(request.url) \(token ?? "")").inserted else { continue }
            if let token, !usedTokens.contains(token) { usedTokens.append(token) }
            probes.append(Probe(check: check, label: Shell.quoted("\(request.principal), \(expectation.source)"), method: request.method,
                                url: Shell.quoted(request.url), token: Shell.quoted(token ?? "")))
        }
        self.probes = probes

        var extra: [GatewayCredentials.Credential] = []
        var headers: [TokenHeaders] = []
        for name in usedTokens {
            guard let token = t.serviceToken(named: name) else { continue }
            if name == credentials.token?.name, let id = credentials.clientID, let secret = credentials.clientSecret {
                headers.append(TokenHeaders(nameQuoted: Shell.quoted(name), idVar: id.variable, secretVar: secret.variable))
                continue
            }
            let id = Self.credential(token.clientIDSecret, of: name, in: t), secret = Self.credential(token.clientSecretSecret, of: name, in: t)
            extra += [id, secret]
            headers.append(TokenHeaders(nameQuoted: Shell.quoted(name), idVar: id.variable, secretVar: secret.variable))
        }
        tokens = headers
        extraCredentials = extra
    }

    /// The variable a token's secret is read from: the name a consumer carrying the token gives
    /// it, else the secret's own `env`, else its name in upper case.
    static func credential(_ secretName: String, of token: String, in t: Topology) -> GatewayCredentials.Credential {
        let secret = t.secret(named: secretName)
        for consumer in t.consumers where t.carriedToken(consumer) == token {
            for variable in consumer.variables {
                if case .secret(let name) = variable.value, name == secretName { return .init(variable: variable.name, secret: secret) }
            }
        }
        return .init(variable: secret?.env ?? EnvNames.screaming(secretName), secret: secret)
    }
}
