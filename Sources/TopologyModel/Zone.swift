/// The Cloudflare zone, the plan it is on, and the zone-wide settings of plan §2 that topogen
/// manages (only those the profile lists).
public struct Zone: Sendable, Equatable, Decodable {
    /// The zone's Cloudflare plan: it decides what a rate-limit rule may say (terraform.md §11).
    public enum Plan: String, Sendable, CaseIterable, Decodable { case free, pro, business, enterprise }

    public var name: String
    public var plan: Plan
    public var settings: ZoneSettings

    public init(name: String, plan: Plan = .free, settings: ZoneSettings) {
        self.name = name
        self.plan = plan
        self.settings = settings
    }
}

/// Every setting is optional: a setting the profile does not list stays as it is at Cloudflare,
/// because a `cloudflare_zone_setting` resource takes the setting over for every hostname.
public struct ZoneSettings: Sendable, Equatable, Decodable {
    public enum SSLMode: String, Sendable, CaseIterable, Decodable { case off, flexible, full, strict }
    public enum TLSVersion: String, Sendable, CaseIterable, Decodable { case v1_0 = "1.0", v1_1 = "1.1", v1_2 = "1.2", v1_3 = "1.3" }
    /// `zrt` is TLS 1.3 with 0-RTT.
    public enum TLS13: String, Sendable, CaseIterable, Decodable { case on, off, zrt }

    public var ssl: SSLMode?
    public var alwaysUseHTTPS: Bool?
    public var automaticHTTPSRewrites: Bool?
    public var websockets: Bool?
    public var http3: Bool?
    public var minTLSVersion: TLSVersion?
    public var tls13: TLS13?
    /// `0rtt`.
    public var zeroRTT: Bool?
    /// The plan lists "HTTP/2 to origin off" under the zone's Network settings. For a tunnel the
    /// origin connection is cloudflared's, so this is carried out by `tunnel.originRequest.http2Origin`
    /// and validated to agree with it; the zone-wide switch would also touch other hostnames.
    public var http2ToOrigin: Bool?

    public init(ssl: SSLMode? = nil, alwaysUseHTTPS: Bool? = nil, websockets: Bool? = nil, http3: Bool? = nil,
                http2ToOrigin: Bool? = nil, automaticHTTPSRewrites: Bool? = nil, minTLSVersion: TLSVersion? = nil,
                tls13: TLS13? = nil, zeroRTT: Bool? = nil) {
        self.ssl = ssl
        self.alwaysUseHTTPS = alwaysUseHTTPS
        self.websockets = websockets
        self.http3 = http3
        self.http2ToOrigin = http2ToOrigin
        self.automaticHTTPSRewrites = automaticHTTPSRewrites
        self.minTLSVersion = minTLSVersion
        self.tls13 = tls13
        self.zeroRTT = zeroRTT
    }

    /// The managed settings as `cloudflare_zone_setting` has them: (Terraform name, setting_id,
    /// value), in a fixed order. `0rtt` cannot be a Terraform name (a leading digit), hence `zero_rtt`.
    public var managed: [(name: String, id: String, value: String)] {
        let onOff = { (flag: Bool) in flag ? "on" : "off" }
        var out: [(String, String, String)] = []
        if let ssl { out.append(("ssl", "ssl", ssl.rawValue)) }
        if let alwaysUseHTTPS { out.append(("always_use_https", "always_use_https", onOff(alwaysUseHTTPS))) }
        if let automaticHTTPSRewrites { out.append(("automatic_https_rewrites", "automatic_https_rewrites", onOff(automaticHTTPSRewrites))) }
        if let websockets { out.append(("websockets", "websockets", onOff(websockets))) }
        if let http3 { out.append(("http3", "http3", onOff(http3))) }
        if let minTLSVersion { out.append(("min_tls_version", "min_tls_version", minTLSVersion.rawValue)) }
        if let tls13 { out.append(("tls_1_3", "tls_1_3", tls13.rawValue)) }
        if let zeroRTT { out.append(("zero_rtt", "0rtt", onOff(zeroRTT))) }
        return out
    }
}

/// A public hostname in the zone and what it leads to.
public struct Hostname: Sendable, Equatable, Decodable {
    public enum Service: String, Sendable, CaseIterable, Decodable { case gateway }

    public var name: String
    public var service: Service

    public init(name: String, service: Service) {
        self.name = name
        self.service = service
    }
}
