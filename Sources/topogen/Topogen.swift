import ArgumentParser

@main
struct Topogen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topogen",
        abstract: "Compile deployment profiles into every file the deployment needs.",
        discussion: """
        Reads profiles/*.yaml, checks them, renders templates/ for each into generated/<profile>/,
        and reads every rendered file back before writing anything.

        Examples:
          topogen render --out generated/            render every profile
          topogen render --profile vultr-jp          render one profile
          topogen check --out generated/             CI: is generated/ up to date? (writes nothing)
          topogen validate profiles/vultr-jp.yaml    diagnostics only

        Exit codes:
          0   success (check: generated/ is up to date)
          1   a profile or template has errors (nothing was written)
          2   check: generated/ is out of date (a diff is printed)
          3   the output folder was not written (it holds files topogen did not write, or I/O failed)
          64  command-line usage error
        """,
        subcommands: [Render.self, Check.self, Validate.self, Trace.self],
        defaultSubcommand: Render.self
    )
}

/// Exit codes scripts can rely on (also listed in `--help` and the README).
enum Exit {
    static let invalidInput = ExitCode(1)
    static let drift = ExitCode(2)
    static let outputRefused = ExitCode(3)
}
