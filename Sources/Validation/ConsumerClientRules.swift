import TopologyModel

/// Whether the program that reads a consumer's contract really gets the Access headers from it:
/// a header variable only works when that client reads that name, in that format, at that
/// version. Where no variable can work, the consumer's code must send the headers; the RUNBOOK
/// gives the lines.
enum ConsumerClientRules {
    static let all: [Rule] = [
        Rule("consumer-header-variable-is-read", reads: [.consumers], headerVariableIsRead),
        Rule("consumer-default-headers-unread", reads: [.consumers], defaultHeadersUnread),
        Rule("consumer-code-sends-headers", reads: [.hostnames, .access, .consumers], codeSendsHeaders),
        Rule("loopback-consumer-sends-no-headers", reads: [.consumers], loopbackSendsNoHeaders),
        Rule("consumer-prefix-with-sdk", reads: [.consumers], prefixWithSDK),
    ]

    /// `value: access_headers` is rendered in the client's own format, so the client must be
    /// named, and the variable must be the one that client reads.
    static func headerVariableIsRead(_ t: Topology) -> [Diagnostic] {
        var report = Report(t)
        for (i, consumer) in t.consumers.enumerated() {
            for (j, variable) in consumer.environment.enumerated() {
                guard case .accessHeaders = variable.value else { continue }
                let path = "consumers[\(i)].variables[\(j)].value"
                guard let client = consumer.client else {
                    report.error(path, "\(consumer.name): access_headers is written in the format its client reads, but the consumer names no client",
                                 hint: "add `client: openai-python>=2.34.0` (or openai-node>=6.36.0, or own-code) to \(consumer.name)")
                    continue
                }
                guard let header = client.headerVariable else {
                    report.error(path, "\(consumer.name)'s client \(client.spelling) reads no header variable; \(variable.name) would be read by nothing",
                                 hint: "remove \(variable.name) and give the code the id and secret as secrets (the RUNBOOK shows the lines that send them)")
                    continue
                }
                if variable.name != header.name {
                    report.error(path, "\(client.kind.rawValue) reads its extra headers from \(header.name), not \(variable.name)",
                                 hint: "rename the variable to \(header.name)")
                }
            }
        }
        return report.items
    }

    /// `OPENAI_DEFAULT_HEADERS` is read by neither OpenAI SDK (a few other tools read it as JSON):
    /// an SDK consumer that relies on it reaches Access without its token.
    static func defaultHeadersUnread(_ t: Topology) -> [Diagnostic] {
        var report = Report(t)
        for (i, consumer) in t.consumers.enumerated() {
            guard let client = consumer.client, let header = client.headerVariable else { continue }
            for (j, variable) in consumer.environment.enumerated() where variable.name == "OPENAI_DEFAULT_HEADERS" {
                report.warning("consumers[\(i)].variables[\(j)].name",
                               "\(consumer.name): no OpenAI SDK reads OPENAI_DEFAULT_HEADERS, so \(client.spelling) sends no Access headers from it",
                               hint: "use `name: \(header.name)` with `value: access_headers` (read as `Name: value` lines from \(client.kind.rawValue) \(header.since.map(String.init).joined(separator: ".")))")
            }
        }
        return report.items
    }

    /// A tunnel consumer whose client reads no header variable at its stated version (own code,
    /// an older SDK, an SDK of unknown version) must set the headers in code.
    static func codeSendsHeaders(_ t: Topology) -> [Diagnostic] {
        var report = Report(t)
        for (i, consumer) in t.consumers.enumerated() where consumer.reach == .tunnel {
            guard let client = consumer.client, client.readableHeaderVariable == nil else { continue }
            let why: String
            if let header = client.headerVariable {
                why = client.version == nil
                    ? "\(consumer.name) names no version of \(client.kind.rawValue), which reads \(header.name) only from \(header.since.map(String.init).joined(separator: "."))"
                    : "\(client.spelling) is older than \(header.since.map(String.init).joined(separator: ".")), the first \(client.kind.rawValue) that reads \(header.name)"
            } else {
                // Own code that is given the id and the secret sends them itself (the RUNBOOK
                // shows the lines); only a contract without them leaves it no way to.
                if let token = t.apiServiceToken, Set(consumer.variables.compactMap { if case .secret(let s) = $0.value { return s }; return nil })
                    .isSuperset(of: [token.clientIDSecret, token.clientSecretSecret]) { continue }
                why = "\(consumer.name)'s own code reads no header variable and its contract lacks the service token's id and secret"
            }
            report.warning("consumers[\(i)].client", "\(why): no variable can carry the Access headers, so its code must send them",
                           hint: "the RUNBOOK's step for \(consumer.name) gives the Python and Node lines; or state a version that reads \(client.headerVariable?.name ?? "a header variable")")
        }
        return report.items
    }

    /// Loopback never passes Cloudflare Access: headers there are unused secrets in a file.
    static func loopbackSendsNoHeaders(_ t: Topology) -> [Diagnostic] {
        var report = Report(t)
        for (i, consumer) in t.consumers.enumerated() where consumer.reach == .loopback {
            for (j, variable) in consumer.environment.enumerated() where variable.value.serviceToken != nil {
                report.warning("consumers[\(i)].variables[\(j)]", "\(consumer.name) reaches the gateway over loopback, which never passes Access; \(variable.name) only copies the service token into another file",
                               hint: "remove \(variable.name) from \(consumer.name)'s contract")
            }
        }
        return report.items
    }

    /// The SDKs read fixed `OPENAI_*` names; a prefix makes every one of them unread.
    static func prefixWithSDK(_ t: Topology) -> [Diagnostic] {
        var report = Report(t)
        for (i, consumer) in t.consumers.enumerated() {
            guard let prefix = consumer.namePrefix, !prefix.isEmpty else { continue }
            guard let client = consumer.client, client.kind != .ownCode else { continue }
            report.warning("consumers[\(i)].prefix", "\(client.kind.rawValue) reads fixed names (OPENAI_BASE_URL, OPENAI_API_KEY); with prefix \(prefix) it reads none of \(consumer.name)'s variables",
                           hint: "drop the prefix, or declare `client: own-code` if the consumer's code reads the prefixed names")
        }
        return report.items
    }
}
