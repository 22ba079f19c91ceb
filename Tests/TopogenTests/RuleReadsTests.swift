import Foundation
import ProfileLoader
import Testing
import TopologyModel
import Validation

/// A rule's `reads` decides whether it runs on a profile that loaded only in part, so a list
/// that leaves out a section the rule looks at would let it judge a stand-in. This proves each
/// list complete: swapping any section a rule does not declare (for the stand-in, or for the
/// same section of a very different profile) never changes what the rule reports, on a corpus
/// (`RuleReadsCorpus`) on which every rule both reports and passes.
@Suite struct RuleReadsTests {
    static let bases = RuleReadsCorpus.bases
    /// Replacements for a section: the stand-in, and each shipped profile.
    static let donors: [(label: String, topology: Topology)] = [("the stand-in", StandIns.topology)] + RuleReadsCorpus.shipped

    /// A rule that never reports on the corpus could read anything unnoticed: each must report
    /// somewhere (and pass somewhere), so swapping a section it reads shows.
    @Test(arguments: Validator.rules.map(\.name))
    func theCorpusMakesEveryRuleReportAndPass(_ name: String) throws {
        let rule = try #require(Validator.rules.first { $0.name == name })
        if name != "hostname-unique" {
            // hostname-unique reports a repeated hostname only when one of the two is not a
            // gateway hostname, and `gateway` is the only service there is yet.
            #expect(Self.bases.contains { !rule.check($0.topology).isEmpty }, "no topology of the corpus makes \(name) report")
        }
        #expect(Self.bases.contains { rule.check($0.topology).isEmpty })
    }

    @Test(arguments: Validator.rules.map(\.name))
    func aSectionTheRuleDoesNotReadNeverChangesItsDiagnostics(_ name: String) throws {
        let rule = try #require(Validator.rules.first { $0.name == name })
        let violations = Self.undeclaredReads(of: rule)
        #expect(violations.isEmpty, "\(name) reads sections it does not declare:\n\(violations.prefix(5).joined(separator: "\n"))")
    }

    @Test func aRuleThatDoesNotDeclareWhatItReadsIsCaught() {
        // The check itself must catch a dishonest list: tunnel-origin compares the tunnel with
        // the gateway; declared as reading the tunnel only, it is caught.
        let original = Validator.rules.first { $0.name == "tunnel-origin" }!
        let dishonest = Rule("tunnel-origin", reads: [.tunnel], original.check)
        #expect(Self.undeclaredReads(of: dishonest).contains { $0.hasPrefix("gateway") })
    }

    /// `section: base <- donor` for each swap of an undeclared section that changed the result.
    static func undeclaredReads(of rule: Rule) -> [String] {
        var found: [String] = []
        for base in bases {
            let expected = rule.check(base.topology)
            for section in TopologySection.allCases where !rule.reads.contains(section) {
                for donor in donors where rule.check(base.topology.with(section, from: donor.topology)) != expected {
                    found.append("\(section.rawValue): \(base.label) with \(donor.label)'s \(section.key)")
                }
            }
        }
        return found
    }
}

