import Formats
import Deployment
import Foundation
import Rendering
import TopologyModel
import Yams

/// The edge as the rendered files say it is: the WAF rulesets and Access resources of the
/// Terraform JSON, and the ingress of whichever file is live for the tunnel's mode (the Terraform
/// tunnel config in remote mode, the cloudflared YAML in local mode), parsed back into an
/// `EdgeSnapshot` for the request expectations.
public enum EdgeReadBack {
    public struct Failure: Error, CustomStringConvertible {
        public let file: String
        public let message: String
        public var description: String { "\(file): error: the rendered edge cannot be read back: \(message)\n  hint: the Terraform or cloudflared artifact wrote a shape the expectation reader does not know; fix Sources/Artifacts" }
    }

    public static func snapshot(_ t: Topology, files: [GeneratedFile]) throws -> EdgeSnapshot {
        func text(_ path: String) throws -> String {
            guard let file = files.first(where: { $0.path == path }) else { throw Failure(file: path, message: "the file was not rendered") }
            return file.contents
        }
        let paths = ArtifactPaths(t)
        let waf = paths.terraformFile("waf"), access = paths.terraformFile("access")
        let wafResources = try resources(try text(waf), file: waf)
        let accessResources = try resources(try text(access), file: access)
        let (firewall, rateLimits) = try rulesets(wafResources["cloudflare_ruleset"] ?? [:], file: waf)
        let applications = try self.applications(accessResources, file: access)
        let ingressFile = t.tunnel.mode == .remote ? paths.terraformFile("tunnel") : paths.cloudflaredConfig
        let ingress = try t.tunnel.mode == .remote ? remoteIngress(try text(ingressFile), file: ingressFile) : localIngress(try text(ingressFile), file: ingressFile)
        return EdgeSnapshot(firewall: firewall, rateLimits: rateLimits, applications: applications, ingress: ingress,
                            sources: ["firewall": waf, "ratelimit": waf, "access": access, "ingress": ingressFile])
    }

    typealias Object = [String: Any]

    /// Parsed with the read-back's own one-pass parser (`JSONSerialization` was a tenth of a
    /// render at a thousand hostnames), then seen as plain Foundation-shaped values.
    static func resources(_ text: String, file: String) throws -> [String: [String: Object]] {
        guard let parsed = try? JSONText.parse(text), let root = plain(parsed) as? Object else { throw Failure(file: file, message: "not a JSON object") }
        return (root["resource"] as? [String: [String: Object]]) ?? [:]
    }

    /// `value` as `JSONSerialization` would give it: dictionaries, arrays, strings, numbers, booleans.
    static func plain(_ value: StructuredValue) -> Any {
        switch value {
        case .null: return NSNull()
        case .bool(let flag): return flag
        case .int(let number): return number
        case .double(let number): return number
        case .string(let text): return text
        case .array(let items): return items.map(plain)
        case .object(let members): return members.mapValues(plain)
        }
    }

    /// A Terraform string literal as the provider receives it (`$${` is a literal `${`).
    static func literal(_ value: Any?) -> String? {
        (value as? String).map { $0.replacingOccurrences(of: "$${", with: "${").replacingOccurrences(of: "%%{", with: "%{") }
    }

    /// `${TYPE.NAME.id}` -> NAME.
    static func referencedName(_ value: Any?, type: String) -> String? {
        guard let text = value as? String, text.hasPrefix("${\(type)."), text.hasSuffix(".id}") else { return nil }
        return String(text.dropFirst("${\(type).".count).dropLast(".id}".count))
    }

    static func rulesets(_ sets: [String: Object], file: String) throws -> ([EdgeSnapshot.FirewallRule], [EdgeSnapshot.RateLimitRule]) {
        var firewall: [EdgeSnapshot.FirewallRule] = [], limits: [EdgeSnapshot.RateLimitRule] = []
        for name in sets.keys.sorted() {
            let set = sets[name]!
            for rule in (set["rules"] as? [Object]) ?? [] {
                let ref = (rule["ref"] as? String) ?? "?"
                guard let text = literal(rule["expression"]), let action = rule["action"] as? String else {
                    throw Failure(file: file, message: "rule \(ref) of ruleset \(name) has no expression or action")
                }
                let expression: WAFExpression
                do { expression = try WAFExpressionParser.parse(text) } catch {
                    throw Failure(file: file, message: "the expression of rule \(ref) does not parse: \(error)")
                }
                switch set["phase"] as? String {
                case "http_request_firewall_custom":
                    firewall.append(.init(ref: ref, expression: expression, action: action))
                case "http_ratelimit":
                    let limit = (rule["ratelimit"] as? Object) ?? [:]
                    limits.append(.init(ref: ref, expression: expression, action: action,
                                        requests: (limit["requests_per_period"] as? Int) ?? 0, period: (limit["period"] as? Int) ?? 0))
                default:
                    throw Failure(file: file, message: "ruleset \(name) has a phase the expectations do not model")
                }
            }
        }
        return (firewall, limits)
    }

