import Formats
import Foundation

/// Where the inputs live. Defaults match the repository layout; tests point them elsewhere.
public struct Workspace: Sendable {
    public var profilesDirectory: String
    public var templatesDirectory: String

    public init(profilesDirectory: String = "profiles", templatesDirectory: String = "templates") {
        self.profilesDirectory = profilesDirectory
        self.templatesDirectory = templatesDirectory
    }

    /// Profile files end in `.yaml` or `.yml`; both are read, so a profile is never skipped
    /// because of the spelling of its extension.
    public static let profileExtensions = ["yaml", "yml"]

    /// The profiles to work on: the named ones (a name or a path), else every profile file.
    public func profilePaths(_ selection: [String]) throws -> [String] {
        if !selection.isEmpty { return try selection.map(resolve) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: profilesDirectory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw PipelineError.noProfiles("profile folder '\(profilesDirectory)' does not exist")
        }
        let files = try profileFiles()
        guard !files.isEmpty else { throw PipelineError.noProfiles("no *.yaml profiles in '\(profilesDirectory)'") }
        var byName: [String: String] = [:]
        for file in files {
            let name = Workspace.profileName(file)
            if let other = byName[name] { throw PipelineError.duplicateProfile(name: name, files: [other, file].map(inFolder)) }
            byName[name] = file
        }
        return files.map(inFolder)
    }

    /// Visible profile files in the folder, sorted.
    func profileFiles() throws -> [String] {
        guard FileManager.default.fileExists(atPath: profilesDirectory) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: profilesDirectory)
            .filter { !$0.hasPrefix(".") && Workspace.profileExtensions.contains(URL(fileURLWithPath: $0).pathExtension) }
            .sorted()
    }

    /// The names profiles are selected by (file names without extension).
    public func profileNames() -> [String] { ((try? profileFiles()) ?? []).map(Workspace.profileName) }

    static func profileName(_ file: String) -> String { URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent }

    func inFolder(_ file: String) -> String { "\(profilesDirectory)/\(file)" }

    /// A path is used as given; a bare name is looked up in the profile folder.
    func resolve(_ item: String) throws -> String {
        let isPath = item.contains("/") || Workspace.profileExtensions.contains(URL(fileURLWithPath: item).pathExtension)
        if isPath { return item }
        for ext in Workspace.profileExtensions where FileManager.default.fileExists(atPath: inFolder("\(item).\(ext)")) {
            return inFolder("\(item).\(ext)")
        }
        throw PipelineError.unknownProfile(name: item, folder: profilesDirectory, known: profileNames())
    }
}

public enum PipelineError: Error, CustomStringConvertible {
    case noProfiles(String)
    case unknownProfile(name: String, folder: String, known: [String])
    case duplicateProfile(name: String, files: [String])

    public var code: String {
        switch self {
        case .noProfiles: return "no-profiles"
        case .unknownProfile: return "unknown-profile"
        case .duplicateProfile: return "duplicate-profile"
        }
    }

    public var message: String {
        switch self {
        case .noProfiles(let message): return message
        case let .unknownProfile(name, folder, known):
            return "no profile named '\(name)' in \(folder)/\(DidYouMean.hint(name, in: known))"
        case let .duplicateProfile(name, files):
            return "two files define the profile '\(name)': \(files.joined(separator: " and "))"
        }
    }

    public var hint: String {
        switch self {
        case .noProfiles:
            return "run topogen inside a project (a folder holding profiles/ and templates/, or any folder below it), or pass --profiles DIR"
        case let .unknownProfile(_, folder, known):
            return known.isEmpty ? "add \(folder)/NAME.yaml (topogen init NAME writes a starter)"
                : "profiles here: \(known.joined(separator: ", ")); name them without the extension"
        case .duplicateProfile:
            return "keep one of them: a profile's name is its file name and must be unique"
        }
    }

    public var description: String { "error: \(message)\n  hint: \(hint)" }
}

/// The folder a command works in, found the way git finds its repository: the nearest folder,
/// from the working directory up, that holds both `profiles/` and `templates/`.
public enum ProjectFinder {
    public static func root(from start: URL) -> URL? {
        var folder = start.standardizedFileURL
        while true {
            if isProject(folder) { return folder }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }

    static func isProject(_ folder: URL) -> Bool {
        ["profiles", "templates"].allSatisfy { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }
    }
}
