import ArgumentParser
import Formats
import Pipeline
import TopologyModel

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Say what a diagnostic code means (the [code] after a message).",
        discussion: "Without a code, lists every code topogen can report."
    )

    @Argument(help: ArgumentHelp("A diagnostic code, e.g. unknown-key.", valueName: "code"))
    var code: String?

    @OptionGroup var report: ReportOptions

    func run() throws {
        let reporter = Reporter(command: "explain", format: report.format)
        guard let code else {
            for code in DiagnosticCatalog.codes {
                if let entry = DiagnosticCatalog.entry(code) { reporter.say("\(code.padding(toLength: 36, withPad: " ", startingAt: 0)) \(entry.kind)") }
            }
            return try reporter.finish(0)
        }
        guard let entry = DiagnosticCatalog.entry(code) else {
            reporter.diagnose(Diagnostic(.error, at: nil, path: "", "no diagnostic code '\(code)'\(DidYouMean.hint(code, in: DiagnosticCatalog.codes))",
                                         hint: "topogen explain (without a code) lists them all", code: "usage"))
            return try reporter.finish(Exit.invalidInput)
        }
        reporter.say("\(entry.code) (\(entry.kind))")
        reporter.say("  \(entry.summary)")
        reporter.say("  When it is a warning, a profile can accept it (errors cannot be accepted):")
        reporter.say("    acknowledge: [{code: \(entry.code), reason: \"why it is fine here\"}]")
        try reporter.finish(0)
    }
}
