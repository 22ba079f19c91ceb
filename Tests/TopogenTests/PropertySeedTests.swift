import Foundation
import PropertyBased
import Testing

/// Property tests are repeatable: one seed, the same inputs everywhere, and a failure says the
/// seed that reproduces it.
@Suite struct PropertySeedTests {
    final class Seen: @unchecked Sendable { var values: [String] = [] }

    @Test func theSameSeedGivesTheSameInputs() async {
        let first = Seen(), second = Seen()
        await seededPropertyCheck(count: 20, input: Gen.latin1.string(of: 0...12)) { first.values.append($0) }
        await seededPropertyCheck(count: 20, input: Gen.latin1.string(of: 0...12)) { second.values.append($0) }
        #expect(first.values.count == 20)
        #expect(first.values == second.values)
        #expect(Set(first.values).count > 1, "inputs still vary within a run")
    }

    @Test func aFailureNamesTheSeedThatReproducesIt() async throws {
        let seen = Seen(), comments = Seen()
        // Catches the failures the property records (so this test passes) and keeps their notes.
        let catcher = IssueHandlingTrait.compactMapIssues { issue in
            comments.values += issue.comments.map(\.rawValue)
            return nil
        }
        let test = try #require(Test.current)
        try await catcher.provideScope(for: test, testCase: Test.Case.current) {
            await seededPropertyCheck(count: 50, input: Gen.int(in: 0...1000)) { n in
                seen.values.append(String(n))
                #expect(n < 0)
            }
        }
        #expect(seen.values.count == 1, "the check stops at the first failing case")
        #expect(comments.values.contains { $0.contains("property case 0 failed for input \"\(seen.values[0])\"; reproduce with TOPOGEN_PROPERTY_SEED=\(propertySeed)") },
                "\(comments.values)")
        let replay = Seen()
        await seededPropertyCheck(count: 1, input: Gen.int(in: 0...1000)) { replay.values.append(String($0)) }
        #expect(replay.values == seen.values, "case 0's seed is the start seed")
    }

    /// A new property test that calls the library's unseeded `propertyCheck` would make runs
    /// differ from machine to machine again.
    @Test func everyPropertyTestIsSeeded() throws {
        let folder = repoPath("Tests/TopogenTests")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix(".swift") {
            let text = try String(contentsOfFile: "\(folder)/\(name)", encoding: .utf8)
            #expect(!text.contains("await " + "propertyCheck("), "\(name) calls propertyCheck; use seededPropertyCheck (TestSupport.swift)")
        }
    }
}
