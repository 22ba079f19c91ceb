import Deployment
import Formats
import TopologyModel

/// One builder per Terraform file; `TerraformConfiguration.init` only sequences them.
extension TerraformConfiguration {
    /// The tunnel's resource name and address, which several files refer to.
    struct TunnelNames {
        let name: String
        let address: String
        init(_ t: Topology) {
            name = TerraformString.identifier(t.tunnel.name)
            address = "cloudflare_zero_trust_tunnel_cloudflared.\(name)"
        }
    }

    static func versions(_ t: Topology, header: [String]) -> TerraformDocument {
        return TerraformDocument(
            comment: header + [
                "Cloudflare side of \(t.gateway.name) (zone \(t.zone.name), tunnel \(t.tunnel.name)). Apply from this folder:",
                "  export TF_VAR_cloudflare_api_token=... TF_VAR_account_id=... TF_VAR_zone_id=...",
                "  terraform init && terraform plan, then terraform apply. Every input is in variables.tf.json.",
            ],
            terraform: TerraformSettings(required_version: ">= 1.5",
                                         required_providers: ["cloudflare": .init(source: "cloudflare/cloudflare", version: "~> 5")]),
            provider: ["cloudflare": TerraformProvider(api_token: TerraformString.reference("var.cloudflare_api_token"))])
    }

    static func variables(_ t: Topology, header: [String]) -> TerraformDocument {
        var variables: [String: TerraformVariable] = [
            "account_id": TerraformVariable(type: "string", description: "Cloudflare account id (dashboard: Account home, the account's menu, Copy account ID)."),
            "zone_id": TerraformVariable(type: "string", description: "Zone id of \(t.zone.name) (dashboard: the zone's Overview page, API section)."),
            "cloudflare_api_token": TerraformVariable(
                type: "string",
                description: "API token with Account: Cloudflare Tunnel Edit, Access: Apps and Policies Edit, Access: Service Tokens Edit; Zone: DNS Edit, Zone Settings Edit, Zone WAF Edit.",
                sensitive: true),
        ]
        for (name, variable) in TerraformEdgeFiles.loginVariables(EdgePlan(t)) { variables[name] = variable }
        if t.tunnel.mode == .local {
            variables[Self.tunnelSecretVariable] = TerraformVariable(
                type: "string",
                description: "Local mode: the tunnel secret, base64 of at least 32 random bytes (openssl rand -base64 32). It becomes TunnelSecret in the credentials file beside \(t.tunnel.configPath).",
                sensitive: true)
        }
        let variablesFile = TerraformDocument(
            comment: header + ["Inputs. Set them as TF_VAR_<name> in the environment, never in a file under version control."],
            variable: variables)
        return variablesFile
    }

    static func tunnel(_ deployment: Deployment, header: [String], names: TunnelNames) -> TerraformDocument {
        let t = deployment.topology
        let ingress = deployment.ingress
        let yamlPath = deployment.paths.cloudflaredConfig
        let tunnelName = names.name, tunnelAddress = names.address
        var tunnelResource = TunnelResource(account_id: Self.accountID, name: TerraformString.literal(t.tunnel.name),
                                            config_src: t.tunnel.mode == .remote ? "cloudflare" : "local")
        var resources = TerraformResources(tunnel: [tunnelName: tunnelResource])
        var data: TerraformDataSources?
        var tunnelComment = header
        switch t.tunnel.mode {
        case .remote:
            let request = ingress.originRequest
            let config = TunnelConfigResource.Config(
                ingress: ingress.rules.map { IngressRule(hostname: $0.hostname.isEmpty ? nil : TerraformString.literal($0.hostname),
                                                         service: TerraformString.literal($0.service)) },
                origin_request: OriginRequestBody(connect_timeout: request.connectTimeout.value,
                                                  keep_alive_timeout: request.keepAliveTimeout.value,
                                                  no_tls_verify: request.noTLSVerify, http2_origin: request.http2Origin))
            resources.tunnelConfig = [tunnelName: TunnelConfigResource(account_id: Self.accountID,
                                                                       tunnel_id: TerraformString.reference("\(tunnelAddress).id"),
                                                                       config: config)]
            data = TerraformDataSources(tunnelToken: [tunnelName: TunnelTokenData(account_id: Self.accountID,
                                                                                    tunnel_id: TerraformString.reference("\(tunnelAddress).id"))])
            let tokenPlace = t.tunnel.tokenSecret.flatMap { t.secret(named: $0) }
                .map { ", kept on \($0.host ?? t.gateway.host) as \($0.location) (mode \($0.mode ?? "0600"))" } ?? ""
            tunnelComment += [
                "Tunnel mode remote (config_src = \"cloudflare\"): the ingress below is the LIVE one. It is the same",
                "CloudflaredIngress as \(yamlPath) (reference only), with timeouts as whole seconds.",
                "The connector runs with the token: terraform output -raw \(TerraformNames.tunnelTokenOutput)\(tokenPlace).",
            ]
        case .local:
            tunnelResource.tunnel_secret = TerraformString.reference("var.\(Self.tunnelSecretVariable)")
            resources.tunnel = [tunnelName: tunnelResource]
            tunnelComment += [
                "Tunnel mode local (config_src = \"local\"): the ingress lives in \(yamlPath), installed as",
                "\(t.tunnel.configPath); there is no tunnel config resource here. Terraform sets the tunnel secret from",
                "var.\(Self.tunnelSecretVariable) so the credentials file cloudflared reads can be written with",
                "terraform output -raw \(TerraformNames.tunnelCredentialsOutput); the secret is then in the Terraform state, keep it private.",
            ]
        }
        let tunnelFile = TerraformDocument(comment: tunnelComment, resource: resources, data: data)
        return tunnelFile
    }

