import Foundation
import ProfileLoader
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
