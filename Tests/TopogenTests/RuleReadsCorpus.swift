import Foundation
import ProfileLoader
import TopologyModel
import Validation

/// Topologies on which the rules report, to judge their `reads` by (`RuleReadsTests`): the
/// shipped profiles, the bad-profile fixtures that load whole, the line deletions and value
/// mutations of a shipped profile that load whole, each shipped profile with one list entry
/// repeated, and each with one typed mistake a rule refuses. Of the generated variants only those some rule reports differently are kept:
/// the others would repeat a verdict at the cost of a full pass each.
enum RuleReadsCorpus {
    typealias Base = (label: String, topology: Topology)

    static let shipped: [Base] = ["vultr-jp", "hetzner-de", "ovh-split", "free-two-tokens"].compactMap { name in
        (try? shippedTopology(name)).map { ("profiles/\(name).yaml", $0) }
    }

    static let bases: [Base] = {
        var verdicts: Set<[Diagnostic]> = Set(shipped.map { Validator.validate($0.topology) })
        let generated = variants("vultr-jp") + shipped.flatMap(repeats) + shipped.flatMap(mistakes)
        return shipped + fixtures + generated.filter { verdicts.insert(Validator.validate($0.topology)).inserted }
    }()

    /// The bad-profile fixtures whose every section loads (their mistakes are the rules').
    static let fixtures: [Base] = BadProfileTests.cases.compactMap { name in
        guard let text = try? BadProfileTests.overlaid(name), let partial = loadText(text, name: name).partial, partial.failed.isEmpty else { return nil }
        return ("fixture \(name)", partial.topology)
    }

    /// Every line deletion and value mutation of a shipped profile that loads whole.
    static func variants(_ profile: String) -> [Base] {
        guard let lines = try? ValidateImpliesRenderTests.lines(profile) else { return [] }
        var texts: [(String, [String])] = lines.indices.map { index in
            var mutated = lines
            mutated.remove(at: index)
            return ("\(profile) without line \(index + 1)", mutated)
        }
        for (index, line) in lines.enumerated() {
            guard let scalar = ScalarLine(line) else { continue }
            for replacement in ValueMutation.variants(of: scalar.value).map(scalar.with) {
                var mutated = lines
                mutated[index] = replacement
                texts.append(("\(profile) line \(index + 1) as \(replacement)", mutated))
            }
        }
        return texts.compactMap { label, lines in
            guard let partial = loadText(lines.joined(separator: "\n"), name: profile).partial, partial.failed.isEmpty else { return nil }
            return (label, partial.topology)
        }
    }

    /// The profile with the first entry of one list written twice (what the uniqueness rules
    /// are for), or its name's case changed.
    static func repeats(_ base: Base) -> [Base] {
        let t = base.topology
        var out: [Base] = []
        func add(_ what: String, _ change: (inout Topology) -> Bool) {
            var copy = t
            if change(&copy) { out.append(("\(base.label) with \(what)", copy)) }
        }
        func again<T>(_ list: inout [T]) -> Bool {
            guard let first = list.first else { return false }
            list.append(first)
            return true
        }
        add("a host twice") { again(&$0.hosts) }
        add("a secret twice") { again(&$0.secrets) }
        add("a consumer twice") { again(&$0.consumers) }
        add("a hostname twice") { again(&$0.hostnames) }
        add("a surface twice") { again(&$0.access.surfaces) }
        add("a service token twice") { again(&$0.access.serviceTokens) }
        add("a rate limit twice") { again(&$0.waf.rateLimits) }
        add("a gateway secret twice") { again(&$0.gateway.secrets) }
        add("a gateway variable twice") { again(&$0.gateway.environment) }
        add("a consumer's variable twice") { t in t.consumers.isEmpty ? false : again(&t.consumers[0].variables) }
        add("a consumer in another case") { t in
            guard let first = t.consumers.first else { return false }
            var other = first
            other.name = first.name.uppercased()
            t.consumers.append(other)
            return true
        }
        return out
    }

