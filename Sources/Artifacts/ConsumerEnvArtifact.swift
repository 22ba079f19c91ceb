import TopologyModel

/// Stub: being written.
public struct ConsumerEnvArtifact: Artifact {
    public init() {}
    public var name: String { "consumer-env" }

    public func plan(_ topology: Topology) throws -> [PlannedFile] { [] }
}
