import Deployment
import Formats
import TopologyModel

/// `access.tf.json`, `waf.tf.json` and `zone.tf.json`: the edge plan (Access coverage, default
/// deny, plan-aware rate limits) and the managed zone settings, as provider-v5 resources.
enum TerraformEdgeFiles {
    static let accountID = TerraformConfiguration.accountID
    static let zoneID = TerraformConfiguration.zoneID

    /// The login-method id variables the identity policies need (one-time PIN, named providers).
    static func loginVariables(_ edge: EdgePlan) -> [(String, TerraformVariable)] {
        let logins = edge.coverage.applications.flatMap(\.policies).compactMap(\.login)
        var seen: Set<String> = []
        return logins.compactMap { login in
            guard seen.insert(login.terraformVariable).inserted else { return nil }
            switch login {
            case .oneTimePIN:
                return (login.terraformVariable, TerraformVariable(
                    type: "string",
                    description: "Id of the account's One-time PIN login method (Zero Trust, Settings, Authentication, One-time PIN; or GET /accounts/{account_id}/access/identity_providers, type onetimepin). Email-OTP applications allow only it."))
            case .identityProvider(let name):
                return (login.terraformVariable, TerraformVariable(
                    type: "string",
                    description: "Id of the identity provider \(name) (Zero Trust, Settings, Authentication, Login methods; or GET /accounts/{account_id}/access/identity_providers). Identity applications allow only it."))
            }
        }
    }

    static func access(_ t: Topology, edge: EdgePlan, header: [String]) -> TerraformDocument {
        var tokens: [String: ServiceTokenResource] = [:]
        for token in t.access.serviceTokens {
            tokens[TerraformString.identifier(token.name)] = ServiceTokenResource(
                account_id: accountID, name: TerraformString.literal(token.name), duration: token.duration.goDuration)
        }
        var policies: [String: AccessPolicyResource] = [:]
        var applications: [String: AccessApplicationResource] = [:]
        for app in edge.coverage.applications {
            for policy in app.policies where policies[policy.id] == nil {
                policies[policy.id] = AccessPolicyResource(
                    account_id: accountID, name: TerraformString.literal("\(t.gateway.name) \(policy.surface): \(policy.who)"),
                    decision: policy.decision.rawValue, include: policy.include.map(element))
            }
            let logins = Array(Set(app.policies.compactMap(\.login).map(\.terraformVariable))).sorted()
            let paths = app.paths.map { $0.isRoot ? "/" : $0.prefix }.joined(separator: ", ")
            applications[app.id] = AccessApplicationResource(
                account_id: accountID,
                name: TerraformString.literal("\(t.gateway.name) \(app.surfaces.joined(separator: " + ")) (\(app.hostname) \(paths))"),
                type: "self_hosted",
                destinations: app.destinations.map { .init(type: "public", uri: TerraformString.literal($0)) },
                allowed_idps: logins.isEmpty ? nil : logins.map { TerraformString.reference("var.\($0)") },
                service_auth_401_redirect: app.serviceAuthOnly ? true : nil,
                policies: app.policies.enumerated().map { .init(id: TerraformString.reference("cloudflare_zero_trust_access_policy.\($1.id).id"), precedence: $0 + 1) })
        }
        return TerraformDocument(
            comment: header + [
                "Access\(t.plan == nil ? "" : " (plan §3)"): one self-hosted application per path set, one reusable policy per distinct policy.",
                "A bare-host destination covers every path; host/p covers /p and below; the most specific destination wins.",
                "Human surfaces of one hostname with the same policy share one application (one CF_Authorization cookie).",
                "Machine clients send \(Access.clientIDHeader) and \(Access.clientSecretHeader) (service-token policies decide non_identity).",
                "Paths no application covers are blocked before Access by the default-deny rule in waf.tf.json.",
            ],
            resource: TerraformResources(serviceToken: tokens.isEmpty ? nil : tokens,
                                         accessPolicy: policies.isEmpty ? nil : policies,
                                         accessApplication: applications.isEmpty ? nil : applications))
    }

