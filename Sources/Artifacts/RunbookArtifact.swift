import TopologyModel

/// Stub: being written.
public struct RunbookArtifact: Artifact {
    public init() {}
    public var name: String { "runbook" }

    public func plan(_ topology: Topology) throws -> [PlannedFile] { [] }
}
