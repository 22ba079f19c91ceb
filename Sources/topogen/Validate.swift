import ArgumentParser

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read and check profiles; print diagnostics; write nothing.",
        usage: "topogen validate [<profile> ...] [options]",
        discussion: "Exit 0 when no profile has an error (warnings are printed), else 1."
    )

    @OptionGroup var selection: SelectionOptions
    @OptionGroup var project: ProjectOptions
    @OptionGroup var report: ReportOptions

    func run() throws {
        try Session.run("validate", project: project, report: report) { session in
            guard let topologies = session.checkedTopologies(selection.selection) else { return Exit.invalidInput }
            session.reporter.say("\(topologies.count) profile\(topologies.count == 1 ? "" : "s") valid")
            return 0
        }
    }
}
