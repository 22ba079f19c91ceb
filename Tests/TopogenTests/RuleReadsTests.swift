import Foundation
import ProfileLoader
import Testing
import TopologyModel
import Validation

/// A rule's `reads` decides whether it runs on a profile that loaded only in part, so a list
/// that leaves out a section the rule looks at would let it judge a stand-in. This proves each
/// list complete: swapping any section a rule does not declare (for the stand-in, or for the
/// same section of a very different profile) never changes what the rule reports. The
/// topologies swapped in are the shipped profiles, the bad-profile fixtures that load whole, and
/// every line deletion and value mutation of a shipped profile that loads whole and changes what
/// the rules report, so the rules are seen reporting as well as passing.
@Suite struct RuleReadsTests {
    /// Each base topology with a label for the failure message.
    static let bases: [(label: String, topology: Topology)] = shipped + fixtures + variants("vultr-jp") + variants("hetzner-de")
    /// Replacements for a section: the stand-in, and each shipped profile.
    static let donors: [(label: String, topology: Topology)] = [("the stand-in", StandIns.topology)] + shipped

    static let shipped: [(label: String, topology: Topology)] = ["vultr-jp", "hetzner-de", "ovh-split", "free-two-tokens"].compactMap { name in
        (try? shippedTopology(name)).map { ("profiles/\(name).yaml", $0) }
    }

    @Test func theCorpusHasReportingAndPassingTopologies() {
        #expect(Self.shipped.count == 4)
        let reporting = Self.bases.filter { !Validator.validate($0.topology).isEmpty }
        #expect(reporting.count > 50, "too few topologies on which rules report to judge their reads")
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

    /// The bad-profile fixtures whose every section loads (their mistakes are the rules').
    static let fixtures: [(label: String, topology: Topology)] = BadProfileTests.cases.compactMap { name in
        guard let text = try? BadProfileTests.overlaid(name), let partial = loadText(text, name: name).partial, partial.failed.isEmpty else { return nil }
        return ("fixture \(name)", partial.topology)
    }

    /// The line deletions and value mutations of a shipped profile that load whole.
    static func variants(_ profile: String) -> [(label: String, topology: Topology)] {
        guard let lines = try? ValidateImpliesRenderTests.lines(profile) else { return [] }
        var texts: [(String, [String])] = lines.indices.map { index in
            var mutated = lines
            mutated.remove(at: index)
            return ("\(profile) without line \(index + 1)", mutated)
        }
        for (index, line) in lines.enumerated() {
            guard let scalar = ScalarLine(line) else { continue }
            for value in ValueMutation.variants(of: scalar.value) {
                var mutated = lines
                mutated[index] = scalar.with(value)
                texts.append(("\(profile) line \(index + 1) as \(mutated[index])", mutated))
            }
        }
        // Only the variants some rule reports differently from the profile itself: the others
        // would repeat the shipped profile's verdicts at the cost of a full pass each.
        let plain = (try? shippedTopology(profile)).map { Validator.validate($0) }
        var verdicts: Set<[Diagnostic]> = []
        return texts.compactMap { label, lines in
            guard let partial = loadText(lines.joined(separator: "\n"), name: profile).partial, partial.failed.isEmpty else { return nil }
            let verdict = Validator.validate(partial.topology)
            guard verdict != plain, verdicts.insert(verdict).inserted else { return nil }
            return (label, partial.topology)
        }
    }
}


