import TopologyModel

/// Stub: being written.
public struct CloudflaredConfigArtifact: Artifact {
    public init() {}
    public var name: String { "cloudflared-config" }

    public func plan(_ topology: Topology) throws -> [PlannedFile] { [] }
}
