import ArgumentParser
import Foundation
import Pipeline
import Rendering
import TopologyModel

/// One command run: the project it found, its reporter, and the steps commands share.
struct Session {
    let project: Project
    let reporter: Reporter
    let strict: Bool

    var workspace: Workspace { project.workspace }
    var out: String { project.out }

    /// Opens the project and runs `body`, whose result is the exit code; the report is
    /// finished (JSON printed) whatever happens.
    static func run(_ command: String, project options: ProjectOptions, report: ReportOptions, out: String? = nil,
                    _ body: (Session) throws -> Int32) throws {
        let reporter = Reporter(command: command, format: report.format)
        let project: Project
        do { project = try Project.open(options, out: out) } catch let problem as Project.Problem {
            reporter.diagnose(Diagnostic(.error, at: nil, path: "", problem.message, hint: problem.hint, code: "usage"))
            return try reporter.finish(Exit.usage)
        }
        reporter.project = project.root?.path
        if let note = project.note { reporter.note(note) }
        let session = Session(project: project, reporter: reporter, strict: report.strict)
        try reporter.finish(try body(session))
    }

    /// Reads, validates and judges the selected profiles, reporting everything; nil when any
    /// profile failed (every profile is still read, so one run shows every problem).
    func checkedTopologies(_ selection: [String]) -> [Topology]? {
        let paths: [String]
        do { paths = try workspace.profilePaths(selection) } catch let error as PipelineError {
            reporter.diagnose(Diagnostic(.error, at: nil, path: "", error.message, hint: error.hint, code: error.code))
            return nil
        } catch {
            reporter.diagnose(FailureDiagnostics.output(error, out: workspace.profilesDirectory))
            return nil
        }
        var topologies: [Topology] = []
        var failed = false
        for path in paths {
            let checked = Pipeline.check(path: path)
            let judged = Acknowledging.judge(checked.diagnostics, acknowledgements: checked.acknowledgements, strict: strict,
                                            locations: checked.sourceMap, notRun: Set(checked.rulesNotRun))
            reporter.diagnose(judged.diagnostics)
            for (acknowledgement, count) in judged.acknowledged { reporter.acknowledge(profile: path, acknowledgement, count: count) }
            let errors = judged.diagnostics.errors.count, warnings = judged.diagnostics.warnings.count
            if judged.failed {
                failed = true
                reporter.note("\(path): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
            }
            if !checked.rulesNotRun.isEmpty {
                // Silence would read as "the rest is fine": say what could not be judged yet.
                let sections = checked.failedSections.sorted().map(\.key).joined(separator: ", ")
                reporter.note("\(path): \(checked.rulesNotRun.count) validation rule\(checked.rulesNotRun.count == 1 ? "" : "s") not run until \(sections) load\(checked.failedSections.count == 1 ? "s" : "")")
            }
            if let topology = checked.topology, !judged.failed { topologies.append(topology) }
        }
        return failed ? nil : topologies
    }

    /// Checked and rendered in memory; nil when anything failed (all reported).
    func rendered(_ selection: [String]) -> [RenderedProfile]? {
        guard let topologies = checkedTopologies(selection) else { return nil }
        let outcome = Pipeline.renderReporting(topologies, templatesDirectory: workspace.templatesDirectory)
        reporter.diagnose(outcome.diagnostics)
        return outcome.diagnostics.hasErrors ? nil : outcome.rendered
    }

    /// What render would do to `out`; nil (reported) when the folder cannot be read.
    func plan(_ rendered: [RenderedProfile], includeOthers: Bool) -> RenderPlan? {
        do {
            let plan = try RenderPlan.make(rendered, out: out, includeOthers: includeOthers)
            reporter.record(plan)
            return plan
        } catch {
            reporter.diagnose(FailureDiagnostics.output(error, out: out))
            return nil
        }
    }

    /// Each refusal as the error render reports; true when there were any.
    func reportRefusals(_ plan: RenderPlan) -> Bool {
        for refusal in plan.refusals {
            reporter.diagnose(Diagnostic(.error, at: nil, path: "", "render will not write: \(refusal.message)", hint: refusal.hint, code: "output-refused"))
        }
        return !plan.refusals.isEmpty
    }

    /// `create path`, `change path`, `remove path`, one per line, then the counts.
    func list(_ plan: RenderPlan) {
        for entry in plan.entries {
            let detail = entry.mode.map { " (mode \($0))" } ?? ""
            reporter.say("\(entry.action.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0))\(entry.path)\(detail)")
        }
    }
}
