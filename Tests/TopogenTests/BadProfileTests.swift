import Foundation
import Pipeline
import Testing
import TopologyModel

/// Each fixture is the shipped profile with one or more deliberate mistakes; its `.err` file is
/// the exact diagnostics topogen must print (file:line:col, key path, message, snippet, hint).
@Suite struct BadProfileTests {
    static let folder = "Tests/Fixtures/bad-profiles"
    static let cases: [String] = (try? FileManager.default.contentsOfDirectory(atPath: repoPath(folder)))?
        .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted() ?? []

    @Test func thereAreAtLeastTenBadProfiles() {
        #expect(Self.cases.count >= 10)
    }

    @Test(arguments: cases)
    func diagnosticsMatchExpected(_ name: String) throws {
        let display = "\(Self.folder)/\(name).yaml"
        let checked = Pipeline.check(path: repoPath(display), displayPath: display)
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

    @Test func everyErrorIsLocatedAndHasAHint() throws {
        for name in Self.cases {
            let display = "\(Self.folder)/\(name).yaml"
            for diagnostic in Pipeline.check(path: repoPath(display), displayPath: display).diagnostics.errors {
                #expect(diagnostic.location?.file == display, "\(name): \(diagnostic)")
                #expect(diagnostic.hint?.isEmpty == false, "\(name): \(diagnostic)")
            }
        }
    }

    @Test func allProblemsInOneRunAreReported() throws {
        let display = "\(Self.folder)/several-problems.yaml"
        let errors = Pipeline.check(path: repoPath(display), displayPath: display).diagnostics.errors
        let paths = Set(errors.map(\.keyPath))
        #expect(paths.isSuperset(of: ["zone.settings.websockets", "gateway.tga", "gateway.healthcheck.retries"]))
    }
}
