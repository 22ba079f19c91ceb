import Foundation
import Testing
import Yams

/// How topogen meets its users' tools: the pre-commit hook run the way pre-commit runs it,
/// the Makefile's install target, the sample GitHub Actions workflow.
@Suite(.serialized) struct IntegrationTests {
    /// Runs a program with `environment` added; stdout and stderr together.
    func run(_ program: String, _ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["GITHUB_ACTIONS"] = nil
        env.merge(environment) { $1 }
        process.environment = env
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func git(_ arguments: [String], in directory: URL) throws {
        let (status, output) = try run("/usr/bin/env", ["git", "-c", "user.name=topogen", "-c", "user.email=topogen@example.invalid",
                                                        "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"] + arguments, in: directory)
        guard status == 0 else { throw TestFailure("git \(arguments): \(output)") }
    }

    func scratch(_ name: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("topogen-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// `pre-commit try-repo` clones the hook repository and runs the hook on a project, as a
    /// user's `pre-commit run` would: green on a fresh project, red with a diff on a stale one.
    @Test func thePreCommitHookRunsTopogenCheck() throws {
        guard let preCommit = externalTool("pre-commit") else {
            if toolsRequired { Issue.record("TOPOGEN_REQUIRE_TOOLS=1 but pre-commit is not installed (.ci/install-tools.sh installs it)") }
            else { print("skipped: pre-commit not installed") }
            return
        }
        let binary = try #require(CLI.binary)
        let hooks = try scratch("hooks")
        try FileManager.default.copyItem(atPath: repoPath(".pre-commit-hooks.yaml"), toPath: hooks.appendingPathComponent(".pre-commit-hooks.yaml").path)
        try git(["init", "-q"], in: hooks)
        try git(["add", "-A"], in: hooks)
        try git(["commit", "-q", "-m", "hooks"], in: hooks)
        let project = try CLI.workspace()
        try git(["init", "-q"], in: project)
        try git(["add", "-A"], in: project)
        let environment = ["PATH": URL(fileURLWithPath: binary).deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
                           "PRE_COMMIT_HOME": try scratch("pre-commit-home").path]
        let (clean, cleanOutput) = try run(preCommit, ["try-repo", hooks.path, "topogen-check", "--all-files"], in: project, environment: environment)
        #expect(clean == 0, "\(cleanOutput)")
        #expect(cleanOutput.contains("Passed"))
        try CLI.edit(project.appendingPathComponent("templates/compose.yml.mustache"), replacing: "# Published on loopback only", with: "# Loopback only")
        try git(["add", "-A"], in: project)
        let (stale, staleOutput) = try run(preCommit, ["try-repo", hooks.path, "topogen-check", "--all-files"], in: project, environment: environment)
        #expect(stale == 1, "\(staleOutput)")
        #expect(staleOutput.contains("Failed") && staleOutput.contains("+    # Loopback only") && staleOutput.contains("out of date"))
    }

    @Test func theMakefileInstallsTheReleaseBinaryUnderPrefix() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/make") else { return }
        let (status, output) = try run("/usr/bin/make", ["-n", "install", "PREFIX=/opt/topo", "SWIFT=echo"], in: repoRoot)
        #expect(status == 0, "\(output)")
        #expect(output.contains("build -c release"))
        #expect(output.contains("install -m 0755") && output.contains("/opt/topo/bin/topogen"))
    }

    @Test func theSampleWorkflowRunsValidateAndCheck() throws {
        let text = try String(contentsOfFile: repoPath(".github/workflows/topogen.yml"), encoding: .utf8)
        let workflow = try #require(try Yams.load(yaml: text) as? [String: Any])
        let jobs = try #require(workflow["jobs"] as? [String: Any])
        let steps = try #require((jobs["check"] as? [String: Any])?["steps"] as? [[String: Any]])
        let commands = steps.compactMap { $0["run"] as? String }
        #expect(commands.contains("topogen check"))
        #expect(commands.contains("topogen validate --strict"))
        #expect(commands.contains { $0.hasPrefix("make install") })
    }
}
