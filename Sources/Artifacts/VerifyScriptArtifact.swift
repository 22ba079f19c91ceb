import Formats
import Foundation
import Deployment
import TopologyModel

/// `scripts/verify.sh`: plan §9 as a script. A loopback probe over ssh, anonymous requests
/// refused at the edge (one per Access surface, and the default deny), the service token let
/// through, `/v1/models` with the API key, a streaming completion that proves server-sent events
/// pass the tunnel, then the live-tail commands. Secrets come from the environment under the
/// consumers' own variable names, and reach curl as header lines on a file descriptor.
public struct VerifyScriptArtifact: Artifact {
    public init() {}
    public var name: String { "verify-script" }
    static let template = "verify.sh"

    /// `VERIFY_MODEL` overrides the profile's `expectations.streaming_model` for one run.
    public static let modelOverride = "VERIFY_MODEL"

    public func plan(_ deployment: Deployment) throws -> [PlannedFile] {
        let document = VerifyScriptDocument(deployment)
        return [PlannedFile(path: deployment.paths.verifyScript, template: Self.template, context: document, executable: true,
                            verify: { text in try VerifyScriptFile.verify(text, against: document, template: Self.template) })]
    }
}

/// The three credentials a client of the public endpoint needs, under the names a consumer's
/// contract gives them, so the script reads what the operator already has in a consumer's `.env`.
struct GatewayCredentials {
    struct Credential {
        /// The environment variable name.
        let variable: String
        let secret: Secret?
    }

    let apiKey: Credential
    /// The service token the `/v1/*` surface accepts, when Access guards it with one.
    let token: ServiceToken?
    let clientID: Credential?
    let clientSecret: Credential?
    /// The consumer whose contract the names come from, if any.
    let source: String?

    init(_ topology: Topology) {
        let token = topology.apiServiceToken
        self.token = token
        let accessSecrets = Set(topology.access.serviceTokens.flatMap { [$0.clientIDSecret, $0.clientSecretSecret] })
        func secretVariable(_ consumer: Consumer, _ match: (String) -> Bool) -> EnvVariable? {
            consumer.environment.first { if case .secret(let name) = $0.value { return match(name) }; return false }
        }
        func apiKeyVariable(_ consumer: Consumer) -> EnvVariable? { secretVariable(consumer) { !accessSecrets.contains($0) } }
        func tokenVariable(_ consumer: Consumer, _ secret: String?) -> EnvVariable? {
            guard let secret else { return nil }
            return secretVariable(consumer) { $0 == secret }
        }
        // Tunnel consumers first: they use the same path as this script.
        let ordered = topology.consumers.filter { $0.reach == .tunnel } + topology.consumers.filter { $0.reach == .loopback }
        let complete = ordered.first { consumer in
            apiKeyVariable(consumer) != nil
                && (token == nil || (tokenVariable(consumer, token?.clientIDSecret) != nil && tokenVariable(consumer, token?.clientSecretSecret) != nil))
        }
        let chosen = complete ?? ordered.first { apiKeyVariable($0) != nil }
        source = chosen?.name

        func secretName(of variable: EnvVariable?) -> String? {
            if case .secret(let name)? = variable?.value { return name }
            return nil
        }
        if let chosen, let variable = apiKeyVariable(chosen) {
            apiKey = Credential(variable: variable.name, secret: secretName(of: variable).flatMap(topology.secret(named:)))
        } else {
            apiKey = Credential(variable: EnvNames.screaming(topology.gateway.name) + "_API_KEY", secret: nil)
        }
        func credential(_ secretName: String) -> Credential {
            let secret = topology.secret(named: secretName)
            if let chosen, let variable = tokenVariable(chosen, secretName) { return Credential(variable: variable.name, secret: secret) }
            return Credential(variable: secret?.env ?? EnvNames.screaming(secretName), secret: secret)
        }
        clientID = token.map { credential($0.clientIDSecret) }
        clientSecret = token.map { credential($0.clientSecretSecret) }
    }

