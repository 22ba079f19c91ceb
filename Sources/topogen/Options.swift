import ArgumentParser
import Foundation
import Pipeline
import Rendering
import TopologyModel

struct InputOptions: ParsableArguments {
    @Option(name: .customLong("profile"), help: "Only this profile (a name in --profiles or a path). Repeatable.")
    var profiles: [String] = []

    @Option(name: .customLong("profiles"), help: "Folder of profile YAML files.")
    var profilesDirectory = "profiles"

    @Option(name: .customLong("templates"), help: "Folder of Mustache templates.")
    var templatesDirectory = "templates"

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    var workspace: Workspace { Workspace(profilesDirectory: profilesDirectory, templatesDirectory: templatesDirectory) }
}

/// Diagnostics go to stderr, written synchronously so nothing is lost at exit.
enum Console {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}

extension InputOptions {
    func checkedTopologies() throws -> [Topology] {
        try checkedProfiles(workspace: workspace, selection: profiles, strict: strict)
    }
}

/// Reads and validates every selected profile, printing all diagnostics. Throws exit 1 when
/// any profile has an error (or a warning, with --strict).
func checkedProfiles(workspace: Workspace, selection profiles: [String], strict: Bool) throws -> [Topology] {
        let paths: [String]
        do { paths = try workspace.profilePaths(profiles) } catch {
            Console.error("\(error)")
            throw Exit.invalidInput
        }
        var topologies: [Topology] = []
        var failed = false
        for path in paths {
            let checked = Pipeline.check(path: path)
            for diagnostic in checked.diagnostics { Console.error(diagnostic.description) }
            let errors = checked.diagnostics.errors.count, warnings = checked.diagnostics.warnings.count
            if errors > 0 || (strict && warnings > 0) {
                failed = true
                Console.error("\(path): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
            }
            if let topology = checked.topology { topologies.append(topology) }
        }
        if failed { throw Exit.invalidInput }
        return topologies
}

extension InputOptions {
    func renderAll() throws -> [RenderedProfile] {
        let topologies = try checkedTopologies()
        do {
            let templates = try TemplateLibrary(directory: templatesDirectory)
            return try Pipeline.render(topologies, templates: templates)
        } catch {
            Console.error("\(error)")
            throw Exit.invalidInput
        }
    }
}
