import Deployment
import Formats
import Foundation
import Testing
@testable import Artifacts
import ProfileLoader
import Rendering
import TopologyModel
@testable import Validation

// Helpers shared by the host and consumer suites (the HostConsumer*Tests files).

/// Profile and render helpers on top of TestSupport's (repoPath, shippedTopology).
enum Repo {
    static let profiles = ["vultr-jp", "hetzner-de"]
    static var requireTools: Bool { ProcessInfo.processInfo.environment["TOPOGEN_REQUIRE_TOOLS"] == "1" }

    static func render(_ topology: Topology) throws -> [String: GeneratedFile] {
        let renderer = ProfileRenderer(templates: try TemplateLibrary(directory: repoPath("templates")))
        let rendered = try renderer.render(topology)
        return Dictionary(uniqueKeysWithValues: rendered.files.map { ($0.path, $0) })
    }

    static func render(_ topology: Topology, artifact: any Artifact) throws -> [GeneratedFile] {
        let renderer = ProfileRenderer(templates: try TemplateLibrary(directory: repoPath("templates")), artifacts: [artifact])
        return try renderer.render(topology).files
    }
}

/// Runs a program; stdout and stderr captured.
func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                 directory: String? = nil) throws -> (status: Int32, out: String, err: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let environment { process.environment = environment }
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}

func executable(_ candidates: [String?]) -> String? {
    candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
}

func onPath(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return executable(path.split(separator: ":").map { "\($0)/\(name)" })
}

func temporaryDirectory(_ label: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("topogen-host-\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A tool the test needs: found, or (under TOPOGEN_REQUIRE_TOOLS=1) a failure, or a printed skip.
func requireTool(_ found: String?, _ what: String) -> String? {
    if let found { return found }
    if Repo.requireTools {
        Issue.record("TOPOGEN_REQUIRE_TOOLS=1 but \(what) is not available")
    } else {
        print("note: \(what) not available; skipping (set TOPOGEN_REQUIRE_TOOLS=1 to make this a failure)")
    }
    return nil
}
