import ArgumentParser
import Pipeline
import Rendering

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render profiles into OUT/<profile>/ and list what changed.",
        usage: "topogen render [<profile> ...] [options]",
        discussion: """
        Each profile folder is replaced whole (atomically, with a manifest). A
        folder topogen did not write, or one holding files it did not write, is
        never touched (exit 3). Without profile names, folders of profiles that
        no longer exist are removed.
        """
    )

    @OptionGroup var selection: SelectionOptions
    @OptionGroup var output: OutOption
    @OptionGroup var project: ProjectOptions
    @OptionGroup var report: ReportOptions

    func run() throws {
        try Session.run("render", project: project, report: report, out: output.out) { session in
            let all = selection.selection.isEmpty
            guard let rendered = session.rendered(selection.selection) else { return Exit.invalidInput }
            guard let plan = session.plan(rendered, includeOthers: all) else { return Exit.outputRefused }
            if session.reportRefusals(plan) { return Exit.outputRefused }
            do {
                try OutputTree(root: session.out).write(rendered, pruneOthers: all)
            } catch {
                session.reporter.diagnose(FailureDiagnostics.output(error, out: session.out))
                return Exit.outputRefused
            }
            session.list(plan)
            let files = rendered.reduce(0) { $0 + $1.allFiles.count }
            session.reporter.say("rendered \(rendered.count) profile\(rendered.count == 1 ? "" : "s"), \(files) files into \(session.out): \(plan.summary)")
            return 0
        }
    }
}
