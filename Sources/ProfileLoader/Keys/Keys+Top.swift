import TopologyModel

// The top level of a profile and its small sections. To add a key: one `ProfileKey` line in
// its section's table, a stored property on the model type it `lands` in (see README, "Adding
// a key").

extension ProfileSection {
    /// The whole profile. Each key is one section, decoded on its own and assembled into a
    /// `Topology` by `ProfileLoader`.
    public static let profile = ProfileSection("", model: Topology.self, "A topogen profile: one deployment of the gateway.", [
        ProfileKey("description", .text, .required, lands: "summary", "One line saying what this deployment is; heads the RUNBOOK."),
        ProfileKey("plan", .text, .optional, lands: "plan", "The written deployment plan this profile implements; only then does the output cite the plan and say where it is stale."),
        ProfileKey("zone", .mapping(.zone), .required, lands: "zone", "The Cloudflare zone and its zone-wide settings."),
        ProfileKey("hosts", .list(.mapping(.host)), .empty, lands: "hosts", "The machines involved: the gateway's host and the consumers' hosts."),
        ProfileKey("gateway", .mapping(.gateway), .required, lands: "gateway", "The new-api container: image, where it listens, its caps."),
        ProfileKey("tunnel", .mapping(.tunnel), .required, lands: "tunnel", "The dedicated Cloudflare Tunnel and the systemd unit that runs it."),
        ProfileKey("hostnames", .list(.mapping(.hostname)), .empty, lands: "hostnames", "Public hostnames in the zone and what they lead to."),
        ProfileKey("access", .mapping(.access), .required, lands: "access", "Cloudflare Access: who may reach which paths."),
        ProfileKey("waf", .mapping(.waf), .empty, lands: "waf", "Edge rate limits."),
        ProfileKey("consumers", .list(.mapping(.consumer)), .empty, lands: "consumers", "Clients of the gateway and their env-file contracts."),
        ProfileKey("secrets", .list(.mapping(.secret)), .empty, lands: "secrets", "Every secret by name: where it is kept and how it is made, never its value."),
        ProfileKey("expectations", .mapping(.expectations), .empty, lands: "expectations", "Requests and what the edge must do with them, checked on the rendered files."),
        ProfileKey("acknowledge", .list(.mapping(.acknowledgement)), .empty, lands: "acknowledgements", "Warnings accepted for this profile, each with its reason; --strict lets them pass."),
    ])

    public static let expectations = ProfileSection("expectations", model: Expectations.self, "Request expectations, judged on the rendered edge and probed live by verify.sh.", [
        ProfileKey("streaming_model", .text, .optional, lands: "streamingModel", "The model verify.sh streams a completion from."),
        ProfileKey("requests", .list(.text), .empty, lands: "requests", "METHOD host/path [anonymous | token NAME | email ADDRESS] -> origin|blocked|access-login|access-denied|not-found|refused."),
    ])

    public static let acknowledgement = ProfileSection("acknowledge[]", model: Acknowledgement.self, "A warning read and accepted.", [
        ProfileKey("code", .text, .required, lands: "code", "The warning's code, as printed in brackets (topogen explain CODE)."),
        ProfileKey("reason", .text, .required, lands: "reason", "Why the warning does not apply here; listed in every run's summary."),
    ])

    public static let zone = ProfileSection("zone", model: Zone.self, "The Cloudflare zone the hostnames live in.", [
        ProfileKey("name", .string(.hostName), .required, lands: "name", "The zone's domain, e.g. example.com."),
        ProfileKey("plan", .choice(Zone.Plan.self), .defaults("free"), lands: "plan", "The zone's Cloudflare plan: what its rate-limit rules may say."),
        ProfileKey("settings", .mapping(.zoneSettings), .empty, lands: "settings", "Zone-wide settings Terraform manages; a setting not listed is left as it is."),
    ])

    public static let zoneSettings = ProfileSection("zone.settings", model: ZoneSettings.self, "Zone-wide settings, applied by Terraform.", [
        ProfileKey("ssl", .choice(ZoneSettings.SSLMode.self), .optional, lands: "ssl", "SSL/TLS encryption mode; full when the origin is plain HTTP on loopback behind the tunnel."),
        ProfileKey("always_use_https", .boolean, .optional, lands: "alwaysUseHTTPS", "Redirect every http:// request to https://."),
        ProfileKey("automatic_https_rewrites", .boolean, .optional, lands: "automaticHTTPSRewrites", "Rewrite http:// links in pages to https://."),
        ProfileKey("websockets", .boolean, .optional, lands: "websockets", "Allow WebSocket connections."),
        ProfileKey("http3", .boolean, .optional, lands: "http3", "Offer HTTP/3 (QUIC) to clients."),
        ProfileKey("min_tls_version", .choice(ZoneSettings.TLSVersion.self), .optional, lands: "minTLSVersion", "The oldest TLS version clients may use (quoted: \"1.2\")."),
        ProfileKey("tls_1_3", .choice(ZoneSettings.TLS13.self), .optional, lands: "tls13", "TLS 1.3: on, off, or zrt (with 0-RTT); quote on and off."),
        ProfileKey("0rtt", .boolean, .optional, lands: "zeroRTT", "0-RTT connection resumption (a TLS 1.3 feature)."),
        ProfileKey("http2_to_origin", .boolean, .optional, lands: "http2ToOrigin", "HTTP/2 to the origin; for a tunnel carried out by tunnel.origin_request.http2_origin, which must agree."),
    ])

    public static let hostname = ProfileSection("hostnames[]", model: Hostname.self, "A public hostname in the zone.", [
        ProfileKey("name", .string(.hostName), .required, lands: "name", "The fully qualified hostname, e.g. llm.example.com."),
        ProfileKey("service", .choice(Hostname.Service.self), .required, lands: "service", "What the hostname leads to."),
    ])

    public static let waf = ProfileSection("waf", model: WAF.self, "Edge rules beyond Access.", [
        ProfileKey("rate_limits", .list(.mapping(.rateLimit)), .empty, lands: "rateLimits", "Per-IP rate limits on Access surfaces."),
    ])

    public static let rateLimit = ProfileSection("waf.rate_limits[]", model: RateLimit.self, "One rate-limiting rule.", [
        ProfileKey("name", .string(.name), .required, lands: "name", "Rule name, unique in the profile."),
        ProfileKey("surface", .string(.name), .required, lands: "surface", "The Access surface (by name) whose paths it counts."),
        ProfileKey("requests", .integer(1...Int.max), .required, lands: "requests", "Requests allowed per period and IP."),
        ProfileKey("period", .duration, .required, lands: "period", "The counting window, e.g. 10s."),
        ProfileKey("mitigation_timeout", .duration, .required, lands: "mitigationTimeout", "How long the action lasts once triggered, e.g. 10s."),
        ProfileKey("action", .choice(RateLimit.Action.self), .required, lands: "action", "What happens to requests over the limit."),
    ])
}
