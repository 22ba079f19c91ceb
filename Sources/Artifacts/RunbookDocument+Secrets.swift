import Formats
import Deployment
import TopologyModel

// The secrets table and the phrasing every step uses for a secret (where it is kept, how to store
// it, who reads it), so a secret is described the same way wherever the runbook mentions it.
extension RunbookDocument {
    static func secretsTable(_ d: Deployment) -> String {
        let t = d.topology
        let code = Markdown.code
        let cell = Markdown.cell
        return Markdown.table(["secret", "kept in", "used by", "generate", "mode", "rotate"], t.secrets.map { secret in
            [code(secret.name), place(of: secret), users(of: secret, in: t).joined(separator: "; "),
             obtainCell(secret), secret.mode.map(code) ?? "—", cell(secret.rotate)]
        })
    }

    /// How a value is obtained, for a table cell: a command as code, instructions as words.
    static func obtainCell(_ secret: Secret) -> String {
        var parts: [String] = []
        if let provider = secret.providedBy { parts.append("provided by \(Markdown.cell(provider))") }
        switch secret.obtain {
        case .command(let command)?: parts.append(Markdown.cell(Markdown.code(command)))
        case .instructions(let words)?: parts.append(Markdown.cell(words))
        case nil: break
        }
        return parts.joined(separator: "; ")
    }

    /// A checklist step that obtains the value: run the command, follow the words, or ask.
    static func obtainStep(_ secret: Secret) -> String {
        var steps: [String] = []
        if let provider = secret.providedBy { steps.append("Ask \(Markdown.cell(provider)) for \(Markdown.code(secret.name))") }
        switch secret.obtain {
        case .command(let command)?: steps.append("Run \(Markdown.cell(Markdown.code(command)))")
        case .instructions(let words)?: steps.append(Markdown.cell(words))
        case nil: break
        }
        return steps.joined(separator: "; ")
    }

    /// Where a secret is kept, as the tables name it.
    static func place(of secret: Secret) -> String {
        switch secret.store {
        case .keychain: return "keychain entry \(Markdown.code(secret.location))"
        case .file: return Markdown.code(secret.location) + (secret.host.map { " on \(Markdown.code($0))" } ?? "")
        }
    }

    /// How to put a value into the secret's store without it landing on a command line.
    static func storeInstruction(_ secret: Secret, account: String, topology: Topology) -> String {
        switch secret.store {
        case .keychain:
            return Markdown.code("security add-generic-password -U -a \(Shell.quoted(account)) -s \(Shell.quoted(secret.location)) -w") + " (it prompts; paste the value)"
        case .file:
            let ssh = secret.host.map(topology.sshAlias(forHost:)) ?? "HOST"
            return Markdown.code(Shell.remote(ssh, words: ["install", "-m", secret.mode ?? "0600", "/dev/stdin", secret.location])) + " (paste the value, then Ctrl-D)"
        }
    }

    /// Who reads a secret, named the way the rest of the runbook names them.
    static func users(of secret: Secret, in t: Topology) -> [String] {
        var users: [String] = []
        if t.gateway.secrets.contains(secret.name) {
            users.append("\(Markdown.code(t.gateway.containerName)) at boot" + (secret.env.map { " as \(Markdown.code($0))" } ?? ""))
        }
        if t.gateway.adminSecret == secret.name { users.append("the new-api admin login") }
        if t.tunnel.tokenSecret == secret.name { users.append("\(Markdown.code(t.tunnel.unit)) (\(Markdown.code("LoadCredential=")))") }
        for token in t.access.serviceTokens where token.clientIDSecret == secret.name || token.clientSecretSecret == secret.name {
            users.append("Access service token \(Markdown.code(token.name))")
        }
        for consumer in t.consumers {
            for variable in consumer.environment {
                switch variable.value {
                case .secret(let name) where name == secret.name:
                    users.append("\(Markdown.code(consumer.name)) as \(Markdown.code(variable.name))")
                case .accessHeadersJSON(let tokenName), .accessHeaders(let tokenName):
                    if let token = t.serviceToken(named: tokenName), token.clientIDSecret == secret.name || token.clientSecretSecret == secret.name {
                        users.append("\(Markdown.code(consumer.name)) in \(Markdown.code(variable.name))")
                    }
                default: break
                }
            }
        }
        return users.isEmpty ? ["nothing yet"] : users
    }
}
