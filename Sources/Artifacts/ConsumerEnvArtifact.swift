import Formats
import Foundation
import Rendering
import Deployment
import TopologyModel

/// `consumers/<consumer>.env`: each consumer's side of the gateway contract (plan §8), in the
/// dotenv dialect python-dotenv, Compose's `env_file` and a POSIX shell read alike. Values are
/// derived, never copied: the base URL from how the consumer reaches the gateway, the Access
/// header names from `Access`, and every secret as a placeholder naming where it lives.
public struct ConsumerEnvArtifact: Artifact {
    public init() {}
    public var name: String { "consumer-env" }
    static let template = "consumer.env"


    public func plan(_ deployment: Deployment) throws -> [PlannedFile] {
        let topology = deployment.topology
        return try topology.consumers.map { consumer in
            let document = try ConsumerEnvDocument(topology, consumer: consumer)
            let expected = document.variables.map { ($0.name, $0.value) }
            let dotenv = Oracle.dotenv(expected, template: Self.template)
            return PlannedFile(path: deployment.paths.consumerEnv(consumer), template: Self.template, context: document, verify: { text in
                try dotenv(text)
                try document.verifyJSON(template: Self.template)
            })
        }
    }
}

/// What a consumer's variables hold, as the consumer will read them. Shared by the env files,
/// the verification script and the runbook, so each name and value is derived once.
enum ConsumerValues {
    struct Resolved {
        let value: String
        /// Comment lines for above the variable (where a secret lives, when to rotate it).
        let comments: [String]
        /// JSON values are checked by parsing them back.
        let json: [String: String]?
        /// `Name: value` header lines, checked by parsing them back the way the SDKs do.
        var headerLines: [String: String]? = nil
    }

    static func resolve(_ variable: EnvVariable, of consumer: Consumer, in topology: Topology) throws -> Resolved {
        func refuse(_ message: String) -> ArtifactInvariantViolation {
            ArtifactInvariantViolation(artifact: "consumer-env", message: "consumer \(consumer.name), \(variable.name): \(message)")
        }
        switch variable.value {
        case .baseURL:
            let url = topology.baseURL(for: consumer)
            switch consumer.reach {
            case .tunnel:
                return Resolved(value: url, comments: ["The gateway through its public hostname; Cloudflare Access admits only requests that carry the service-token headers."], json: nil)
            case .loopback:
                return Resolved(value: url, comments: ["The gateway over \(topology.gateway.host)'s loopback: reachable only from the host's own network namespace (not from a bridge-networked container)."], json: nil)
            }
        case .secret(let name):
            guard let secret = topology.secret(named: name) else { throw refuse("no secret named '\(name)'") }
            return Resolved(value: secret.placeholder, comments: ["secret \(secret.name): \(secret.whereAndWhen)"], json: nil)
        case .accessHeadersJSON(let tokenName):
            guard let token = topology.serviceToken(named: tokenName) else { throw refuse("no service token named '\(tokenName)'") }
            guard let id = topology.secret(named: token.clientIDSecret), let secret = topology.secret(named: token.clientSecretSecret) else {
                throw refuse("service token \(tokenName) names a secret that is not declared")
            }
            let pairs = [(Access.clientIDHeader, id.placeholder), (Access.clientSecretHeader, secret.placeholder)]
            // Compact, keys sorted (Id before Secret), slashes unescaped: one deterministic line.
            // The header names are constants, but no map here is built so that it could trap.
            let headers = Dictionary(pairs, uniquingKeysWith: { first, _ in first })
            let data = try JSONSerialization.data(withJSONObject: headers,
                                                  options: [.sortedKeys, .withoutEscapingSlashes])
            let json = String(decoding: data, as: UTF8.self)
            return Resolved(value: json, comments: [
                "Cloudflare Access service token \(token.name) as a JSON object of request headers.",
                "\(Access.clientIDHeader): secret \(id.name): \(id.whereAndWhen)",
                "\(Access.clientSecretHeader): secret \(secret.name): \(secret.whereAndWhen)",
            ], json: headers)
        case .accessHeaders(let tokenName):
            guard let token = topology.serviceToken(named: tokenName) else { throw refuse("no service token named '\(tokenName)'") }
            guard let id = topology.secret(named: token.clientIDSecret), let secret = topology.secret(named: token.clientSecretSecret) else {
                throw refuse("service token \(tokenName) names a secret that is not declared")
            }
            guard let client = consumer.client, let header = client.headerVariable else {
                throw refuse("access_headers needs a client that reads a header variable")
            }
            let pairs = [(Access.clientIDHeader, id.placeholder), (Access.clientSecretHeader, secret.placeholder)]
            let readers = client.readableHeaderVariable == nil
                ? "No \(client.kind.rawValue) before \(header.since.map(String.init).joined(separator: ".")) reads it: the RUNBOOK's code lines send the headers instead."
                : "Read by \(client.spelling) when the client is constructed; explicit default headers in code override it."
            return Resolved(value: ConsumerClient.render(pairs, as: header.format), comments: [
                "Cloudflare Access service token \(token.name), one `Name: value` header per line.",
                readers,
                "\(Access.clientIDHeader): secret \(id.name): \(id.whereAndWhen)",
                "\(Access.clientSecretHeader): secret \(secret.name): \(secret.whereAndWhen)",
            ], json: nil, headerLines: Dictionary(uniqueKeysWithValues: pairs))
        case .literal(let text):
            return Resolved(value: text, comments: [], json: nil)
        }
    }

