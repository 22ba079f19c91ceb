import TopologyModel

/// Stub: being written.
public struct TerraformArtifact: Artifact {
    public init() {}
    public var name: String { "terraform" }

    public func plan(_ topology: Topology) throws -> [PlannedFile] { [] }
}
