import TopologyModel

/// Secrets are declared once, with where they live; files that hold them are private.
enum SecretRules {
    static let all: [Rule] = [fileSecretsArePrivate, secretsAreUsed, secretsSayHowToObtain]

    static let fileSecretsArePrivate = Rule("file-secrets-private", reads: [.secrets]) { t in
        var report = Report(t)
        for (i, secret) in t.secrets.enumerated() {
            guard let mode = secret.mode, let bits = Int(mode, radix: 8) else { continue }
            if bits & 0o077 != 0 {
                report.error("secrets[\(i)].mode", "mode \(mode) lets other users read \(secret.location)",
                             hint: "use \"0600\" (or \"0400\"): only the owner may read a secret file")
            }
        }
        return report.items
    }

    static let secretsAreUsed = Rule("secrets-used", reads: [.gateway, .tunnel, .access, .consumers, .secrets]) { t in
        var report = Report(t)
        var used = Set(t.gateway.secrets + [t.gateway.adminSecret])
        if let token = t.tunnel.tokenSecret { used.insert(token) }
        for token in t.access.serviceTokens { used.formUnion([token.clientIDSecret, token.clientSecretSecret]) }
        let tokens = FirstByKey(t.access.serviceTokens, \.name)
        for consumer in t.consumers {
            for variable in consumer.variables {
                switch variable.value {
                case .secret(let name): used.insert(name)
                case .accessHeadersJSON(let token), .accessHeaders(let token):
                    if let token = tokens[token] { used.formUnion([token.clientIDSecret, token.clientSecretSecret]) }
                default: break
                }
            }
        }
        for (i, secret) in t.secrets.enumerated() where !used.contains(secret.name) {
            report.warning("secrets[\(i)].name", "secret '\(secret.name)' is declared but nothing uses it",
                           hint: "remove it, or reference it from the gateway, tunnel, a service token or a consumer")
        }
        return report.items
    }

    /// A command is run as written (its output is the value); instructions are read by a
    /// person. A secret is one or the other, or names who provides it.
    static let secretsSayHowToObtain = Rule("secret-obtain", reads: [.secrets]) { t in
        var report = Report(t)
        for (i, secret) in t.secrets.enumerated() {
            if secret.generate != nil, secret.instructions != nil {
                report.error("secrets[\(i)].instructions", "secret '\(secret.name)' has both a command (generate) and instructions",
                             hint: "keep `generate:` for a command whose output is the value, or `instructions:` for words a person follows")
            } else if secret.obtain == nil, secret.providedBy == nil {
                report.error("secrets[\(i)]", "secret '\(secret.name)' says neither how to obtain it nor who provides it",
                             hint: "add `generate: COMMAND`, `instructions: TEXT` or `provided_by: WHO`")
            }
        }
        return report.items
    }
}