    /// The value as written after `NAME=`, or why no quoting survives every reader.
    /// On top of `Dotenv.quoted` (single quote, line breaks): python-dotenv expands `${…}` even
    /// inside single quotes, and Compose prints `$` doubled, so a `$` is refused too.
    static func quoted(_ value: String) -> Result<String, QuotingProblem> {
        guard let quoted = Dotenv.quoted(value) else {
            return .failure(QuotingProblem(reason: Dotenv.unwritableReason(value) ?? "it cannot be quoted"))
        }
        return .success(quoted)
    }

    struct QuotingProblem: Error, Equatable { let reason: String }
}

struct ConsumerEnvDocument {
    struct Variable {
        let comments: [String]
        let name: String
        /// What readers must get back.
        let value: String
        /// What the template writes after `NAME=`.
        let quoted: String
        /// Non-empty when the value is a JSON object; one element, the expected map.
        let json: [[String: String]]
        /// Non-empty when the value is `Name: value` header lines; one element, the expected map.
        let headerLines: [[String: String]]
    }

    let header: String
    /// The comment block under the header, every line `#`-prefixed (names are profile text).
    let intro: String
    /// Which program reads the file, as the profile states it (also in `intro`).
    let readBy: String
    let variables: [Variable]

    init(_ topology: Topology, consumer: Consumer) throws {
        header = GeneratedHeader.hash(topology, template: ConsumerEnvArtifact.template)
        let ssh = topology.sshAlias(forHost: consumer.host)
        let reach: String
        switch consumer.reach {
        case .tunnel: reach = "through the tunnel (\(topology.baseURL(for: consumer)))"
        case .loopback: reach = "over \(topology.gateway.host)'s loopback (\(topology.baseURL(for: .loopback)))"
        }
        readBy = consumer.client.map { "Read by \($0.spelling), as the profile states." } ?? "The profile does not say which client reads it."
        intro = Comment.block("""

            The gateway contract of \(consumer.name) on \(consumer.host), which reaches the gateway
            \(reach).
            \(readBy)
            Merge these lines into \(consumer.envFile) on \(consumer.host) (ssh \(ssh)), replace each
            <keychain:…>/<file:…> placeholder inside its quotes with the value it names, keep that file
            mode 600, then restart \(consumer.name). Values stay single-quoted: python-dotenv, Docker
            Compose's env_file and `set -a; . FILE` in a shell all read them literally.
            """)
        variables = try consumer.environment.map { variable in
            let resolved = try ConsumerValues.resolve(variable, of: consumer, in: topology)
            let quoted: String
            switch ConsumerValues.quoted(resolved.value) {
            case .success(let text): quoted = text
            case .failure(let problem):
                throw ArtifactInvariantViolation(artifact: "consumer-env", message: "consumer \(consumer.name), \(variable.name): the value cannot be written so every reader gets it back: \(problem.reason)")
            }
            return Variable(comments: resolved.comments.flatMap { Comment.lines($0) },
                            name: variable.name, value: resolved.value, quoted: quoted, json: resolved.json.map { [$0] } ?? [],
                            headerLines: resolved.headerLines.map { [$0] } ?? [])
        }
    }

    /// JSON values and header lines must parse back to exactly the header map they were built
    /// from (header lines as the SDKs split them: at the first colon, trimmed).
    func verifyJSON(template: String) throws {
        for variable in variables {
            if let expected = variable.headerLines.first {
                let parsed = ConsumerClient.parse(variable.value, as: .lines)
                if Dictionary(parsed, uniquingKeysWith: { a, _ in a }) != expected || parsed.count != expected.count {
                    throw RoundTripFailure(template: "templates/\(template).mustache", line: nil,
                                           message: "\(variable.name) does not parse back as the header lines \(expected)")
                }
            }
            guard let expected = variable.json.first else { continue }
            let parsed = try? JSONSerialization.jsonObject(with: Data(variable.value.utf8)) as? [String: String]
            if parsed != expected {
                throw RoundTripFailure(template: "templates/\(template).mustache", line: nil,
                                       message: "\(variable.name) does not parse back as the JSON object \(expected)")
            }
        }
    }
}