    static func applications(_ resources: [String: [String: Object]], file: String) throws -> [EdgeSnapshot.Application] {
        let tokenType = "cloudflare_zero_trust_access_service_token", policyType = "cloudflare_zero_trust_access_policy"
        let tokens = (resources[tokenType] ?? [:]).compactMapValues { literal($0["name"]) }
        var policies: [String: EdgeSnapshot.Policy] = [:]
        for (id, body) in resources[policyType] ?? [:] {
            guard let decision = (body["decision"] as? String).flatMap(AccessDecision.init(rawValue:)) else {
                throw Failure(file: file, message: "policy \(id) has no decision topogen writes")
            }
            let include = try ((body["include"] as? [Object]) ?? []).map { element -> AccessSelector in
                if element["everyone"] != nil { return .everyone }
                if let email = literal((element["email"] as? Object)?["email"]) { return .email(email) }
                if let domain = literal((element["email_domain"] as? Object)?["domain"]) { return .emailDomain(domain) }
                if let token = referencedName((element["service_token"] as? Object)?["token_id"], type: tokenType), let name = tokens[token] {
                    return .serviceToken(name)
                }
                throw Failure(file: file, message: "policy \(id) has an include selector the expectations do not model: \(element.keys.sorted())")
            }
            policies[id] = EdgeSnapshot.Policy(id: id, decision: decision, include: include)
        }
        return try (resources["cloudflare_zero_trust_access_application"] ?? [:]).keys.sorted().map { id in
            let body = resources["cloudflare_zero_trust_access_application"]![id]!
            let destinations = try ((body["destinations"] as? [Object]) ?? []).map { destination -> AccessDestination in
                guard let uri = literal(destination["uri"]), let parsed = AccessDestination(uri: uri) else {
                    throw Failure(file: file, message: "application \(id) has a destination that is not host[/path]")
                }
                return parsed
            }
            let references = ((body["policies"] as? [Object]) ?? []).sorted { ($0["precedence"] as? Int ?? 0) < ($1["precedence"] as? Int ?? 0) }
            let ordered = try references.map { reference -> EdgeSnapshot.Policy in
                guard let name = referencedName(reference["id"], type: policyType), let policy = policies[name] else {
                    throw Failure(file: file, message: "application \(id) refers to a policy this file does not define")
                }
                return policy
            }
            return EdgeSnapshot.Application(id: id, destinations: destinations, policies: ordered,
                                            serviceAuth401: (body["service_auth_401_redirect"] as? Bool) ?? false)
        }
    }

    static func remoteIngress(_ text: String, file: String) throws -> [EdgeSnapshot.IngressRule] {
        let configs = try resources(text, file: file)["cloudflare_zero_trust_tunnel_cloudflared_config"] ?? [:]
        guard configs.count == 1, let config = configs.values.first?["config"] as? Object, let rules = config["ingress"] as? [Object] else {
            throw Failure(file: file, message: "no single tunnel config with an ingress list")
        }
        return rules.map { EdgeSnapshot.IngressRule(hostname: literal($0["hostname"]) ?? "", service: literal($0["service"]) ?? "") }
    }

    static func localIngress(_ text: String, file: String) throws -> [EdgeSnapshot.IngressRule] {
        guard let root = (try? Yams.load(yaml: text)) as? [String: Any], let rules = root["ingress"] as? [[String: Any]] else {
            throw Failure(file: file, message: "no ingress list")
        }
        return rules.map { EdgeSnapshot.IngressRule(hostname: ($0["hostname"] as? String) ?? "", service: ($0["service"] as? String) ?? "") }
    }
}

/// Render-time judgement: every expectation (written and derived) against the files read back.
public enum EdgeExpectationCheck {
    /// The failed expectations, located at the profile key that states or implies them.
    public struct Failure: Error, CustomStringConvertible {
        public let diagnostics: [Diagnostic]
        public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
    }

    public static func results(_ t: Topology, files: [GeneratedFile]) throws -> [ExpectationResult] {
        let edge = try EdgeReadBack.snapshot(t, files: files)
        return ExpectationResult.evaluate(EdgeExpectations.all(t, plan: EdgePlan(t)), on: edge)
    }

    public static func verify(_ t: Topology, files: [GeneratedFile]) throws {
        let failed = try results(t, files: files).filter { !$0.passed }
        guard !failed.isEmpty else { return }
        throw Failure(diagnostics: failed.map { result in
            .error("rendered edge: " + result.failure, at: t.sourceMap.location(of: result.expectation.source), path: result.expectation.source,
                   hint: "the files read back disagree with the expectation; topogen trace \(t.name) \(result.expectation.request.method) \(result.expectation.request.url) shows the decision path")
        })
    }
}
