import Artifacts
import Foundation
import ProfileLoader
import Rendering
import TopologyModel
import Validation

/// Where the inputs live. Defaults match the repository layout; tests point them elsewhere.
public struct Workspace: Sendable {
    public var profilesDirectory: String
    public var templatesDirectory: String

    public init(profilesDirectory: String = "profiles", templatesDirectory: String = "templates") {
        self.profilesDirectory = profilesDirectory
        self.templatesDirectory = templatesDirectory
    }

    /// The profiles to work on: the named ones (a name or a path), else every `*.yaml`.
    public func profilePaths(_ selection: [String]) throws -> [String] {
        if !selection.isEmpty {
            return selection.map { $0.contains("/") || $0.hasSuffix(".yaml") ? $0 : "\(profilesDirectory)/\($0).yaml" }
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: profilesDirectory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw PipelineError.noProfiles("profile folder '\(profilesDirectory)' does not exist")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: profilesDirectory)
            .filter { $0.hasSuffix(".yaml") && !$0.hasPrefix(".") }.sorted()
        guard !names.isEmpty else { throw PipelineError.noProfiles("no *.yaml profiles in '\(profilesDirectory)'") }
        return names.map { "\(profilesDirectory)/\($0)" }
    }
}

public enum PipelineError: Error, CustomStringConvertible {
    case noProfiles(String)
    public var description: String {
        switch self { case .noProfiles(let message): return "error: \(message)\n  hint: run from the repository root, or name profiles explicitly" }
    }
}

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
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        let diagnostics = (loaded.diagnostics + Validator.validate(topology).map { withSnippet($0, from: text) }).sortedForDisplay()
        return CheckedProfile(path: path, topology: diagnostics.hasErrors ? nil : topology, diagnostics: diagnostics)
    }

    /// Validation rules name a key path; show the profile line it points at, as the loader does.
    static func withSnippet(_ diagnostic: Diagnostic, from text: String) -> Diagnostic {
        guard diagnostic.snippet == nil, let location = diagnostic.location else { return diagnostic }
        var located = diagnostic
        located.snippet = location.snippet(in: text.split(separator: "\n", omittingEmptySubsequences: false))
        return located
    }

    /// Renders valid topologies with the given templates.
    public static func render(_ topologies: [Topology], templates: TemplateLibrary) throws -> [RenderedProfile] {
        let renderer = ProfileRenderer(templates: templates)
        return try topologies.map { try renderer.render($0) }
    }
}
