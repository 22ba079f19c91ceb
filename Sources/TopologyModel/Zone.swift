/// The Cloudflare zone and the zone-wide settings of plan §2.
public struct Zone: Sendable, Equatable, Decodable {
    public var name: String
    public var settings: ZoneSettings

    public init(name: String, settings: ZoneSettings) {
        self.name = name
        self.settings = settings
    }
}

public struct ZoneSettings: Sendable, Equatable, Decodable {
    public enum SSLMode: String, Sendable, CaseIterable, Decodable { case off, flexible, full, strict }

    public var ssl: SSLMode
    public var alwaysUseHTTPS: Bool
    public var websockets: Bool
    public var http3: Bool
    /// The plan lists "HTTP/2 to origin off" under the zone's Network settings. For a tunnel the
    /// origin connection is cloudflared's, so this is carried out by `tunnel.originRequest.http2Origin`
    /// and validated to agree with it; the zone-wide switch would also touch other hostnames.
    public var http2ToOrigin: Bool

    public init(ssl: SSLMode, alwaysUseHTTPS: Bool, websockets: Bool, http3: Bool, http2ToOrigin: Bool) {
        self.ssl = ssl
        self.alwaysUseHTTPS = alwaysUseHTTPS
        self.websockets = websockets
        self.http3 = http3
        self.http2ToOrigin = http2ToOrigin
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
