import TopologyModel

/// Stub: being written.
public struct VerifyScriptArtifact: Artifact {
    public init() {}
    public var name: String { "verify-script" }

    public func plan(_ topology: Topology) throws -> [PlannedFile] { [] }
}
