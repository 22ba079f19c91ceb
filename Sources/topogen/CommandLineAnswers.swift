import ArgumentParser
import Foundation
import Formats
import TopologyModel

/// What topogen answers before (or instead of) a subcommand's run: a misspelt subcommand, the
/// parser's own usage errors (unknown option, missing argument or value) and `--version`.
/// ArgumentParser prints those as text itself; under `--format json` they are one JSON document
/// on stdout like every other command's report, so a script that asked for JSON never has to
/// read text, whichever way the command line was wrong.
enum CommandLineAnswers {
    static let usageCode = "usage"

    /// The format the arguments ask for, read before the parser runs (it may be the parser that
    /// fails). An unknown value is left to the parser, which refuses it as text.
    static func format(in arguments: [String]) -> OutputFormat {
        var format = OutputFormat.text
        for (index, argument) in arguments.enumerated() {
            if argument == "--" { break }
            if argument == "--format", index + 1 < arguments.count, let value = OutputFormat(rawValue: arguments[index + 1]) { format = value }
            if argument.hasPrefix("--format="), let value = OutputFormat(rawValue: String(argument.dropFirst("--format=".count))) { format = value }
        }
        return format
    }

    /// `topogen --version` with nothing else but a format: the parser's own `--version` is text only.
    static func asksOnlyForVersion(_ arguments: [String]) -> Bool {
        var rest = arguments
        if let index = rest.firstIndex(of: "--format"), index + 1 < rest.count { rest.removeSubrange(index...index + 1) }
        rest.removeAll { $0.hasPrefix("--format=") }
        return rest == ["--version"]
    }

    /// The version: one line of text, or `{"name": "topogen", "version": "…"}`.
    static func version(_ format: OutputFormat) -> String {
        guard format == .json else { return TopogenVersion.current + "\n" }
        return JSONReport.text(of: ["name": "topogen", "version": TopogenVersion.current])
    }

    /// A first word that is no subcommand: a did-you-mean, a hint that commands come first, or
    /// the list of commands. Exit 64, like any usage error.
    static func unknownCommand(_ word: String, commands: [String], namesAProfile: Bool, format: OutputFormat) -> Never {
        let hint: String
        if let suggestion = DidYouMean.closest(word, in: commands) {
            hint = "did you mean `topogen \(suggestion)`?"
        } else if namesAProfile {
            hint = "commands come first: `topogen render \(word)`, `topogen plan \(word)`, `topogen validate \(word)`"
        } else {
            hint = "commands: \(commands.joined(separator: ", "))"
        }
        report(Diagnostic(.error, at: nil, path: "", "'\(word)' is not a topogen command", hint: "\(hint) (see topogen --help)",
                          code: usageCode), command: "topogen", format: format)
    }

    /// Ends the run after the parser or a command threw. A command's own `ExitCode` comes after
    /// its report (already printed); help stays text; a usage error in JSON mode becomes a report.
    static func finish(_ error: Error, arguments: [String], commands: [String], format: OutputFormat) -> Never {
        if format == .json, Topogen.exitCode(for: error) == .success, Topogen.fullMessage(for: error) == TopogenVersion.current {
            Console.out(version(format))   // `topogen render --version`: the parser's own answer, as JSON
            Foundation.exit(0)
        }
        guard format == .json, !(error is ExitCode), Topogen.exitCode(for: error) == .validationFailure else { Topogen.exit(withError: error) }
        let command = arguments.first.flatMap { commands.contains($0) ? $0 : nil } ?? "topogen"
        report(Diagnostic(.error, at: nil, path: "", Topogen.message(for: error), hint: usageHint(for: error, command: command), code: usageCode),
               command: command, format: format)
    }

    /// The parser's usage line and where help is, from its full message (which text mode prints).
    static func usageHint(for error: Error, command: String) -> String {
        let lines = Topogen.fullMessage(for: error).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let usage = lines.first { $0.hasPrefix("Usage: ") }.map { "usage: " + $0.dropFirst("Usage: ".count) + "; " } ?? ""
        let help = command == "topogen" ? "topogen --help" : "topogen \(command) --help"
        return "\(usage)see `\(help)`"
    }

    private static func report(_ diagnostic: Diagnostic, command: String, format: OutputFormat) -> Never {
        let reporter = Reporter(command: command, format: format)
        reporter.diagnose(diagnostic)
        do { try reporter.finish(Exit.usage) } catch {}
        Foundation.exit(Exit.usage)
    }
}