    var all: [Credential] { [apiKey] + [clientID, clientSecret].compactMap { $0 } }
}

/// Commands an operator runs, built once for the script and the runbook alike.
enum OperatorCommands {
    /// `ssh vultr 'journalctl -u newapi-cloudflared -f'` and the container's logs and stats.
    static func liveTail(_ topology: Topology) -> [String] {
        let ssh = topology.sshAlias(forHost: topology.gateway.host)
        let container = topology.gateway.containerName
        return [
            Shell.remote(ssh, words: ["journalctl", "-u", topology.tunnel.unitStem, "-f"]),
            Shell.remote(ssh, words: ["docker", "logs", "-f", "--", container]),
            Shell.remote(ssh, words: ["docker", "stats", "--no-stream", "--", container]),
        ]
    }

    /// A shell line that puts a secret into the environment without showing it.
    static func export(_ credential: GatewayCredentials.Credential, topology: Topology) -> String {
        guard let secret = credential.secret else { return "export \(credential.variable)=…   # the gateway API token" }
        switch secret.store {
        case .keychain:
            return "export \(credential.variable)=\"$(security find-generic-password -w -s \(Shell.quoted(secret.location)))\""
        case .file:
            let ssh = secret.host.map(topology.sshAlias(forHost:)) ?? "HOST"
            return "export \(credential.variable)=\"$(\(Shell.remote(ssh, words: ["cat", "--", secret.location])))\""
        }
    }
}

struct VerifyScriptDocument {
    struct Constant {
        let name: String
        let value: String
        let quoted: String
    }

    struct Required {
        let name: String
        let whereQuoted: String
    }

    let header: String
    /// The comment block under the header: how to run the script (profile text inside, so
    /// every line is built `#`-prefixed here, never in the template).
    let intro: String
    let constants: [Constant]
    let required: [Required]
    let apiKeyVar: String
    let clientIDVar: String
    let clientSecretVar: String
    /// True when the `/v1/*` surface takes a service token (a section flag).
    let access: Bool
    /// The request expectations that can be probed from a workstation.
    let probes: [VerifyProbes.Probe]
    let tokens: [VerifyProbes.TokenHeaders]
    let loopbackProbe: String
    let tailCommands: [String]

    /// Variables the script itself assigns (the oracle's list; not rendered).
    static let locals: Set<String> = ["MODEL", "missing", "name", "api_key", "client_id", "client_secret", "status",
                                      "code", "body", "payload", "result", "events", "location", "line", "last", "first_at",
                                      "last_at", "EPOCHREALTIME", "http_result", "data", "gap", "now"]

