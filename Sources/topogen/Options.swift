import ArgumentParser

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Where the inputs are. Both default to the project's folders (found from any subfolder).
struct ProjectOptions: ParsableArguments {
    @Option(name: .customLong("profiles"), help: ArgumentHelp("Folder holding the profiles (default: the project's).", valueName: "dir"))
    var profilesDirectory: String?

    @Option(name: .customLong("templates"), help: ArgumentHelp("Folder of Mustache templates (default: the project's).", valueName: "dir"))
    var templatesDirectory: String?
}

/// Which profiles: positional names (or paths) in every command; all of them by default.
struct SelectionOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Profiles by name or path (default: all).", valueName: "profile"))
    var names: [String] = []

    /// The older spelling, still accepted: `--profile NAME` (repeatable).
    @Option(name: .customLong("profile"), help: .hidden)
    var legacyNames: [String] = []

    var selection: [String] { names + legacyNames }
}

/// How results are reported.
struct ReportOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Report as text or json (on stdout).", valueName: "format"))
    var format: OutputFormat = .text

    @Flag(help: "Report warnings as errors (acknowledged ones excepted).")
    var strict = false
}

struct OutOption: ParsableArguments {
    @Option(help: ArgumentHelp("Output folder (default: the project's generated/).", valueName: "dir"))
    var out: String?
}
