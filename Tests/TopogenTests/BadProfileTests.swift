import Foundation
import Pipeline
import ProfileLoader
import Testing
import TopologyModel
import Yams

/// Each fixture is `base.yaml` (a frozen copy of a valid profile) with a small overlay of text
/// edits: `NAME.overlay.yaml` says what mistake it makes and where, and `NAME.err` is the exact
/// diagnostics topogen must print for it (file:line:col, key path, message, snippet, hint). The
/// edits are text, not YAML structure, so syntax errors, tabs and duplicate keys can be written.
@Suite struct BadProfileTests {
    static let folder = "Tests/Fixtures/bad-profiles"
    static let cases: [String] = (try? FileManager.default.contentsOfDirectory(atPath: repoPath(folder)))?
        .filter { $0.hasSuffix(".overlay.yaml") }.map { String($0.dropLast(".overlay.yaml".count)) }.sorted() ?? []

    @Test func theBaseIsValidSoEachFixtureFailsOnlyForItsOwnEdits() throws {
        let display = "\(Self.folder)/base.yaml"
        let checked = Pipeline.check(path: repoPath(display), displayPath: display)
        #expect(!checked.diagnostics.hasErrors, "\(checked.diagnostics.errors.map(\.description))")
        #expect(checked.topology != nil)
    }

    @Test(arguments: cases)
    func diagnosticsMatchExpected(_ name: String) throws {
        let checked = try Self.check(name)
        #expect(checked.topology == nil, "\(name) must be rejected")
        #expect(checked.diagnostics.hasErrors)
        let actual = checked.diagnostics.map(\.description).joined(separator: "\n") + "\n"
        let expectedPath = repoPath("\(Self.folder)/\(name).err")
        if updatingGoldens {
            try actual.write(toFile: expectedPath, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOfFile: expectedPath, encoding: .utf8)
        #expect(actual == expected)
    }

    @Test(arguments: cases)
    func theLoaderCodesEachMistakeByItsKind(_ name: String) throws {
        let loaded = ProfileLoader.load(text: try Self.overlaid(name), file: Self.display(name))
        #expect(loaded.diagnostics.sortedForDisplay().map(\.code) == (try Self.overlay(name)).loaderCodes.map(Optional.some))
    }

    @Test(arguments: cases)
    func everyErrorIsLocatedAndHasAHint(_ name: String) throws {
        for diagnostic in try Self.check(name).diagnostics.errors {
            #expect(diagnostic.location?.file == Self.display(name), "\(name): \(diagnostic)")
            #expect(diagnostic.hint?.isEmpty == false, "\(name): \(diagnostic)")
        }
    }

    @Test func allProblemsInOneRunAreReported() throws {
        let errors = try Self.check("several-problems").diagnostics.errors
        let paths = Set(errors.map(\.keyPath))
        #expect(paths.isSuperset(of: ["zone.settings.websockets", "gateway.tga", "gateway.healthcheck.retries"]))
    }

    @Test func anEditThatNoLongerMatchesTheBaseIsRefused() throws {
        let overlay = Overlay(what: "stale", edits: [.init(find: "no such line\n", replace: "x\n")])
        #expect(throws: Overlay.Stale.self) { _ = try overlay.apply(to: "a: 1\n") }
        let twice = Overlay(what: "ambiguous", edits: [.init(find: "a", replace: "b")])
        #expect(throws: Overlay.Stale.self) { _ = try twice.apply(to: "a a\n") }
    }

    // MARK: fixture assembly

    /// Shown in diagnostics as if the fixture were a file beside its overlay.
    static func display(_ name: String) -> String { "\(folder)/\(name).yaml" }

    static func overlay(_ name: String) throws -> Overlay {
        let text = try String(contentsOfFile: repoPath("\(folder)/\(name).overlay.yaml"), encoding: .utf8)
        return try YAMLDecoder().decode(Overlay.self, from: text)
    }

    /// The fixture's profile text: base plus overlay.
    static func overlaid(_ name: String) throws -> String {
        try overlay(name).apply(to: try String(contentsOfFile: repoPath("\(folder)/base.yaml"), encoding: .utf8))
    }

    /// Base plus overlay, written to a scratch folder and checked like any profile.
    static func check(_ name: String) throws -> CheckedProfile {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("topogen-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let file = scratch.appendingPathComponent("\(name).yaml")
        try overlaid(name).write(to: file, atomically: true, encoding: .utf8)
        return Pipeline.check(path: file.path, displayPath: display(name))
    }
}

/// A fixture's mistakes as text edits on the base profile. Each `find` must occur exactly once,
/// so an overlay that no longer fits the base fails loudly instead of testing nothing.
struct Overlay: Decodable {
    struct Edit: Decodable {
        var find: String
        var replace: String
    }

    struct Stale: Error, CustomStringConvertible {
        var find: String
        var occurrences: Int
        var description: String { "overlay edit finds \(occurrences) occurrences of \(find.debugDescription) in the base (needs exactly one)" }
    }

    var what: String
    /// The codes the loader gives its diagnostics for this fixture, in the order of the `.err`
    /// file (validation findings are coded by their rule, tested with the rules).
    var loaderCodes: [String] = []
    var edits: [Edit]

    enum CodingKeys: String, CodingKey { case what, loaderCodes = "loader_codes", edits }

    func apply(to base: String) throws -> String {
        var text = base
        for edit in edits {
            let occurrences = text.components(separatedBy: edit.find).count - 1
            guard occurrences == 1, let range = text.range(of: edit.find) else { throw Stale(find: edit.find, occurrences: occurrences) }
            text.replaceSubrange(range, with: edit.replace)
        }
        return text
    }
}
