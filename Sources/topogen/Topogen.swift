import ArgumentParser
import Foundation
import Formats
import Pipeline

@main
struct Topogen: ParsableCommand {
    // Help text lines stay under 78 columns so an 80-column terminal never breaks an example
    // or a row of the exit-code table (a test checks it).
    static let configuration = CommandConfiguration(
        commandName: "topogen",
        abstract: "Compile deployment profiles into every file the deployment needs.",
        discussion: """
        Reads profiles/*.yaml, checks them, renders templates/ for each profile
        into generated/<profile>/, and reads every rendered file back first.
        Works from any folder inside the project (the nearest folder up that
        holds profiles/ and templates/). Profiles are named by their file name.

        Examples:
          topogen plan                  what render would create/change/remove
          topogen render                render every profile into generated/
          topogen render vultr-jp       render one profile
          topogen check                 CI: is generated/ up to date?
          topogen validate --strict     diagnostics only; warnings fail
          topogen explain unknown-key   what a diagnostic code means
          topogen init my-site          write a starter profile

        Exit codes:
          0   success (check: generated/ is up to date)
          1   a profile or template has errors; nothing was written
          2   check: generated/ is out of date (a diff is printed)
          3   the output folder was not written (it holds files topogen
              did not write, or I/O failed)
          64  command-line usage error
        """,
        version: TopogenVersion.current,
        subcommands: [Render.self, Plan.self, Check.self, Validate.self, Trace.self, Explain.self, Init.self, Schema.self, Version.self]
    )

    static var commandNames: [String] { configuration.subcommands.map { $0._commandName } + ["help"] }

    /// Catches a misspelt subcommand before the parser, which would only say "unexpected
    /// argument", and answers with a did-you-mean (exit 64, like any usage error); usage errors
    /// and `--version` follow `--format` (`CommandLineAnswers`).
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let format = CommandLineAnswers.format(in: arguments)
        let commands = commandNames.filter { $0 != "help" }
        if let first = arguments.first, !first.hasPrefix("-"), !commandNames.contains(first) {
            CommandLineAnswers.unknownCommand(first, commands: commands, namesAProfile: namesAProfile(first), format: format)
        }
        if format == .json, CommandLineAnswers.asksOnlyForVersion(arguments) {
            return Console.out(CommandLineAnswers.version(format))
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            CommandLineAnswers.finish(error, arguments: arguments, commands: commands, format: format)
        }
    }

    /// `topogen vultr-jp` most likely meant to render that profile.
    static func namesAProfile(_ word: String) -> Bool {
        guard let root = ProjectFinder.root(from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) else { return false }
        return Workspace.profileExtensions.contains { FileManager.default.fileExists(atPath: root.appendingPathComponent("profiles/\(word).\($0)").path) }
    }
}

/// `topogen version`, for people who type it without dashes.
struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the version (same as --version).")

    @Option(help: ArgumentHelp("Print it as text or json (on stdout).", valueName: "format"))
    var format: OutputFormat = .text

    func run() { FileHandle.standardOutput.write(Data(CommandLineAnswers.version(format).utf8)) }
}

/// Exit codes scripts can rely on (also listed in `--help` and the README).
enum Exit {
    static let invalidInput: Int32 = 1
    static let drift: Int32 = 2
    static let outputRefused: Int32 = 3
    static let usage: Int32 = 64
}
