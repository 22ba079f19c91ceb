import Foundation
import Testing

/// End to end through the built `topogen` binary: exit codes, stderr diagnostics, and that a
/// failed run leaves the output folder as it was.
@Suite(.serialized) struct CLITests {
    /// The `topogen` executable built next to this test bundle.
    static let binary: String? = {
        let candidates = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
                          URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        return candidates.map { $0.appendingPathComponent("topogen").path }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    struct Run { var status: Int32; var stdout: String; var stderr: String }

    func run(_ arguments: [String], in directory: URL) throws -> Run {
        let binary = try #require(Self.binary, "topogen binary not found next to the tests")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile(), stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// A scratch copy of the repository's inputs and committed output.
    func workspace() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("topogen-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for folder in ["profiles", "templates", "generated"] {
            try FileManager.default.copyItem(atPath: repoPath(folder), toPath: dir.appendingPathComponent(folder).path)
        }
        return dir
    }

    func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let path = enumerator?.nextObject() as? String {
            if let data = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) { files[path] = data }
        }
        return files
    }

    @Test func renderThenCheckIsClean() throws {
        let dir = try workspace()
        let render = try run(["render", "--out", "fresh/"], in: dir)
        #expect(render.status == 0, "\(render.stderr)")
        let check = try run(["check", "--out", "fresh/"], in: dir)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("up to date"))
    }

    @Test func aTypoInAProfileFailsLocatedAndWritesNothing() throws {
        let dir = try workspace()
        let before = try snapshot(dir.appendingPathComponent("generated"))
        let profile = dir.appendingPathComponent("profiles/vultr-jp.yaml")
        let text = try String(contentsOf: profile, encoding: .utf8)
        try text.replacingOccurrences(of: "    memory: 384m\n", with: "    memroy: 384m\n").write(to: profile, atomically: true, encoding: .utf8)
        let render = try run(["render", "--out", "generated/"], in: dir)
        #expect(render.status == 1)
        #expect(render.stderr.contains("profiles/vultr-jp.yaml:"))
        #expect(render.stderr.contains("error: gateway.limits.memroy: unknown key 'memroy' (did you mean 'memory'?)"))
        #expect(try snapshot(dir.appendingPathComponent("generated")) == before)
    }

    @Test func checkReportsAStaleTreeWithADiffAndExitTwo() throws {
        let dir = try workspace()
        let template = dir.appendingPathComponent("templates/compose.yml.mustache")
        let text = try String(contentsOf: template, encoding: .utf8)
        try text.replacingOccurrences(of: "# Published on loopback only", with: "# Loopback only").write(to: template, atomically: true, encoding: .utf8)
        let check = try run(["check", "--out", "generated/"], in: dir)
        #expect(check.status == 2)
        #expect(check.stdout.contains("-    # Published on loopback only"))
        #expect(check.stdout.contains("+    # Loopback only"))
        #expect(check.stderr.contains("out of date"))
    }

    @Test func renderRefusesAFolderWithUserFiles() throws {
        let dir = try workspace()
        let mine = dir.appendingPathComponent("generated/vultr-jp/deploy/.env")
        try "SESSION_SECRET=mine\n".write(to: mine, atomically: true, encoding: .utf8)
        let render = try run(["render", "--out", "generated/"], in: dir)
        #expect(render.status == 3)
        #expect(render.stderr.contains("deploy/.env"))
        #expect(try String(contentsOf: mine, encoding: .utf8) == "SESSION_SECRET=mine\n")
    }

    @Test func validateAndUsageErrors() throws {
        let dir = try workspace()
        let validate = try run(["validate", "vultr-jp"], in: dir)
        #expect(validate.status == 0)
        #expect(validate.stderr.contains("warning: gateway.preflight_ports[1]"))
        #expect(try run(["validate", "--strict", "vultr-jp"], in: dir).status == 1)
        #expect(try run(["render", "--no-such-flag"], in: dir).status == 64)
        let help = try run(["--help"], in: dir)
        #expect(help.stdout.contains("Exit codes:"))
    }
}
