import Formats
import Deployment
import TopologyModel

/// Terraform JSON syntax as typed data. Property names are the provider-v5 attribute names
/// verbatim (snake_case), so the Swift reads like the schema it has to satisfy; optional
/// properties are left out of the JSON when nil.

/// One `*.tf.json` file: the root blocks Terraform's JSON syntax knows, `"//"` first (a comment).
struct TerraformDocument: Encodable {
    var comment: [String]
    var terraform: TerraformSettings?
    var provider: [String: TerraformProvider]?
    var variable: [String: TerraformVariable]?
    var resource: TerraformResources?
    var data: TerraformDataSources?
    var output: [String: TerraformOutput]?

    enum CodingKeys: String, CodingKey {
        case comment = "//", terraform, provider, variable, resource, data, output
    }
}

struct TerraformSettings: Encodable {
    struct RequiredProvider: Encodable {
        let source: String
        let version: String
    }

    let required_version: String
    let required_providers: [String: RequiredProvider]
}

struct TerraformProvider: Encodable {
    let api_token: String
}

struct TerraformVariable: Encodable {
    let type: String
    let description: String
    var sensitive: Bool?
}

struct TerraformOutput: Encodable {
    let value: String
    let description: String
    var sensitive: Bool?
}

/// `"resource": {TYPE: {NAME: body}}`, one typed map per resource type.
struct TerraformResources: Encodable {
    var tunnel: [String: TunnelResource]?
    var tunnelConfig: [String: TunnelConfigResource]?
    var dnsRecord: [String: DNSRecordResource]?
    var serviceToken: [String: ServiceTokenResource]?
    var accessPolicy: [String: AccessPolicyResource]?
    var accessApplication: [String: AccessApplicationResource]?
    var ruleset: [String: RulesetResource]?
    var zoneSetting: [String: ZoneSettingResource]?

    enum CodingKeys: String, CodingKey {
        case tunnel = "cloudflare_zero_trust_tunnel_cloudflared"
        case tunnelConfig = "cloudflare_zero_trust_tunnel_cloudflared_config"
        case dnsRecord = "cloudflare_dns_record"
        case serviceToken = "cloudflare_zero_trust_access_service_token"
        case accessPolicy = "cloudflare_zero_trust_access_policy"
        case accessApplication = "cloudflare_zero_trust_access_application"
        case ruleset = "cloudflare_ruleset"
        case zoneSetting = "cloudflare_zone_setting"
    }
}

struct TerraformDataSources: Encodable {
    var tunnelToken: [String: TunnelTokenData]?

    enum CodingKeys: String, CodingKey {
        case tunnelToken = "cloudflare_zero_trust_tunnel_cloudflared_token"
    }
}

// MARK: - Tunnel

struct TunnelResource: Encodable {
    let account_id: String
    let name: String
    let config_src: String
    var tunnel_secret: String?
}

struct TunnelConfigResource: Encodable {
    struct Config: Encodable {
        let ingress: [IngressRule]
        let origin_request: OriginRequestBody
    }

    let account_id: String
    let tunnel_id: String
    let config: Config
}

/// The remote form of one `CloudflaredIngress.Rule`: same keys as the YAML's.
struct IngressRule: Encodable, Equatable {
    var hostname: String?
    let service: String
}

/// Same settings as the YAML's `originRequest`, durations as whole seconds.
struct OriginRequestBody: Encodable {
    let connect_timeout: Int
    let keep_alive_timeout: Int
    let no_tls_verify: Bool
    let http2_origin: Bool
}

struct TunnelTokenData: Encodable {
    let account_id: String
    let tunnel_id: String
}

// MARK: - DNS

struct DNSRecordResource: Encodable {
    let zone_id: String
    let name: String
    let type: String
    let content: String
    let proxied: Bool
    let ttl: Int
    let comment: String
}

// MARK: - Access

struct ServiceTokenResource: Encodable {
    let account_id: String
    let name: String
    let duration: String
}

/// One access-rule element: exactly one selector set (the provider allows at most one).
struct AccessRuleElement: Encodable {
    struct Email: Encodable { let email: String }
    struct EmailDomain: Encodable { let domain: String }
    struct ServiceTokenSelector: Encodable { let token_id: String }
    struct Everyone: Encodable {}

    var email: Email?
    var email_domain: EmailDomain?
    var service_token: ServiceTokenSelector?
    var everyone: Everyone?
}

struct AccessPolicyResource: Encodable {
    let account_id: String
    let name: String
    let decision: String
    let include: [AccessRuleElement]
}

struct AccessApplicationResource: Encodable {
    struct Destination: Encodable {
        let type: String
        let uri: String
    }

    struct PolicyReference: Encodable {
        let id: String
        let precedence: Int
    }

    let account_id: String
    let name: String
    let type: String
    let destinations: [Destination]
    var allowed_idps: [String]?
    /// Service-Auth-only applications answer a request without a valid token with a 401
    /// instead of a login page (terraform.md §13.4).
    var service_auth_401_redirect: Bool?
    let policies: [PolicyReference]
}

// MARK: - WAF

struct RulesetResource: Encodable {
    struct Rule: Encodable {
        struct RateLimit: Encodable {
            let characteristics: [String]
            let period: Int
            let requests_per_period: Int
            let mitigation_timeout: Int
        }

        let ref: String
        let description: String
        let expression: String
        let action: String
        let enabled: Bool
        var ratelimit: RateLimit?
    }

    let zone_id: String
    let name: String
    let description: String
    let kind: String
    let phase: String
    let rules: [Rule]
}

// MARK: - Zone

struct ZoneSettingResource: Encodable {
    var comment: [String]?
    let zone_id: String
    let setting_id: String
    let value: String

    enum CodingKeys: String, CodingKey {
        case comment = "//", zone_id, setting_id, value
    }
}
