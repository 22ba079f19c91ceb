import TopologyModel

/// Names that point at other parts of the profile must point at something.
enum ReferenceRules {
    static let all: [Rule] = [uniqueHostNames, gatewayHostExists, gatewaySecretsExist, tunnelTokenSecretExists,
                              serviceTokenSecretsExist, secretHostsExist, uniqueSecretNames]

    static let uniqueHostNames = Rule("unique-host-names", reads: [.hosts]) { t in
        var report = Report(t)
        var seen: Set<String> = []
        for (i, host) in t.hosts.enumerated() where !seen.insert(host.name).inserted {
            report.error("hosts[\(i)].name", "host '\(host.name)' is declared twice", hint: "give each host a unique name")
        }
        return report.items
    }

    static let gatewayHostExists = Rule("gateway-host-exists", reads: [.hosts, .gateway]) { t in
        var report = Report(t)
        if t.host(named: t.gateway.host) == nil {
            report.error("gateway.host", "no host named '\(t.gateway.host)'",
                         hint: "use one of: \(t.hosts.map(\.name).joined(separator: ", "))")
        }
        return report.items
    }

    static let gatewaySecretsExist = Rule("gateway-secrets-exist", reads: [.gateway, .secrets]) { t in
        var report = Report(t)
        let secrets = FirstByKey(t.secrets, \.name)
        for (i, name) in t.gateway.secrets.enumerated() {
            guard let secret = secrets[name] else {
                report.error("gateway.secrets[\(i)]", "no secret named '\(name)'", hint: "declare it under secrets:")
                continue
            }
            if secret.env == nil {
                report.error("gateway.secrets[\(i)]", "secret '\(name)' has no env name, so the container cannot read it",
                             hint: "add `env: VARIABLE_NAME` to the secret")
            }
        }
        if secrets[t.gateway.adminSecret] == nil {
            report.error("gateway.admin_secret", "no secret named '\(t.gateway.adminSecret)'", hint: "declare it under secrets:")
        }
        return report.items
    }

    static let tunnelTokenSecretExists = Rule("tunnel-token-secret", reads: [.gateway, .tunnel, .secrets]) { t in
        var report = Report(t)
        switch (t.tunnel.mode, t.tunnel.tokenSecret) {
        case (.remote, nil):
            report.error("tunnel.token_secret", "a remote-mode tunnel runs with a token, and none is declared",
                         hint: "add `token_secret: NAME` naming a root-only file secret on the gateway host")
        case (.remote, let name?):
            if let secret = t.secret(named: name) {
                if secret.store != .file || secret.host != t.gateway.host {
                    report.error("tunnel.token_secret", "the tunnel token must be a file on \(t.gateway.host), read by the unit",
                                 hint: "set kept_in: file and host: \(t.gateway.host) on secret '\(name)'")
                }
            } else {
                report.error("tunnel.token_secret", "no secret named '\(name)'", hint: "declare it under secrets:")
            }
        case (.local, _?):
            report.warning("tunnel.token_secret", "a local-mode tunnel runs from its config and credentials file; the token is unused",
                           hint: "remove token_secret, or switch to mode: remote")
        case (.local, nil):
            break
        }
        return report.items
    }

    static let serviceTokenSecretsExist = Rule("service-token-secrets", reads: [.access, .secrets]) { t in
        var report = Report(t)
        let secrets = FirstByKey(t.secrets, \.name)
        for (i, token) in t.access.serviceTokens.enumerated() {
            for (key, name) in [("client_id_secret", token.clientIDSecret), ("client_secret_secret", token.clientSecretSecret)]
            where secrets[name] == nil {
                report.error("access.service_tokens[\(i)].\(key)", "no secret named '\(name)'", hint: "declare it under secrets:")
            }
        }
        return report.items
    }

    static let secretHostsExist = Rule("secret-hosts", reads: [.hosts, .secrets]) { t in
        var report = Report(t)
        let hosts = FirstByKey(t.hosts, \.name)
        for (i, secret) in t.secrets.enumerated() {
            if secret.store == .file {
                if let host = secret.host, hosts[host] == nil {
                    report.error("secrets[\(i)].host", "no host named '\(host)'", hint: "use one of: \(t.hosts.map(\.name).joined(separator: ", "))")
                } else if secret.host == nil {
                    report.error("secrets[\(i)]", "a file secret needs the host it lives on", hint: "add `host: NAME`")
                }
                if secret.mode == nil {
                    report.error("secrets[\(i)]", "a file secret needs its file mode", hint: "add `mode: \"0600\"`")
                }
            }
        }
        return report.items
    }

    static let uniqueSecretNames = Rule("unique-secret-names", reads: [.secrets]) { t in
        var report = Report(t)
        var seen: Set<String> = []
        for (i, secret) in t.secrets.enumerated() where !seen.insert(secret.name).inserted {
            report.error("secrets[\(i)].name", "secret '\(secret.name)' is declared twice", hint: "give each secret a unique name")
        }
        return report.items
    }
}
