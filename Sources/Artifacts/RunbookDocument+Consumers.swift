import Deployment
import Formats
import TopologyModel

// Wiring each consumer: its contract as a table, which client reads it, and, where no variable
// can carry the Access headers, the lines its code needs. The words are in
// templates/runbook/consumer.mustache; the code lines are built here from the contract's names.
extension RunbookDocument {
    struct ConsumerStep {
        struct Row { let variable: String; let value: String; let from: String }
        struct HeaderVariable { let name: String; let client: String; let since: String }
        struct Code { let python: String; let node: String; let missing: [String] }
        struct EdgeRetry { let client: String; let edge: Int; let timeout: Int; let retries: Int; let attempts: Int; let noRetry: String }

        let name: String
        let host: String
        let hostCode: String
        let nameCode: String
        let ssh: String
        let overTunnel: Bool
        let gatewayHost: String
        let fragment: String
        let envFile: String
        let client: [String]
        let rows: [Row]
        let headerVariable: [HeaderVariable]
        let code: [Code]
        /// Tunnel consumers on an SDK: what a request slower than the edge's timeout costs.
        let edgeRetry: [EdgeRetry]
        let chmod: String
    }

    static func consumerSteps(_ d: Deployment) -> [ConsumerStep] {
        let t = d.topology
        let code = Markdown.code
        return t.consumers.map { consumer in
            let ssh = d.topology.sshAlias(forHost: consumer.host)
            let rows = consumer.environment.map { variable in
                let resolved = try? ConsumerValues.resolve(variable, of: consumer, in: t)
                let from: String
                switch variable.value {
                case .baseURL: from = "derived (\(consumer.reach.rawValue))"
                case .secret(let name): from = t.secret(named: name).map { RunbookDocument.place(of: $0) } ?? "?"
                case .accessHeadersJSON(let token), .accessHeaders(let token): from = "service token \(code(token)), from the keychain entries above"
                case .literal: from = "fixed in the profile"
                }
                return ConsumerStep.Row(variable: code(variable.name), value: Markdown.cell(code(resolved?.value ?? "?")), from: from)
            }
            let readable = consumer.client?.readableHeaderVariable
            let sendsHeaders = consumer.environment.contains { if case .accessHeaders = $0.value { return true }; return false }
            let header = (readable != nil && sendsHeaders) ? [ConsumerStep.HeaderVariable(
                name: code(readable!.name), client: code(consumer.client!.spelling), since: readable!.since.map(String.init).joined(separator: "."))] : []
            let needsCode = consumer.reach == .tunnel && t.apiServiceToken != nil && header.isEmpty
            return ConsumerStep(
                name: Markdown.text(consumer.name), host: Markdown.text(consumer.host), hostCode: code(consumer.host), nameCode: code(consumer.name),
                ssh: code(Shell.login(ssh)), overTunnel: consumer.reach == .tunnel,
                gatewayHost: code(t.gateway.host), fragment: code(d.paths.consumerEnv(consumer)), envFile: code(consumer.envFile),
                client: consumer.client.map { [code($0.spelling)] } ?? [], rows: rows, headerVariable: header,
                code: needsCode ? [codeLines(consumer, t)] : [],
                edgeRetry: edgeRetry(consumer),
                chmod: Markdown.block([Shell.remote(ssh, Shell.command(["chmod", "600", "--"]) + " " + Shell.quotedPath(consumer.envFile))]))
        }
    }

    static func edgeRetry(_ consumer: Consumer) -> [ConsumerStep.EdgeRetry] {
        guard consumer.reach == .tunnel, let client = consumer.client, let defaults = client.requestDefaults else { return [] }
        return [ConsumerStep.EdgeRetry(client: Markdown.code(client.spelling), edge: EdgeTimeouts.proxyRead, timeout: defaults.timeoutSeconds,
                                       retries: defaults.retries, attempts: defaults.retries + 1, noRetry: Markdown.code(defaults.noRetry))]
    }

    /// The client construction a consumer's code needs to send the Access headers itself, in
    /// Python and Node, reading the contract's own variable names.
    static func codeLines(_ consumer: Consumer, _ t: Topology) -> ConsumerStep.Code {
        let token = t.apiServiceToken
        let accessSecrets = Set(t.access.serviceTokens.flatMap { [$0.clientIDSecret, $0.clientSecretSecret] })
        func named(_ match: (EnvVariable.Value) -> Bool) -> String? { consumer.environment.first { match($0.value) }?.name }
        let base = named { if case .baseURL = $0 { return true }; return false }
        let key = named { if case .secret(let s) = $0 { return !accessSecrets.contains(s) }; return false }
        let id = named { if case .secret(let s) = $0 { return s == token?.clientIDSecret }; return false }
        let secret = named { if case .secret(let s) = $0 { return s == token?.clientSecretSecret }; return false }
        let prefix = consumer.namePrefix ?? ""
        let names = (base ?? prefix + "BASE_URL", key ?? prefix + "API_KEY", id ?? prefix + "CF_ACCESS_CLIENT_ID", secret ?? prefix + "CF_ACCESS_CLIENT_SECRET")
        let missing = [(base, names.0), (key, names.1), (id, names.2), (secret, names.3)].filter { $0.0 == nil }.map { Markdown.code($0.1) }
        let python = Markdown.block([
            "import os",
            "from openai import OpenAI",
            "",
            "client = OpenAI(",
            "    base_url=os.environ[\"\(names.0)\"],",
            "    api_key=os.environ[\"\(names.1)\"],",
            "    default_headers={",
            "        \"\(Access.clientIDHeader)\": os.environ[\"\(names.2)\"],",
            "        \"\(Access.clientSecretHeader)\": os.environ[\"\(names.3)\"],",
            "    },",
            ")",
        ], language: "python")
        let node = Markdown.block([
            "import OpenAI from \"openai\";",
            "",
            "const client = new OpenAI({",
            "  baseURL: process.env.\(names.0),",
            "  apiKey: process.env.\(names.1),",
            "  defaultHeaders: {",
            "    \"\(Access.clientIDHeader)\": process.env.\(names.2),",
            "    \"\(Access.clientSecretHeader)\": process.env.\(names.3),",
            "  },",
            "});",
        ], language: "js")
        return ConsumerStep.Code(python: python, node: node, missing: missing)
    }
}