    /// The profile with one value a rule (not the loader) refuses or warns about, for the rules
    /// the text variants never make report; each names the rule it is for.
    static func mistakes(_ base: Base) -> [Base] {
        let t = base.topology
        let gatewayHost = t.hosts.firstIndex { $0.name == t.gateway.host }
        let changes: [(String, (inout Topology) -> Void)] = [
            ("tunnel-unit-name", { $0.tunnel.unit = "no unit" }),
            ("tunnel-release", { $0.tunnel.install = .binary; $0.tunnel.release = nil }),
            ("tunnel-paths-absolute", { $0.tunnel.binary = "cloudflared" }),
            ("origin-request-durations", { $0.tunnel.originRequest.connectTimeout = Seconds(0) }),
            ("http2-origin-agrees", { $0.zone.settings.http2ToOrigin = !$0.tunnel.originRequest.http2Origin }),
            ("cloudflared-ingress", { $0.tunnel.origin += "/v1" }),
            ("zone-tls-settings", { $0.zone.settings.minTLSVersion = .v1_3; $0.zone.settings.tls13 = .off }),
            ("ports-in-range", { $0.gateway.port = 0 }),
            ("log-rotation", { $0.gateway.logging.maxFiles = 0 }),
            ("no-host-loopback-from-bridge", { $0.gateway.environment.append(EnvironmentEntry(name: "UPSTREAM_URL", value: "http://127.0.0.1:8080")) }),
            ("timeouts-within-edge", { $0.gateway.environment.append(EnvironmentEntry(name: "STREAMING_TIMEOUT", value: "600")) }),
            ("unique-ports-per-host", { t in if let h = gatewayHost, !t.hosts[h].workloads.isEmpty { t.hosts[h].workloads[0].ports.append(t.gateway.port) } }),
            ("unit-name-clash", { t in if let h = gatewayHost, !t.hosts[h].workloads.isEmpty { t.hosts[h].workloads[0].unit = t.tunnel.unit } }),
            ("secret-env-names", { t in if !t.secrets.isEmpty { t.secrets[0].env = "1BAD" } }),
            ("file-secrets-private", { t in for i in t.secrets.indices where t.secrets[i].mode != nil { t.secrets[i].mode = "0644" } }),
            ("access-team", { $0.access.team = "Not A Team" }),
            ("admin-domains", { $0.access.adminDomains = ["someone@example.com"] }),
            ("default-deny", { $0.access.defaultPolicy = .allow }),
            ("identity-login", { t in if !t.access.surfaces.isEmpty { t.access.identityProvider = nil; t.access.surfaces[0].policy = .identity } }),
            ("bypass-alone", { t in
                guard var bypass = t.access.surfaces.first else { return }
                bypass.name += "-bypass"
                bypass.policy = .bypass
                t.access.surfaces.append(bypass)
            }),
            ("terraform-names", { t in if let first = t.hostnames.first { t.hostnames.append(Hostname(name: first.name.uppercased(), service: first.service)) } }),
            ("rate-limit-plan", { t in if !t.waf.rateLimits.isEmpty { t.waf.rateLimits[0].period = Seconds(7); t.waf.rateLimits[0].requests = 0 } }),
            ("rate-limit-count", { t in t.zone.plan = .free; for _ in 0..<5 { _ = t.waf.rateLimits.first.map { t.waf.rateLimits.append($0) } } }),
            ("consumer-hostname", { t in if !t.consumers.isEmpty { t.consumers[0].reach = .tunnel; t.consumers[0].hostname = "nowhere.invalid" } }),
            ("consumer-token", { t in if !t.consumers.isEmpty { t.consumers[0].serviceToken = "no-such-token" } }),
            ("tunnel-consumer-off-gateway-host", { t in if !t.consumers.isEmpty { t.consumers[0].reach = .tunnel; t.consumers[0].host = t.gateway.host } }),
            ("consumer-prefix-with-sdk", { t in
                if !t.consumers.isEmpty { t.consumers[0].client = ConsumerClient(kind: .openAIPython); t.consumers[0].namePrefix = "APP_" }
            }),
            ("consumer-default-headers-unread", { t in
                guard !t.consumers.isEmpty else { return }
                t.consumers[0].client = ConsumerClient(kind: .openAIPython)
                t.consumers[0].variables.append(EnvVariable(name: "OPENAI_DEFAULT_HEADERS", value: .baseURL))
            }),
            ("consumer-literals-portable", { t in if !t.consumers.isEmpty { t.consumers[0].variables.append(EnvVariable(name: "GREETING", value: .literal("it's"))) } }),
            ("loopback-consumer-sends-no-headers", { t in
                for i in t.consumers.indices where t.consumers[i].variables.contains(where: { $0.value.serviceToken != nil }) { t.consumers[i].reach = .loopback }
            }),
        ]
        return changes.compactMap { rule, change in
            var copy = t
            change(&copy)
            return copy == t ? nil : ("\(base.label) changed for \(rule)", copy)
        }
    }
}