    init(_ deployment: Deployment) {
        let topology = deployment.topology
        let gateway = topology.gateway
        let credentials = GatewayCredentials(topology)
        let edgeProbes = VerifyProbes(deployment, credentials: credentials)
        let everyCredential = credentials.all + edgeProbes.extraCredentials
        header = GeneratedHeader.hash(topology, template: VerifyScriptArtifact.template)
        let ssh = topology.sshAlias(forHost: gateway.host)
        let exports = everyCredential.map { "  " + OperatorCommands.export($0, topology: topology) }
        let contract = credentials.source.map { "the env contract of consumer \($0)" } ?? "the gateway's secrets"
        intro = Comment.block("""

            End-to-end check of the \(gateway.name) gateway of profile \(topology.name)\(topology.plan == nil ? "" : " (plan §9)"). Run it from a
            workstation that has curl and `\(Shell.login(ssh))`. It reads its secrets from the environment, under
            the names of \(contract):

            \(exports.joined(separator: "\n"))
              bash scripts/verify.sh

            Secrets reach curl as header lines on a file descriptor (-H @FILE), never on a command line.
            One PASS line per check; the first failure prints a FAIL line saying what failed and exits 1.
            """)
        let loopbackURL = topology.gatewayOrigin + gateway.healthcheck.path
        var values: [(String, String)] = [
            ("GATEWAY_HOST", gateway.host),
            ("SSH_HOST", ssh),
            ("LOOPBACK_URL", loopbackURL),
            ("BASE_URL", topology.baseURL(for: .tunnel)),
            ("UNIT", topology.tunnel.unitStem),
            ("CONTAINER", gateway.containerName),
        ]
        if credentials.token != nil || !edgeProbes.tokens.isEmpty {
            values += [("CLIENT_ID_HEADER", Access.clientIDHeader), ("CLIENT_SECRET_HEADER", Access.clientSecretHeader)]
        }
        // An Access login is a redirect to the team's domain; without the team, to any team's.
        values.append(("LOGIN_PATTERN", topology.access.teamDomain.map { "^https://\($0.replacingOccurrences(of: ".", with: "\\."))/cdn-cgi/access/login/" }
                        ?? "^https://[a-z0-9-]+\\.cloudflareaccess\\.com/cdn-cgi/access/login/"))
        values.append(("DEFAULT_MODEL", topology.expectations.streamingModel ?? ""))
        constants = values.map { Constant(name: $0.0, value: $0.1, quoted: Shell.quoted($0.1)) }
        required = everyCredential.map { credential in
            let place = credential.secret.map { "secret \($0.name): \($0.whereAndWhen)" } ?? "the gateway API token"
            return Required(name: credential.variable, whereQuoted: Shell.quoted(Visible.line(place)))
        }
        apiKeyVar = credentials.apiKey.variable
        clientIDVar = credentials.clientID?.variable ?? ""
        clientSecretVar = credentials.clientSecret?.variable ?? ""
        access = credentials.token != nil

        probes = edgeProbes.probes
        tokens = edgeProbes.tokens
        loopbackProbe = Shell.quoted(Shell.command(["curl", "-fsS", "--max-time", "10", loopbackURL]))
        tailCommands = OperatorCommands.liveTail(topology)
    }

    /// Constant names are the template's own; the first one wins rather than a trap.
    var constantMap: [String: String] { Dictionary(constants.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first }) }
    var declared: Set<String> {
        VerifyScriptDocument.locals.union(constants.map(\.name)).union(required.map(\.name)).union([VerifyScriptArtifact.modelOverride])
    }
}

/// The in-process oracle for the script: what must hold of any script topogen writes, read from
/// the rendered text (CI adds `bash -n` and ShellCheck at all severities).
enum VerifyScriptFile {
    static func verify(_ text: String, against document: VerifyScriptDocument, template: String) throws {
        let file = "templates/\(template).mustache"
        let lines = Lines.split(text)
        guard lines.first == "#!/usr/bin/env bash" else {
            throw RoundTripFailure(template: file, line: 1, message: "the first line must be #!/usr/bin/env bash")
        }
        let firstCommand = lines.indices.dropFirst().first { !lines[$0].trimmingCharacters(in: .whitespaces).isEmpty && !lines[$0].hasPrefix("#") }
        guard let firstCommand, lines[firstCommand] == "set -euo pipefail" else {
            throw RoundTripFailure(template: file, line: firstCommand.map { $0 + 1 }, message: "the first command must be `set -euo pipefail`")
        }
        // Constants read back as the document's values.
        var constants: [String: String] = [:]
        for (index, line) in lines.enumerated() where line.hasPrefix("readonly ") {
            let assignment = line.dropFirst("readonly ".count)
            guard let equals = assignment.firstIndex(of: "=") else { continue }
            let name = String(assignment[..<equals])
            let word = String(assignment[assignment.index(after: equals)...])
            if word.hasPrefix("\"") { continue }   // MODEL="${VERIFY_MODEL:-…}" is an expansion, not a constant
            guard let value = Shell.unquoted(word) else {
                throw RoundTripFailure(template: file, line: index + 1, message: "readonly \(name): '\(word)' is not one quoted word")
            }
            constants[name] = value
        }
        if constants != document.constantMap {
            let names = Set(constants.keys).union(document.constantMap.keys).sorted()
            let first = names.first { constants[$0] != document.constantMap[$0] } ?? "?"
            throw RoundTripFailure(template: file, line: nil,
                                   message: "constant \(first): expected \(document.constantMap[first] ?? "none"), found \(constants[first] ?? "none")")
        }
        // The required variables are the ones the loop checks.
        let wanted = document.required.map(\.name)
        guard let loop = lines.firstIndex(where: { $0.hasPrefix("for name in ") }) else {
            throw RoundTripFailure(template: file, line: nil, message: "no `for name in …` loop over the required variables")
        }
        let listed = lines[loop].dropFirst("for name in ".count).split(separator: ";").first.map { $0.split(separator: " ").map(String.init) } ?? []
        if listed != wanted {
            throw RoundTripFailure(template: file, line: loop + 1, message: "the loop checks \(listed), expected \(wanted)")
        }
        // Every variable read is declared by the document.
        for (name, line) in reads(lines) where !document.declared.contains(name) {
            throw RoundTripFailure(template: file, line: line, message: "the script reads $\(name), which the document does not declare")
        }
    }

