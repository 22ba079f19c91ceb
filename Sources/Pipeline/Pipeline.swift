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
    public static func check(path: String) -> CheckedProfile {
        let loaded = ProfileLoader.load(path: path)
        guard let topology = loaded.topology else {
            return CheckedProfile(path: path, topology: nil, diagnostics: loaded.diagnostics.sortedForDisplay())
        }
        let diagnostics = (loaded.diagnostics + Validator.validate(topology)).sortedForDisplay()
        return CheckedProfile(path: path, topology: diagnostics.hasErrors ? nil : topology, diagnostics: diagnostics)
    }

    /// Renders valid topologies with the given templates.
    public static func render(_ topologies: [Topology], templates: TemplateLibrary) throws -> [RenderedProfile] {
        let renderer = ProfileRenderer(templates: templates)
        return try topologies.map { try renderer.render($0) }
    }
}
