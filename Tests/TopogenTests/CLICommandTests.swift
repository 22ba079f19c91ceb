import Foundation
import Testing

/// The commands a new user tries first: version, bare `topogen`, a typo, naming profiles,
/// `plan`, and `check` agreeing with what `render` then does.
@Suite(.serialized) struct CLICommandTests {
    @Test func versionComesFromOneConstant() throws {
        let dir = try CLI.workspace()
        let source = try String(contentsOfFile: repoPath("Sources/topogen/Version.swift"), encoding: .utf8)
        let version = try #require(source.firstMatch(of: /current = "([0-9.]+)"/)?.1)
        for arguments in [["--version"], ["version"]] {
            let run = try CLI.run(arguments, in: dir)
            #expect(run.status == 0)
            #expect(run.stdout == "\(version)\n", "\(arguments)")
        }
        let json = try CLI.run(["validate", "--format", "json"], in: dir)
        #expect(json.stdout.contains("\"version\" : \"\(version)\""))
    }

    @Test func bareTopogenPrintsHelpAndWritesNothing() throws {
        let dir = try CLI.workspace()
        try FileManager.default.removeItem(at: dir.appendingPathComponent("generated"))
        let run = try CLI.run([], in: dir)
        #expect(run.status == 0)
        #expect(run.stdout.contains("USAGE: topogen <subcommand>"))
        #expect(run.stdout.contains("Exit codes:"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("generated").path), "bare topogen must not render")
    }

    @Test func aMisspeltCommandGetsADidYouMean() throws {
        let dir = try CLI.workspace()
        let run = try CLI.run(["chekc"], in: dir)
        #expect(run.status == 64)
        #expect(run.stderr.contains("error: 'chekc' is not a topogen command"))
        #expect(run.stderr.contains("did you mean `topogen check`?"))
        let far = try CLI.run(["frobnicate"], in: dir)
        #expect(far.status == 64)
        #expect(far.stderr.contains("commands: render, plan, check, validate"))
        let profile = try CLI.run(["hetzner-de"], in: dir)
        #expect(profile.status == 64)
        #expect(profile.stderr.contains("commands come first: `topogen render hetzner-de`"))
    }

    @Test func everyCommandNamesProfilesTheSameWay() throws {
        let dir = try CLI.workspace()
        for command in [["validate"], ["plan"], ["check"], ["render", "--out", "fresh"]] {
            let run = try CLI.run(command + ["hetzner-de"], in: dir)
            #expect(run.status == 0, "\(command): \(run.stderr)")
            #expect(!run.stderr.contains("vultr-jp"), "\(command) must work on hetzner-de only")
        }
        let rendered = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("fresh").path)
        #expect(rendered == ["hetzner-de"])
        let legacy = try CLI.run(["validate", "--profile", "hetzner-de"], in: dir)
        #expect(legacy.status == 0 && legacy.stdout.contains("1 profile valid"))
        let confused = try CLI.run(["validate", "--profiles", "vultr-jp"], in: dir)
        #expect(confused.status == 64)
        #expect(confused.stderr.contains("--profiles takes the folder that holds the profiles"))
        #expect(confused.stderr.contains("topogen validate vultr-jp"))
        let typo = try CLI.run(["validate", "vultr-j"], in: dir)
        #expect(typo.status == 1)
        #expect(typo.stderr.contains("no profile named 'vultr-j' in profiles/ (did you mean 'vultr-jp'?)"))
    }

    /// One tree where render would create, change and remove: plan lists exactly that and
    /// writes nothing; render then prints the same list and leaves a clean tree.
    @Test func planListsWhatRenderThenDoes() throws {
        let dir = try CLI.workspace()
        let generated = dir.appendingPathComponent("generated")
        try FileManager.default.removeItem(at: generated.appendingPathComponent("vultr-jp/RUNBOOK.md"))
        try FileManager.default.copyItem(at: generated.appendingPathComponent("hetzner-de"), to: generated.appendingPathComponent("old-site"))
        try CLI.edit(dir.appendingPathComponent("templates/compose.yml.mustache"), replacing: "# Published on loopback only", with: "# Loopback only")
        let before = try CLI.snapshot(generated)
        let plan = try CLI.run(["plan"], in: dir)
        #expect(plan.status == 0, "\(plan.stderr)")
        let expected = ["create generated/vultr-jp/RUNBOOK.md", "change generated/vultr-jp/deploy/newapi-compose.yml", "remove generated/old-site/"]
        for line in expected {
            #expect(plan.stdout.contains(line), "plan must list \(line):\n\(plan.stdout)")
        }
        #expect(try CLI.snapshot(generated) == before, "plan writes nothing")
        let render = try CLI.run(["render"], in: dir)
        #expect(render.status == 0, "\(render.stderr)")
        for line in expected { #expect(render.stdout.contains(line), "render must list \(line):\n\(render.stdout)") }
        let planned = plan.stdout.split(separator: "\n").filter { $0.hasPrefix("create") || $0.hasPrefix("change") || $0.hasPrefix("remove") }
        let done = render.stdout.split(separator: "\n").filter { $0.hasPrefix("create") || $0.hasPrefix("change") || $0.hasPrefix("remove") }
        #expect(planned == done)
        #expect(!FileManager.default.fileExists(atPath: generated.appendingPathComponent("old-site").path))
        let after = try CLI.run(["plan"], in: dir)
        #expect(after.stdout.contains("render would change nothing"))
    }

    /// The stray-file case: check's advice must be what render does (refuse, exit 3), never
    /// "would be removed".
    @Test func checksAdviceMatchesWhatRenderDoes() throws {
        let dir = try CLI.workspace()
        let stray = dir.appendingPathComponent("generated/vultr-jp/notes.txt")
        try "mine\n".write(to: stray, atomically: true, encoding: .utf8)
        let check = try CLI.run(["check"], in: dir)
        #expect(check.status == 2)
        #expect(!check.stdout.contains("would be removed") && !check.stderr.contains("would be removed"))
        #expect(!check.stdout.contains("remove generated/vultr-jp/notes.txt"))
        #expect(check.stderr.contains("render will not write: generated/vultr-jp holds files topogen did not write: notes.txt"))
        #expect(check.stderr.contains("move the files named above out of generated"))
        let plan = try CLI.run(["plan"], in: dir)
        #expect(plan.status == 3)
        let render = try CLI.run(["render"], in: dir)
        #expect(render.status == 3)
        #expect(try String(contentsOf: stray, encoding: .utf8) == "mine\n")
        // Once the advice is followed, render succeeds and check is clean.
        try FileManager.default.removeItem(at: stray)
        #expect(try CLI.run(["render"], in: dir).status == 0)
        #expect(try CLI.run(["check"], in: dir).status == 0)
    }

    /// The README documents completion scripts; each shell's must know the commands.
    @Test func completionScriptsCoverTheCommands() throws {
        let dir = try CLI.workspace()
        for shell in ["bash", "zsh", "fish"] {
            let run = try CLI.run(["--generate-completion-script", shell], in: dir)
            #expect(run.status == 0)
            for command in ["render", "plan", "check", "validate", "explain", "init"] {
                #expect(run.stdout.contains(command), "\(shell) completion lacks \(command)")
            }
        }
        let readme = try String(contentsOfFile: repoPath("README.md"), encoding: .utf8)
        #expect(readme.contains("topogen --generate-completion-script bash"))
    }
}
