import ArgumentParser
import Foundation
import Pipeline
import TopologyModel

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a commented starter profile PROFILES/NAME.yaml.",
        usage: "topogen init <name> [--profiles <dir>] [--format <format>]",
        discussion: """
        The starter validates as written; every value topogen cannot know is
        marked TODO(init) with the question to answer. An existing profile is
        never overwritten (exit 1).
        """
    )

    @Argument(help: ArgumentHelp("The new profile's name (also its output folder).", valueName: "name"))
    var name: String

    @OptionGroup var project: ProjectOptions
    @OptionGroup var report: ReportOptions

    func validate() throws {
        guard name.range(of: #"^[a-z0-9][a-z0-9-]*$"#, options: .regularExpression) != nil else {
            throw ValidationError("a profile name is lower-case letters, digits and '-' (it names files and Terraform resources)")
        }
    }

    func run() throws {
        try Session.run("init", project: project, report: report) { session in
            let folder = session.workspace.profilesDirectory
            let existing = Workspace.profileExtensions.map { "\(folder)/\(name).\($0)" }.filter { FileManager.default.fileExists(atPath: $0) }
            if let path = existing.first {
                session.reporter.diagnose(Diagnostic(.error, at: nil, path: "", "\(path) already exists; init never overwrites a profile",
                                                     hint: "choose another name, or edit \(path)", code: "profile-exists"))
                return Exit.invalidInput
            }
            let path = "\(folder)/\(name).yaml"
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try Data(StarterProfile.text(name: name).utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
            } catch {
                session.reporter.diagnose(FailureDiagnostics.output(error, out: folder))
                return Exit.outputRefused
            }
            let questions = StarterProfile.text(name: name).components(separatedBy: StarterProfile.marker).count - 2
            session.reporter.say("wrote \(path): \(questions) questions marked \(StarterProfile.marker); then run `topogen validate \(name)`")
            return 0
        }
    }
}
