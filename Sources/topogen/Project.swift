import Foundation
import Pipeline

/// The project a command works in, found like git finds its repository: the nearest folder
/// from the working directory up that holds `profiles/` and `templates/`. topogen then works
/// from that folder, so diagnostics name `profiles/x.yaml` wherever it was started; paths the
/// user typed stay relative to where they were typed.
struct Project {
    let root: URL?
    /// Set when the project is not the working directory: what to tell the user.
    let note: String?
    let workspace: Workspace
    let out: String

    enum Problem: Error {
        case profilesNotAFolder(String)
        case cannotEnter(String)
    }

    static func open(_ options: ProjectOptions, out: String?) throws -> Project {
        let start = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let explicit = options.profilesDirectory != nil && options.templatesDirectory != nil
        let root = explicit ? nil : ProjectFinder.root(from: start)
        let base = root ?? start
        func rebased(_ path: String?) -> String? {
            guard let path else { return nil }
            let absolute = path.hasPrefix("/") ? URL(fileURLWithPath: path) : start.appendingPathComponent(path)
            let full = absolute.standardizedFileURL.path + (path.hasSuffix("/") ? "/" : "")
            let prefix = base.standardizedFileURL.path + "/"
            return full.hasPrefix(prefix) ? String(full.dropFirst(prefix.count)) : full
        }
        let profiles = rebased(options.profilesDirectory) ?? "profiles"
        if options.profilesDirectory != nil { try checkFolder(profiles, option: options.profilesDirectory!) }
        let templates = rebased(options.templatesDirectory) ?? "templates"
        let outPath = rebased(out) ?? "generated"
        var note: String?
        if let root, root.standardizedFileURL.path != start.standardizedFileURL.path {
            // The paths above are relative to the project root from here on.
            guard FileManager.default.changeCurrentDirectoryPath(root.path) else { throw Problem.cannotEnter(root.path) }
            note = "topogen: using the project in \(root.path) (the nearest folder up holding profiles/ and templates/)"
        }
        return Project(root: root, note: note,
                       workspace: Workspace(profilesDirectory: profiles.isEmpty ? "." : profiles, templatesDirectory: templates.isEmpty ? "." : templates),
                       out: outPath.isEmpty ? "." : outPath)
    }

    /// `--profiles` names a folder; `--profiles vultr-jp` (a profile) gets a clear error.
    static func checkFolder(_ path: String, option: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { return }
        throw Problem.profilesNotAFolder(option)
    }
}

extension Project.Problem {
    var message: String {
        switch self {
        case .profilesNotAFolder(let given): return "--profiles takes the folder that holds the profiles, and '\(given)' is not a folder"
        case .cannotEnter(let root): return "cannot enter the project folder \(root)"
        }
    }

    var hint: String {
        switch self {
        case .profilesNotAFolder(let given): return "to choose profiles, name them after the command: topogen validate \(given)"
        case .cannotEnter: return "check the folder's permissions, or run topogen from inside it"
        }
    }
}
