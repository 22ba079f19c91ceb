import Foundation
import Testing

/// Finding the project from any folder inside it, reading every profile file, and `init`.
@Suite(.serialized) struct CLIProjectTests {
    /// How many profiles the repository ships (the workspace copies them all).
    static let shipped = ((try? FileManager.default.contentsOfDirectory(atPath: repoPath("profiles"))) ?? []).filter { $0.hasSuffix(".yaml") }.count

    @Test func worksFromASubfolderAndSaysWhichProjectItUsed() throws {
        let dir = try CLI.workspace()
        let deep = dir.appendingPathComponent("Sources/deep")
        try FileManager.default.createDirectory(at: deep, withIntermediateDirectories: true)
        let validate = try CLI.run(["validate"], in: deep)
        #expect(validate.status == 0, "\(validate.stderr)")
        #expect(validate.stdout.contains("\(Self.shipped) profiles valid"))
        #expect(validate.stderr.contains("using the project in \(dir.standardizedFileURL.path)"))
        #expect(validate.stderr.contains("profiles/vultr-jp.yaml:"), "diagnostics name files from the project root")
        let check = try CLI.run(["check"], in: deep)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        // An --out typed in the subfolder is relative to the subfolder, as the user meant.
        #expect(try CLI.run(["render", "--out", "here"], in: deep).status == 0)
        #expect(FileManager.default.fileExists(atPath: deep.appendingPathComponent("here/vultr-jp/MANIFEST.sha256").path))
        // In the project folder itself nothing is announced.
        #expect(!(try CLI.run(["validate"], in: dir)).stderr.contains("using the project"))
    }

    @Test func outsideAnyProjectTheErrorSaysWhatAProjectIs() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("topogen-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let run = try CLI.run(["validate"], in: empty)
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: profile folder 'profiles' does not exist"))
        #expect(run.stderr.contains("hint: run topogen inside a project"))
    }

    @Test func ymlProfilesAreReadNeverSkipped() throws {
        let dir = try CLI.workspace()
        try FileManager.default.copyItem(at: dir.appendingPathComponent("profiles/hetzner-de.yaml"), to: dir.appendingPathComponent("profiles/lab.yml"))
        let validate = try CLI.run(["validate"], in: dir)
        #expect(validate.status == 0, "\(validate.stderr)")
        #expect(validate.stdout.contains("\(Self.shipped + 1) profiles valid"))
        #expect(try CLI.run(["validate", "lab"], in: dir).stdout.contains("1 profile valid"))
        try FileManager.default.copyItem(at: dir.appendingPathComponent("profiles/hetzner-de.yaml"), to: dir.appendingPathComponent("profiles/lab.yaml"))
        let clash = try CLI.run(["validate"], in: dir)
        #expect(clash.status == 1)
        #expect(clash.stderr.contains("two files define the profile 'lab': profiles/lab.yaml and profiles/lab.yml"))
    }

    @Test func initWritesAStarterThatValidatesAndNeverOverwrites() throws {
        let dir = try CLI.workspace()
        let made = try CLI.run(["init", "my-site"], in: dir)
        #expect(made.status == 0, "\(made.stderr)")
        let path = dir.appendingPathComponent("profiles/my-site.yaml")
        let text = try String(contentsOf: path, encoding: .utf8)
        let questions = text.split(separator: "\n").filter { $0.contains("# TODO(init): ") && $0.contains("?") }
        #expect(questions.count >= 8, "the unanswered questions are marked:\n\(text)")
        #expect(questions.contains { $0.contains("zone") })
        let validate = try CLI.run(["validate", "my-site"], in: dir)
        #expect(validate.status == 0, "\(validate.stderr)")
        #expect(!validate.stderr.contains("error:"))
        let render = try CLI.run(["render", "my-site", "--out", "fresh"], in: dir)
        #expect(render.status == 0, "\(render.stderr)")
        try "# mine\n".write(to: path, atomically: true, encoding: .utf8)
        let again = try CLI.run(["init", "my-site"], in: dir)
        #expect(again.status == 1)
        #expect(again.stderr.contains("profiles/my-site.yaml already exists; init never overwrites a profile"))
        #expect(try String(contentsOf: path, encoding: .utf8) == "# mine\n")
        #expect(try CLI.run(["init", "Bad Name"], in: dir).status == 64)
    }
}
