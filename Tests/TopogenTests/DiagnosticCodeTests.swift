import Pipeline
import ProfileLoader
import Testing
import TopologyModel
import Validation

/// Every diagnostic carries a stable code that `topogen explain` knows: loader mistakes by
/// kind, validation findings by their rule's name.
@Suite struct DiagnosticCodeTests {
    @Test(arguments: [
        ("typo-key", LoaderCode.unknownKey.rawValue), ("missing-unit", LoaderCode.missingKey.rawValue), ("duplicate-key", LoaderCode.duplicateKey.rawValue),
        ("hostnames-not-a-list", LoaderCode.wrongType.rawValue), ("octal-port", LoaderCode.yaml11Trap.rawValue), ("sexagesimal-port", LoaderCode.yaml11Trap.rawValue),
        ("secret-value", LoaderCode.secretValue.rawValue), ("syntax-error", LoaderCode.yamlSyntax.rawValue), ("enum-typo", LoaderCode.invalidValue.rawValue),
        ("public-bind", "gateway-binds-loopback"), ("proxy-variable", "no-proxy-variables"),
    ])
    func aFixturesMistakeHasItsCode(_ fixture: String, _ code: String) throws {
        let diagnostics = try BadProfileTests.check(fixture).diagnostics
        #expect(diagnostics.errors.contains { $0.code == code }, "\(fixture): \(diagnostics.map { "\($0.code ?? "nil"): \($0.message)" })")
    }

    @Test(arguments: BadProfileTests.cases)
    func everyFixtureDiagnosticHasAnExplainedCode(_ fixture: String) throws {
        for diagnostic in try BadProfileTests.check(fixture).diagnostics {
            let code = try #require(diagnostic.code, "\(fixture): \(diagnostic.message) has no code")
            #expect(DiagnosticCatalog.entry(code) != nil, "\(fixture): \(code) is not explained")
        }
    }

    @Test func everyRuleAndLoaderCodeIsExplained() {
        for code in LoaderCode.all { #expect(DiagnosticCatalog.entry(code)?.kind == "profile", "\(code)") }
        for rule in Validation.Validator.rules {
            #expect(DiagnosticCatalog.entry(rule.name)?.kind == "validation rule", "\(rule.name)")
        }
        #expect(DiagnosticCatalog.entry("no-such-code") == nil)
    }
}
