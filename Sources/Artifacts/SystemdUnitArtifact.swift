import TopologyModel

/// Stub: being written.
public struct SystemdUnitArtifact: Artifact {
    public init() {}
    public var name: String { "systemd-unit" }

    public func plan(_ topology: Topology) throws -> [PlannedFile] { [] }
}
