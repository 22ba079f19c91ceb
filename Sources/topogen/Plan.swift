import ArgumentParser

struct Plan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List what render would create, change and remove; write nothing.",
        usage: "topogen plan [<profile> ...] [options]",
        discussion: """
        Exit 0 when render would succeed (whether or not anything changes), 1
        when a profile or template has errors, 3 when render would refuse the
        output folder (the refusal is printed as render would print it).
        """
    )

    @OptionGroup var selection: SelectionOptions
    @OptionGroup var output: OutOption
    @OptionGroup var project: ProjectOptions
    @OptionGroup var report: ReportOptions

    func run() throws {
        try Session.run("plan", project: project, report: report, out: output.out) { session in
            guard let rendered = session.rendered(selection.selection) else { return Exit.invalidInput }
            guard let plan = session.plan(rendered, includeOthers: selection.selection.isEmpty) else { return Exit.outputRefused }
            session.list(plan)
            if session.reportRefusals(plan) {
                session.reporter.note("render would write nothing until the files above are moved out")
                return Exit.outputRefused
            }
            session.reporter.say(plan.entries.isEmpty ? "\(session.out) is up to date: render would change nothing"
                                 : "render would: \(plan.summary)")
            return 0
        }
    }
}
