import Artifacts
import Foundation
import Pipeline
import Rendering
import Testing
import TopologyModel

/// `generated/` is the golden output: rendering the shipped profiles must reproduce it byte
/// for byte. `UPDATE_GOLDEN=1 swift test` rewrites it; review the change with `git diff`.
@Suite(.serialized) struct GoldenTests {
    static func renderShipped(templates: String = repoPath("templates")) throws -> [RenderedProfile] {
        let workspace = Workspace(profilesDirectory: repoPath("profiles"), templatesDirectory: templates)
        let topologies = try workspace.profilePaths([]).map { path -> Topology in
            let name = URL(fileURLWithPath: path).lastPathComponent
            let checked = Pipeline.check(path: path, displayPath: "profiles/\(name)")
            guard let topology = checked.topology else {
                throw TestFailure(checked.diagnostics.map(\.description).joined(separator: "\n"))
            }
            return topology
        }
        return try Pipeline.render(topologies, templates: TemplateLibrary(directory: templates))
    }

    @Test func generatedFolderMatchesTheShippedProfiles() throws {
        let rendered = try Self.renderShipped()
        let tree = OutputTree(root: repoPath("generated"))
        if updatingGoldens {
            try tree.write(rendered, pruneOthers: true)
            return
        }
        let drift = try tree.compare(rendered, includeOthers: true)
        #expect(drift.isEmpty, "generated/ is stale; run `swift run topogen render --out generated/`:\n\(drift.map(\.description).joined())")
    }

    @Test func aTemplateEditShowsUpAsADiff() throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("topogen-tpl-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: repoPath("templates"), toPath: copy.path)
        let compose = copy.appendingPathComponent("compose.yml.mustache")
        let text = try String(contentsOf: compose, encoding: .utf8)
        try text.replacingOccurrences(of: "restart: {{restart}}", with: "restart: {{restart}}\n    init: true")
            .write(to: compose, atomically: true, encoding: .utf8)
        do {
            _ = try Self.renderShipped(templates: copy.path)
            Issue.record("a template emitting a key its document lacks must fail the round trip")
        } catch let failure as RoundTripFailure {
            #expect(failure.template == "templates/compose.yml.mustache")
            #expect(failure.message.contains("init"))
        }
    }

    @Test func aProfileEditShowsUpAsADiff() throws {
        var rendered = try Self.renderShipped()
        let index = try #require(rendered.firstIndex { $0.name == "vultr-jp" })
        let file = try #require(rendered[index].files.firstIndex { $0.path.hasSuffix("-compose.yml") })
        rendered[index].files[file].contents = rendered[index].files[file].contents.replacingOccurrences(of: "384m", with: "512m")
        let drift = try OutputTree(root: repoPath("generated")).compare(rendered, includeOthers: false)
        let diffs = drift.compactMap { item -> String? in if case .changed(_, let diff) = item { return diff }; return nil }
        #expect(diffs.contains { $0.contains("-    mem_limit: \"384m\"") && $0.contains("+    mem_limit: \"512m\"") })
        #expect(drift.contains { if case .changed(let path, _) = $0 { return path.hasSuffix("MANIFEST.sha256") }; return false })
    }

    @Test func noGeneratedFileCarriesAMachineNameOrClock() throws {
        let host = ProcessInfo.processInfo.hostName
        for profile in try Self.renderShipped() {
            for file in profile.allFiles {
                #expect(!file.contents.contains(repoRoot.path), "\(file.path) mentions the checkout path")
                if host.count > 3 { #expect(!file.contents.contains(host), "\(file.path) mentions the machine name") }
                #expect(file.contents.range(of: #"20\d\d-\d\d-\d\dT\d\d:\d\d"#, options: .regularExpression) == nil, "\(file.path) has a timestamp")
            }
        }
    }
}
