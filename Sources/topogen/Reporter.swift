import ArgumentParser
import Foundation
import Pipeline
import TopologyModel

/// Everything a command tells its user goes through here, so text, JSON and GitHub Actions
/// annotations always carry the same diagnostics. Text: diagnostics and notes on stderr as
/// they happen, results on stdout. JSON: one document on stdout at the end, nothing else.
final class Reporter {
    let command: String
    let format: OutputFormat
    let style: Style
    /// GitHub Actions reads `::error file=…::` lines from the log (text mode only: in JSON
    /// mode stdout must stay one parseable document).
    let annotate: Bool
    var project: String?
    private(set) var diagnostics: [Diagnostic] = []
    private var acknowledged: [JSONReport.Acknowledged] = []
    private var changes: [JSONReport.Change]?
    private var messages: [String] = []

    init(command: String, format: OutputFormat, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.command = command
        self.format = format
        self.style = Style.forStandardError(environment: environment)
        self.annotate = format == .text && environment["GITHUB_ACTIONS"] == "true"
    }

    func diagnose(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
        guard format == .text else { return }
        Console.error(DiagnosticText.render(diagnostic, style: style))
        if annotate { Console.out(DiagnosticText.annotation(diagnostic)) }
    }

    func diagnose(_ list: [Diagnostic]) { list.forEach(diagnose) }

    /// A result line (stdout in text mode).
    func say(_ line: String) {
        if format == .text { Console.out(line) } else { messages.append(line) }
    }

    /// A side remark (stderr in text mode): which project, per-profile counts, summaries.
    func note(_ line: String) {
        if format == .text { Console.error(line) } else { messages.append(line) }
    }

    /// Raw text only people read (unified diffs); in JSON the diffs ride on `changes`.
    func raw(_ text: String) {
        if format == .text { FileHandle.standardOutput.write(Data(text.utf8)) }
    }

    func acknowledge(profile: String, _ acknowledgement: Acknowledgement, count: Int) {
        acknowledged.append(.init(profile: profile, code: acknowledgement.code, reason: acknowledgement.reason, count: count))
        note("\(profile): acknowledged \(acknowledgement.code) (\(count) warning\(count == 1 ? "" : "s")): \(acknowledgement.reason)")
    }

    func record(_ plan: RenderPlan) {
        changes = plan.entries.map { .init(action: $0.action.rawValue, path: $0.path, mode: $0.mode, diff: $0.diff) }
    }

    /// Ends the command: prints the JSON document, then exits with `code`.
    func finish(_ code: Int32) throws {
        if format == .json {
            let report = JSONReport(command: command, version: TopogenVersion.current, project: project, exitCode: code,
                                    errors: diagnostics.errors.count, warnings: diagnostics.warnings.count,
                                    diagnostics: diagnostics.map(JSONReport.Item.init), acknowledged: acknowledged,
                                    changes: changes, messages: messages)
            FileHandle.standardOutput.write(Data(report.text().utf8))
        }
        if code != 0 { throw ExitCode(code) }
    }
}

/// Written synchronously so nothing is lost at exit.
enum Console {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}
