import Foundation
import Pipeline
import ProfileLoader
import Testing
import TopologyModel
import Validation

/// A profile that loads only in part: which sections failed, what validation still runs on
/// the rest, and that nothing partial can be rendered.
@Suite struct PartialLoadTests {
    static func shippedText(_ name: String = "vultr-jp") throws -> String {
        try String(contentsOfFile: repoPath("profiles/\(name).yaml"), encoding: .utf8)
    }

    static func edited(_ text: String, _ old: String, _ new: String) throws -> String {
        guard text.components(separatedBy: old).count == 2 else { throw TestFailure("\(old.debugDescription) is not in the profile once") }
        return text.replacingOccurrences(of: old, with: new)
    }

    /// Checked as `topogen validate` checks a file.
    static func check(_ text: String, name: String = "vultr-jp") throws -> CheckedProfile {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("topogen-partial-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let file = scratch.appendingPathComponent("\(name).yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return Pipeline.check(path: file.path, displayPath: "profiles/\(name).yaml")
    }

    @Test func theSectionsAreTheProfilesTopLevelKeys() {
        let keys = ProfileSection.profile.keys
        #expect(TopologySection.allCases.map(\.rawValue) == keys.map(\.field))
        #expect(TopologySection.allCases.map(\.key) == keys.map(\.name))
    }

    @Test func aTypoFailsItsOwnSectionOnlyAndNothingCanBeRendered() throws {
        let text = try Self.edited(Self.shippedText(), "    memory: 384m\n", "    memroy: 384m\n")
        let loaded = loadText(text, name: "vultr-jp")
        #expect(loaded.partial?.failed == [.gateway])
        #expect(loaded.topology == nil)
        #expect(try Self.check(text).topology == nil)
    }

    @Test func anOptionalSectionFailsWhenWrittenWrongNotWhenLeftOut() throws {
        let text = try Self.shippedText()
        let misspelt = try Self.edited(text, "\nplan: ", "\npaln: ")
        #expect(loadText(misspelt, name: "vultr-jp").partial?.failed == [.plan])
        let absent = try Self.edited(text, "\nplan: ", "\n# plan: ")
        let loaded = loadText(absent, name: "vultr-jp")
        #expect(loaded.partial?.failed == [])
        #expect(loaded.topology != nil && loaded.topology?.plan == nil)
    }

    /// The rules that run on a partial profile say exactly what they say on the intact one: the
    /// stand-in in place of the gateway is never judged.
    @Test func theRulesThatRunJudgeOnlyWhatLoaded() throws {
        let text = try Self.shippedText()
        let intact = try #require(loadText(text, name: "vultr-jp").topology)
        let broken = try #require(loadText(try Self.edited(text, "    memory: 384m\n", "    memroy: 384m\n"), name: "vultr-jp").partial)
        let runnable = Validator.rules.filter { $0.canRun(with: broken.loaded) }
        #expect(runnable.count < Validator.rules.count)
        #expect(runnable.contains { $0.name == "origin-request-durations" })
        #expect(!runnable.contains { $0.name == "tunnel-origin" })
        let partial = Validator.validate(broken.topology, loaded: broken.loaded)
        #expect(!partial.isEmpty)
        #expect(partial == Validator.validate(intact, rules: runnable))
    }

    @Test func acknowledgementsApplyWhenTheirSectionLoadedAndWaitingRulesAreNotCalledUnused() throws {
        // vultr-jp acknowledges unpinned-image (a gateway rule) and memory-cap-fits-host (which
        // reads the hosts); with a typo under hosts: the first still applies, the second waits.
        let text = try Self.edited(Self.shippedText(), "    vcpus: 1\n    memory: 951m\n", "    vcpus: 1\n    memroy: 951m\n")
        let checked = try Self.check(text)
        #expect(checked.failedSections == [.hosts])
        #expect(checked.rulesNotRun.contains("memory-cap-fits-host"))
        #expect(Set(["unpinned-image", "memory-cap-fits-host"]).isSubset(of: checked.acknowledgements.map(\.code)))
        let judged = Acknowledging.judge(checked.diagnostics, acknowledgements: checked.acknowledgements, strict: false,
                                         locations: checked.sourceMap, notRun: Set(checked.rulesNotRun))
        #expect(checked.diagnostics.contains { $0.code == "unpinned-image" })
        #expect(!judged.diagnostics.contains { $0.code == "unpinned-image" }, "the acknowledged warning is silenced")
        #expect(!judged.diagnostics.contains { $0.code == Acknowledging.unusedCode }, "\(judged.diagnostics)")
        #expect(judged.failed, "the typo is still an error")
    }

    @Test func theStandInsAreTheSectionsPlainestValues() {
        let standIn = StandIns.topology
        #expect(standIn.gateway.name.isEmpty && standIn.gateway.port == 0)
        #expect(standIn.hosts.isEmpty && standIn.consumers.isEmpty && standIn.secrets.isEmpty && standIn.acknowledgements.isEmpty)
        #expect(standIn.plan == nil && standIn.expectations == Expectations())
    }
}
