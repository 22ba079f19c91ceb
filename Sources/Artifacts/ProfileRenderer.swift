import Deployment
import Rendering
import TopologyModel

/// Renders every artifact of one topology through the templates and checks each file reads
/// back as its document before anything is written.
public struct ProfileRenderer {
    public let templates: TemplateLibrary
    public let artifacts: [any Artifact]
    /// Judge the request expectations on the rendered edge (off only to trace a failing profile).
    public var checksExpectations = true

    public init(templates: TemplateLibrary, artifacts: [any Artifact] = ArtifactCatalog.all) {
        self.templates = templates
        self.artifacts = artifacts
    }

    public func render(_ topology: Topology, stopwatch: Stopwatch? = nil) throws -> RenderedProfile {
        var files: [GeneratedFile] = []
        let deployment = Deployment(topology)
        for artifact in artifacts {
            for planned in try stopwatch.time(.plan, { try artifact.plan(deployment) }) {
                let text = try stopwatch.time(.template) { try templates.render(planned.template, context: planned.context) }
                try stopwatch.time(.readBack) { try planned.verify(text) }
                if let followUp = planned.followUp { try stopwatch.time(.followUp, followUp) }
                files.append(GeneratedFile(path: planned.path, contents: text, executable: planned.executable))
            }
        }
        var seen: Set<String> = []
        for file in files where !seen.insert(file.path).inserted {
            throw DuplicateOutputPath(path: file.path)
        }
        // The request expectations, on the edge as the rendered files say it is.
        if checksExpectations, artifacts.contains(where: { $0 is TerraformArtifact }), topology.tunnel.mode == .remote || artifacts.contains(where: { $0 is CloudflaredConfigArtifact }) {
            try EdgeExpectationCheck.verify(topology, files: files)
        }
        return stopwatch.time(.hash) { RenderedProfile(name: topology.name, files: files) }
    }
}

/// Every artifact topogen knows, in the order they are rendered.
public enum ArtifactCatalog {
    public static let all: [any Artifact] = [
        ComposeArtifact(),
        EnvExampleArtifact(),
        CloudflaredConfigArtifact(),
        TerraformArtifact(),
        SystemdUnitArtifact(),
        ConsumerEnvArtifact(),
        VerifyScriptArtifact(),
        RunbookArtifact(),
    ]
}
