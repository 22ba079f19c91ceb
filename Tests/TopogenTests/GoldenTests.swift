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
        let inputs = try MachineName.inputText()
        for profile in try Self.renderShipped() {
            for file in profile.allFiles {
                #expect(!file.contents.contains(repoRoot.path), "\(file.path) mentions the checkout path")
                #expect(!MachineName.leaks(ProcessInfo.processInfo.hostName, into: file.contents, inputs: inputs), "\(file.path) mentions the machine name")
                #expect(file.contents.range(of: #"20\d\d-\d\d-\d\dT\d\d:\d\d"#, options: .regularExpression) == nil, "\(file.path) has a timestamp")
            }
        }
    }
}

/// Whether output mentions the machine it was made on. A machine name that is a word the
/// inputs already use (`runner`, `server`, `gateway`, `default`) proves nothing when it shows
/// up, so it is only looked for when the profiles and templates never say it.
enum MachineName {
    static func inputText() throws -> String {
        var text = ""
        for folder in ["profiles", "templates"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: repoPath(folder)).sorted() {
                text += (try? String(contentsOfFile: repoPath("\(folder)/\(name)"), encoding: .utf8)) ?? ""
            }
        }
        return text
    }

    static func leaks(_ host: String, into output: String, inputs: String) -> Bool {
        let names = Set([host, String(host.split(separator: ".").first ?? "")]).filter { $0.count > 3 }
        return names.contains { name in
            !inputs.localizedCaseInsensitiveContains(name) && output.localizedCaseInsensitiveContains(name)
        }
    }
}

@Suite struct MachineNameTests {
    @Test(arguments: ["runner", "server", "gateway", "default"])
    func aCommonWordAsMachineNameIsNotALeak(_ host: String) throws {
        let inputs = try MachineName.inputText()
        #expect(inputs.localizedCaseInsensitiveContains(host), "the shipped inputs use '\(host)'")
        #expect(!MachineName.leaks(host, into: "a \(host) b", inputs: inputs))
        #expect(!MachineName.leaks("\(host).example.internal", into: "a \(host) b", inputs: inputs))
    }

    @Test func aDistinctiveMachineNameInTheOutputIsALeak() throws {
        let inputs = try MachineName.inputText()
        #expect(MachineName.leaks("qx7-build-box", into: "made on qx7-build-box\n", inputs: inputs))
        #expect(MachineName.leaks("qx7-build-box.corp.example", into: "made on qx7-build-box\n", inputs: inputs))
        #expect(!MachineName.leaks("qx7-build-box", into: "made somewhere\n", inputs: inputs))
    }
}
