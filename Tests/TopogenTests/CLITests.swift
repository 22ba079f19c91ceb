import Foundation
import Testing

/// End to end through the built `topogen` binary: exit codes, stderr diagnostics, and that a
/// failed run leaves the output folder as it was.
@Suite(.serialized) struct CLITests {
    @Test func renderThenCheckIsClean() throws {
        let dir = try CLI.workspace()
        let render = try CLI.run(["render", "--out", "fresh/"], in: dir)
        #expect(render.status == 0, "\(render.stderr)")
        let check = try CLI.run(["check", "--out", "fresh/"], in: dir)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("up to date"))
    }

    @Test func aTypoInAProfileFailsLocatedAndWritesNothing() throws {
        let dir = try CLI.workspace()
        let before = try CLI.snapshot(dir.appendingPathComponent("generated"))
        try CLI.edit(dir.appendingPathComponent("profiles/vultr-jp.yaml"), replacing: "    memory: 384m\n", with: "    memroy: 384m\n")
        let render = try CLI.run(["render", "--out", "generated/"], in: dir)
        #expect(render.status == 1)
        #expect(render.stderr.contains("profiles/vultr-jp.yaml:"))
        #expect(render.stderr.contains("error: gateway.limits.memroy: unknown key 'memroy' (did you mean 'memory'?) [unknown-key]"))
        #expect(try CLI.snapshot(dir.appendingPathComponent("generated")) == before)
    }

    @Test func checkReportsAStaleTreeWithADiffAndExitTwo() throws {
        let dir = try CLI.workspace()
        try CLI.edit(dir.appendingPathComponent("templates/compose.yml.mustache"), replacing: "# Published on loopback only", with: "# Loopback only")
        let check = try CLI.run(["check", "--out", "generated/"], in: dir)
        #expect(check.status == 2)
        #expect(check.stdout.contains("-    # Published on loopback only"))
        #expect(check.stdout.contains("+    # Loopback only"))
        #expect(check.stderr.contains("out of date"))
    }

    @Test func renderRefusesAFolderWithUserFiles() throws {
        let dir = try CLI.workspace()
        let mine = dir.appendingPathComponent("generated/vultr-jp/deploy/.env")
        try "SESSION_SECRET=mine\n".write(to: mine, atomically: true, encoding: .utf8)
        let render = try CLI.run(["render", "--out", "generated/"], in: dir)
        #expect(render.status == 3)
        #expect(render.stderr.contains("deploy/.env"))
        #expect(try String(contentsOf: mine, encoding: .utf8) == "SESSION_SECRET=mine\n")
    }

    @Test func validateAndUsageErrors() throws {
        let dir = try CLI.workspace()
        // The shipped profiles pass --strict, as the sample workflow and the pre-commit hook run it.
        let shipped = try CLI.run(["validate", "--strict"], in: dir)
        #expect(shipped.status == 0, "\(shipped.stderr)")
        #expect(!shipped.stderr.contains("warning:") && !shipped.stderr.contains("error:"), "\(shipped.stderr)")
        try CLI.unacknowledged(dir)
        let validate = try CLI.run(["validate", "vultr-jp"], in: dir)
        #expect(validate.status == 0)
        #expect(validate.stderr.contains("warning: gateway.preflight_ports[1]"))
        #expect(try CLI.run(["validate", "--strict", "vultr-jp"], in: dir).status == 1)
        #expect(try CLI.run(["render", "--no-such-flag"], in: dir).status == 64)
        let help = try CLI.run(["--help"], in: dir)
        #expect(help.stdout.contains("Exit codes:"))
    }
}