    static func dns(_ t: Topology, header: [String], names: TunnelNames) -> TerraformDocument {
        let tunnelAddress = names.address
        var records: [String: DNSRecordResource] = [:]
        for hostname in t.gatewayHostnames {
            records[TerraformString.identifier(hostname.name)] = DNSRecordResource(
                zone_id: Self.zoneID, name: TerraformString.literal(hostname.name), type: "CNAME",
                content: TerraformString.reference("\(tunnelAddress).id") + ".cfargotunnel.com",
                proxied: true, ttl: 1, comment: "topogen: \(t.gateway.name) through tunnel \(t.tunnel.name)")
        }
        let dnsFile = TerraformDocument(
            comment: header + ["One proxied CNAME per public hostname to the tunnel (ttl 1 = automatic)."],
            resource: TerraformResources(dnsRecord: records))
        return dnsFile
    }

    static func outputs(_ t: Topology, header: [String], names: TunnelNames) -> TerraformDocument {
        let tunnelName = names.name, tunnelAddress = names.address
        var outputs: [String: TerraformOutput] = [
            TerraformNames.tunnelIDOutput: TerraformOutput(value: TerraformString.reference("\(tunnelAddress).id"),
                                                           description: "UUID of tunnel \(t.tunnel.name)."),
        ]
        switch t.tunnel.mode {
        case .remote:
            outputs[TerraformNames.tunnelTokenOutput] = TerraformOutput(
                value: TerraformString.reference("data.cloudflare_zero_trust_tunnel_cloudflared_token.\(tunnelName).token"),
                description: "Connector token of tunnel \(t.tunnel.name) (terraform output -raw).", sensitive: true)
        case .local:
            let json = "jsonencode({AccountTag = \(tunnelAddress).account_tag, TunnelSecret = var.\(Self.tunnelSecretVariable), TunnelID = \(tunnelAddress).id})"
            outputs[TerraformNames.tunnelCredentialsOutput] = TerraformOutput(
                value: TerraformString.reference(json),
                description: "Credentials JSON of tunnel \(t.tunnel.name), for \(t.tunnel.configDirectory)/<tunnel id>.json (terraform output -raw).",
                sensitive: true)
        }
        for token in t.access.serviceTokens {
            let address = "cloudflare_zero_trust_access_service_token.\(TerraformString.identifier(token.name))"
            outputs[TerraformNames.clientIDOutput(token, in: t.access)] = TerraformOutput(
                value: TerraformString.reference("\(address).client_id"),
                description: "\(Access.clientIDHeader) of service token \(token.name).")
            outputs[TerraformNames.clientSecretOutput(token, in: t.access)] = TerraformOutput(
                value: TerraformString.reference("\(address).client_secret"),
                description: "\(Access.clientSecretHeader) of service token \(token.name) (terraform output -raw).", sensitive: true)
        }
        let outputsFile = TerraformDocument(
            comment: header + ["What consumers and the host need. Sensitive outputs print only with terraform output -raw NAME."],
            output: outputs)
        return outputsFile
    }
}