    static func element(_ selector: AccessSelector) -> AccessRuleElement {
        switch selector {
        case .everyone: return AccessRuleElement(everyone: .init())
        case .email(let address): return AccessRuleElement(email: .init(email: TerraformString.literal(address)))
        case .emailDomain(let domain): return AccessRuleElement(email_domain: .init(domain: TerraformString.literal(domain)))
        case .serviceToken(let name):
            return AccessRuleElement(service_token: .init(token_id: TerraformString.reference(
                "cloudflare_zero_trust_access_service_token.\(TerraformString.identifier(name)).id")))
        }
    }

    static func waf(_ t: Topology, edge: EdgePlan, header: [String]) -> TerraformDocument {
        var rulesets: [String: RulesetResource] = [:]
        if !edge.firewallRules.isEmpty {
            rulesets["default_deny"] = RulesetResource(
                zone_id: zoneID, name: TerraformString.literal("\(t.gateway.name) default deny"),
                description: "topogen: paths no Access application covers are blocked", kind: "zone",
                phase: "http_request_firewall_custom",
                rules: edge.firewallRules.map { RulesetResource.Rule(ref: $0.ref, description: TerraformString.literal($0.description),
                                                                     expression: TerraformString.literal($0.expression.description),
                                                                     action: $0.action, enabled: true) })
        }
        if !edge.rateLimits.isEmpty {
            rulesets["rate_limits"] = RulesetResource(
                zone_id: zoneID, name: TerraformString.literal("\(t.gateway.name) rate limits"),
                description: "topogen: rate limits in the form the \(t.zone.plan.rawValue) plan accepts", kind: "zone",
                phase: "http_ratelimit",
                rules: edge.rateLimits.map { limit in
                    RulesetResource.Rule(ref: limit.ref, description: TerraformString.literal(limit.description),
                                         expression: TerraformString.literal(limit.expression.description), action: limit.action, enabled: true,
                                         ratelimit: .init(characteristics: limit.characteristics, period: limit.period,
                                                          requests_per_period: limit.requests, mitigation_timeout: limit.mitigationTimeout))
                })
        }
        var comment = header + [
            "WAF\(t.plan == nil ? "" : " (plan §3)"). Custom rules run before Access: a path no Access application covers is blocked outright.",
            "\(EdgePlan.cloudflarePaths) stays open: Cloudflare serves it itself (the Access login flow), it never reaches the tunnel.",
            "Each ruleset is the zone's entry point for its phase: Cloudflare allows one per zone and phase, so rules",
            "made for this zone in the dashboard must be imported here (terraform import) or they block the create.",
        ]
        for hostname in edge.denyIsNoOp {
            comment.append("No default-deny rule for \(hostname): an Access application covers every path of it (a root surface).")
        }
        comment.append(edge.limits.scopesHostnames
            ? "Rate limits name their hostname (the \(t.zone.plan.rawValue) plan allows http.host in rate-limit expressions)."
            : "Rate limits read the path only: the \(t.zone.plan.rawValue) plan refuses http.host there, so each counts its path on every hostname of \(t.zone.name).")
        // An empty `"resource": {}` is a Terraform error ("Missing block label"): leave the block out.
        return TerraformDocument(comment: comment, resource: rulesets.isEmpty ? nil : TerraformResources(ruleset: rulesets))
    }

    static func zone(_ t: Topology, header: [String]) -> TerraformDocument {
        let managed = t.zone.settings.managed
        var settings: [String: ZoneSettingResource] = [:]
        for setting in managed {
            settings[setting.name] = ZoneSettingResource(zone_id: zoneID, setting_id: setting.id, value: setting.value)
        }
        let http2 = t.tunnel.originRequest.http2Origin
        return TerraformDocument(
            comment: header + [
                managed.isEmpty
                    ? "No zone-wide settings are managed: the profile lists none, so \(t.zone.name) keeps what it has."
                    : "Zone-wide settings the profile lists (\(managed.map(\.id).joined(separator: ", "))), for every hostname in \(t.zone.name).",
                "A setting the profile does not list is left as it is at Cloudflare; listing one here takes it over.",
                "\"HTTP/2 to origin\" is NOT set here: for a tunnel the origin connection is cloudflared's, so it is the",
                "tunnel's originRequest http2Origin = \(http2). The zone setting origin_max_http_version would also change",
                "the origin protocol of the zone's other hostnames.",
            ],
            resource: settings.isEmpty ? nil : TerraformResources(zoneSetting: settings))
    }
}
