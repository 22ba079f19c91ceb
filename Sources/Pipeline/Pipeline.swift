import Artifacts
import Foundation
import ProfileLoader
import Rendering
import TopologyModel
import Validation

/// One profile, read and checked.
public struct CheckedProfile: Sendable {
    public var path: String
    /// Only when there was no error: what may be rendered.
    public var topology: Topology?
    public var diagnostics: [Diagnostic]
    /// The profile's `acknowledge:` entries, when that section loaded (even if others did not).
    public var acknowledgements: [Acknowledgement] = []
    /// Where each key path was written, for diagnostics about acknowledgements.
    public var sourceMap = SourceMap()
    /// The sections that failed to load, and the rules that did not run because they read one.
    public var failedSections: Set<TopologySection> = []
    public var rulesNotRun: [String] = []
}

/// The fixed pipeline: read -> validate -> render -> read back. Nothing here writes files.
public enum Pipeline {
    /// Loads and validates, reporting the loader's problems and the rules' in one list. When a
    /// section failed to load, the rules that do not read it still run (on the sections that
    /// loaded), so one run shows every mistake; the profile is then refused all the same.
    public static func check(path: String, displayPath: String? = nil) -> CheckedProfile {
        let loaded = ProfileLoader.load(path: path, displayPath: displayPath)
        guard let partial = loaded.partial else {
            return CheckedProfile(path: path, topology: nil, diagnostics: loaded.diagnostics.sortedForDisplay())
        }
        let validated = Validator.validate(partial.topology, loaded: partial.loaded).map { loaded.mask.apply(to: withSnippet($0, from: loaded.lines)) }
        let diagnostics = (loaded.diagnostics + validated).sortedForDisplay()
        let loadedAcknowledgements = partial.failed.contains(.acknowledgements) ? [] : partial.topology.acknowledgements
        return CheckedProfile(path: path, topology: diagnostics.hasErrors ? nil : loaded.topology, diagnostics: diagnostics,
                              acknowledgements: loadedAcknowledgements, sourceMap: partial.topology.sourceMap, failedSections: partial.failed,
                              rulesNotRun: Validator.rules.filter { !$0.canRun(with: partial.loaded) }.map(\.name))
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
