import Artifacts
import Foundation
import ProfileLoader
import Rendering
import TopologyModel
import Validation

/// One profile, read and checked.
public struct CheckedProfile: Sendable {
    public var path: String
    public var topology: Topology?
    public var diagnostics: [Diagnostic]
}

/// The fixed pipeline: read -> validate -> render -> read back. Nothing here writes files.
public enum Pipeline {
    /// Loads and validates. Validation runs only on a profile that loaded without errors.
    public static func check(path: String, displayPath: String? = nil) -> CheckedProfile {
        let loaded = ProfileLoader.load(path: path, displayPath: displayPath)
        guard let topology = loaded.topology else {
            return CheckedProfile(path: path, topology: nil, diagnostics: loaded.diagnostics.sortedForDisplay())
        }
        let validated = Validator.validate(topology).map { loaded.mask.apply(to: withSnippet($0, from: loaded.lines)) }
        let diagnostics = (loaded.diagnostics + validated).sortedForDisplay()
        return CheckedProfile(path: path, topology: diagnostics.hasErrors ? nil : topology, diagnostics: diagnostics)
    }

    /// Validation rules name a key path; show the profile line it points at, as the loader does,
    /// from the lines the loader split once (not a fresh split per diagnostic).
    static func withSnippet(_ diagnostic: Diagnostic, from lines: SourceLines) -> Diagnostic {
        guard diagnostic.snippet == nil, let location = diagnostic.location else { return diagnostic }
        var located = diagnostic
        located.snippet = lines.snippet(at: location)
        return located
    }

    /// Renders valid topologies with the given templates.
    public static func render(_ topologies: [Topology], templates: TemplateLibrary) throws -> [RenderedProfile] {
        let renderer = ProfileRenderer(templates: templates)
        return try topologies.map { try renderer.render($0) }
    }
}
