import ArgumentParser
import Pipeline

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read and check profiles; print diagnostics; write nothing.",
        discussion: "Exit 0 when no profile has an error (warnings are printed), 1 otherwise."
    )

    @Argument(help: "Profiles to check (names or paths). Default: every profile.")
    var profiles: [String] = []

    @Option(name: .customLong("profiles"), help: "Folder of profile YAML files.")
    var profilesDirectory = "profiles"

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    func run() throws {
        let topologies = try checkedProfiles(workspace: Workspace(profilesDirectory: profilesDirectory),
                                             selection: profiles, strict: strict)
        Console.out("\(topologies.count) profile\(topologies.count == 1 ? "" : "s") valid")
    }
}