    /// `$NAME` and `${NAME…}` read outside single quotes, comments and quoted here-documents,
    /// with their line numbers. Positional and special parameters are not names.
    static func reads(_ lines: [String]) -> [(String, Int)] {
        enum Context { case code(depth: Int), double, single }
        var stack: [Context] = [.code(depth: 0)]
        var found: [(String, Int)] = []
        var heredoc: String?
        for (index, line) in lines.enumerated() {
            if let end = heredoc {
                if line == end { heredoc = nil }
                continue
            }
            if let range = line.range(of: "<<'") {
                let rest = line[range.upperBound...]
                if let close = rest.firstIndex(of: "'") { heredoc = String(rest[..<close]) }
            }
            let chars = Array(line)
            var i = 0
            func identifier(from start: Int) -> (String, Int) {
                var j = start
                while j < chars.count, chars[j] == "_" || (chars[j].isASCII && (chars[j].isLetter || chars[j].isNumber)) { j += 1 }
                return (String(chars[start..<j]), j)
            }
            func dollar() {
                // chars[i] == "$"
                guard i + 1 < chars.count else { i += 1; return }
                let next = chars[i + 1]
                if next == "(" {
                    stack.append(.code(depth: 0))
                    i += 2
                } else if next == "{" {
                    var start = i + 2
                    if start < chars.count, chars[start] == "!" || chars[start] == "#" { start += 1 }
                    let (name, end) = identifier(from: start)
                    if let first = name.first, !first.isNumber, chars[i + 2] != "!" { found.append((name, index + 1)) }
                    i = max(end, i + 2)
                } else if next == "_" || (next.isASCII && next.isLetter) {
                    let (name, end) = identifier(from: i + 1)
                    found.append((name, index + 1))
                    i = end
                } else {
                    i += 2
                }
            }
            lineLoop: while i < chars.count {
                let c = chars[i]
                switch stack.last! {
                case .single:
                    if c == "'" { stack.removeLast() }
                    i += 1
                case .double:
                    if c == "\\" { i += 2 } else if c == "\"" { stack.removeLast(); i += 1 } else if c == "$" { dollar() } else { i += 1 }
                case .code(let depth):
                    if c == "\\" { i += 2; continue }
                    if c == "#", i == 0 || chars[i - 1] == " " || chars[i - 1] == "\t" { break lineLoop }
                    if c == "'" { stack.append(.single) } else if c == "\"" { stack.append(.double) }
                    else if c == "$" { dollar(); continue }
                    else if c == "(", stack.count > 1 { stack[stack.count - 1] = .code(depth: depth + 1) }
                    else if c == ")", stack.count > 1 {
                        if depth > 0 { stack[stack.count - 1] = .code(depth: depth - 1) } else { stack.removeLast() }
                    }
                    i += 1
                }
            }
        }
        return found
    }
}
