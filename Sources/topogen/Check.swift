import ArgumentParser

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Exit 0 when OUT/ matches what render would write; else diff, exit 2.",
        usage: "topogen check [<profile> ...] [options]",
        discussion: """
        Writes nothing. Prints changed files as unified diffs, then the files
        render would create or remove. When render would refuse the folder (it
        holds files topogen did not write), says so and what to move first.
        """
    )

    @OptionGroup var selection: SelectionOptions
    @OptionGroup var output: OutOption
    @OptionGroup var project: ProjectOptions
    @OptionGroup var report: ReportOptions

    func run() throws {
        try Session.run("check", project: project, report: report, out: output.out) { session in
            guard let rendered = session.rendered(selection.selection) else { return Exit.invalidInput }
            guard let plan = session.plan(rendered, includeOthers: selection.selection.isEmpty) else { return Exit.outputRefused }
            if plan.isEmpty {
                session.reporter.say("\(session.out) is up to date (\(rendered.count) profile\(rendered.count == 1 ? "" : "s"))")
                return 0
            }
            for entry in plan.entries {
                if let diff = entry.diff { session.reporter.raw(diff) }
            }
            session.list(plan)
            let command = "topogen render" + (session.out == "generated" ? "" : " --out \(session.out)")
            if session.reportRefusals(plan) {
                session.reporter.diagnose(.init(.error, at: nil, path: "", "\(session.out) is out of date, and render would refuse to write it",
                                                hint: "move the files named above out of \(session.out), then run `\(command)` and review the diff",
                                                code: "stale-output"))
            } else {
                session.reporter.diagnose(.init(.error, at: nil, path: "", "\(session.out) is out of date: \(plan.summary)",
                                                hint: "run `\(command)` and review the diff", code: "stale-output"))
            }
            return Exit.drift
        }
    }
}
