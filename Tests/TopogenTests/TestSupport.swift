import Foundation
import Testing
import ProfileLoader
import PropertyBased
import TopologyModel

/// The repository root, found from this file's path, so tests run from any working directory.
let repoRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func repoPath(_ relative: String) -> String { repoRoot.appendingPathComponent(relative).path }

/// Golden files are rewritten instead of compared when this is set (`UPDATE_GOLDEN=1 swift test`);
/// the diff is then reviewed in `git diff` like any other change.
let updatingGoldens = ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1"

/// The shipped profile, loaded; tests mutate copies of it.
func shippedTopology(_ name: String = "vultr-jp") throws -> Topology {
    let result = ProfileLoader.load(path: repoPath("profiles/\(name).yaml"), displayPath: "profiles/\(name).yaml")
    guard let topology = result.topology else {
        throw TestFailure("profiles/\(name).yaml does not load: \(result.diagnostics.map(\.description).joined(separator: "\n"))")
    }
    return topology
}

/// Loads profile text given inline, as if it were `profiles/<name>.yaml`.
func loadText(_ text: String, name: String = "inline") -> LoadResult {
    ProfileLoader.load(text: text, file: "profiles/\(name).yaml")
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The built `topogen` executable and a way to run it, for end-to-end tests.
enum CLI {
    static let binary: String? = {
        let candidates = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
                          URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        return candidates.map { $0.appendingPathComponent("topogen").path }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    struct Run { var status: Int32; var stdout: String; var stderr: String }

    /// Runs topogen in `directory`. The environment is the test's own minus what changes the
    /// output (CI annotations, colour choices), plus `environment`.
    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:],
                    standardError: FileHandle? = nil) throws -> Run {
        let binary = try #require(Self.binary, "topogen binary not found next to the tests")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        for key in ["GITHUB_ACTIONS", "NO_COLOR", "COLUMNS", "TERM"] { env[key] = nil }
        env.merge(environment) { $1 }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = standardError ?? err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = standardError == nil ? err.fileHandleForReading.readDataToEndOfFile() : Data()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// A scratch copy of the repository's inputs and committed output.
    static func workspace() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("topogen-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for folder in ["profiles", "templates", "generated"] {
            try FileManager.default.copyItem(atPath: repoPath(folder), toPath: dir.appendingPathComponent(folder).path)
        }
        return dir
    }

    /// Takes the `acknowledge:` list out of a workspace profile, so a test sees the warnings the
    /// shipped profile has accepted (the list must be there: a test relying on it says so).
    static func unacknowledged(_ dir: URL, profile: String = "vultr-jp") throws {
        let file = dir.appendingPathComponent("profiles/\(profile).yaml")
        var lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(of: "acknowledge:") else { throw TestFailure("\(profile).yaml has no acknowledge: list") }
        let end = lines[(start + 1)...].firstIndex { !$0.isEmpty && !$0.hasPrefix(" ") } ?? lines.endIndex
        lines.removeSubrange(start..<end)
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
    }

    /// Every file below `folder` with its bytes, to prove a command wrote nothing.
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let path = enumerator?.nextObject() as? String {
            if let data = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) { files[path] = data }
        }
        return files
    }

    /// Replaces `old` with `new` in a file of the workspace; the text must be there.
    static func edit(_ file: URL, replacing old: String, with new: String) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        guard text.contains(old) else { throw TestFailure("\(file.lastPathComponent) has no \(old.debugDescription)") }
        try text.replacingOccurrences(of: old, with: new).write(to: file, atomically: true, encoding: .utf8)
    }
}

/// Where an external tool is (the venv CI installs first, then PATH), or nil. A test needing
/// it is skipped when absent, except under TOPOGEN_REQUIRE_TOOLS=1 (CI), where it must exist.
func externalTool(_ name: String) -> String? {
    let env = ProcessInfo.processInfo.environment
    let folders = [env["TOPOGEN_VENV"].map { "\($0)/bin" }, repoPath(".venv/bin")].compactMap { $0 }
        + (env["PATH"] ?? "").split(separator: ":").map(String.init)
    return folders.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}

let toolsRequired = ProcessInfo.processInfo.environment["TOPOGEN_REQUIRE_TOOLS"] == "1"

/// The seed every property test starts from, so a run is repeatable; `TOPOGEN_PROPERTY_SEED`
/// replaces it (to reproduce a failure, or to explore: any base64 seed of 32 bytes).
let propertySeed = ProcessInfo.processInfo.environment["TOPOGEN_PROPERTY_SEED"] ?? "dG9wb2dlbi1wcm9wZXJ0eS1zZWVkLXYxLTAwMDAwMDA="

/// `propertyCheck` with a fixed seed: the same inputs on every run and machine. A failing case
/// gets the seed that reproduces it (as the first case) attached to each of its issues.
func seededPropertyCheck<Value, Shrink: Sequence>(
    count: Int = 100, seed: String = propertySeed, input: Generator<Value, Shrink>,
    sourceLocation: Testing.SourceLocation = #_sourceLocation, perform body: (Value) async throws -> Void
) async {
    guard var rng = Xoshiro(seed: seed) else {
        Issue.record("TOPOGEN_PROPERTY_SEED '\(seed)' is not a base64 seed of 32 bytes", sourceLocation: sourceLocation)
        return
    }
    for index in 0..<count {
        let caseSeed = rng.currentSeed
        let value = input.run(using: &rng)
        let note = Comment(rawValue: "property case \(index) failed for input \(String(describing: value).debugDescription); reproduce with TOPOGEN_PROPERTY_SEED=\(caseSeed)")
        let failed = FailureFlag()
        let handler = IssueHandlingTrait.compactMapIssues { issue in
            var issue = issue
            issue.comments.append(note)
            failed.set()
            return issue
        }
        guard let test = Test.current else { return }
        // The scope's closure is @Sendable; the body runs inside it, once, before it returns.
        nonisolated(unsafe) let run = body
        nonisolated(unsafe) let input = value
        try? await handler.provideScope(for: test, testCase: Test.Case.current) {
            do { try await run(input) } catch { Issue.record(error, sourceLocation: sourceLocation) }
        }
        if failed.value { return }
    }
}

final class FailureFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false
    func set() { lock.withLock { raised = true } }
    var value: Bool { lock.withLock { raised } }
}

/// Writes an executable stub for a test's PATH. The bytes go to a scratch file and `/bin/cp`
/// (another process) makes the stub, so this process never holds a write descriptor on the
/// stub's inode: a child process another test forks meanwhile would inherit one, and running
/// the stub would then fail with "text file busy" (ETXTBSY) for as long as that child lives.
func writeStub(_ text: String, to url: URL) throws {
    let scratch = url.appendingPathExtension("source")
    try Data(text.utf8).write(to: scratch)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let copy = Process()
    copy.executableURL = URL(fileURLWithPath: "/bin/cp")
    copy.arguments = ["--", scratch.path, url.path]
    try copy.run()
    copy.waitUntilExit()
    guard copy.terminationStatus == 0 else { throw TestFailure("cp could not write the stub \(url.path)") }
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
}
