import Pipeline
import Testing
import TopologyModel

/// `acknowledge:` and `--strict` applied to a profile's diagnostics.
@Suite struct AcknowledgingTests {
    let at = SourceLocation(file: "profiles/p.yaml", line: 3, column: 5)
    var warnings: [Diagnostic] {
        [Diagnostic(.warning, at: at, path: "gateway.preflight_ports[1]", "no port 9092", code: "preflight-ports"),
         Diagnostic(.warning, at: at, path: "gateway.tag", "latest moves", code: "unpinned-image")]
    }

    @Test func anAcknowledgedWarningIsListedOnceNotPrinted() {
        let judged = Acknowledging.judge(warnings, acknowledgements: [Acknowledgement(code: "preflight-ports", reason: "the plan's port list")], strict: false)
        #expect(judged.diagnostics.map(\.code) == ["unpinned-image"])
        #expect(judged.acknowledged.count == 1)
        #expect(judged.acknowledged.first?.acknowledgement.reason == "the plan's port list")
        #expect(judged.acknowledged.first?.count == 1)
        #expect(!judged.failed)
    }

    @Test func strictTurnsOnlyUnacknowledgedWarningsIntoErrors() {
        let judged = Acknowledging.judge(warnings, acknowledgements: [Acknowledgement(code: "preflight-ports", reason: "known")], strict: true)
        #expect(judged.failed)
        #expect(judged.diagnostics.count == 1)
        #expect(judged.diagnostics[0].severity == .error)
        #expect(judged.diagnostics[0].code == "unpinned-image")
        #expect(judged.diagnostics[0].message.hasSuffix(Acknowledging.strictSuffix))
        let all = Acknowledging.judge(warnings, acknowledgements: [Acknowledgement(code: "preflight-ports", reason: "known"),
                                                                   Acknowledgement(code: "unpinned-image", reason: "pinned in .env")], strict: true)
        #expect(!all.failed, "with every warning acknowledged --strict passes")
    }

    @Test func errorsCannotBeAcknowledged() {
        let error = Diagnostic(.error, at: at, path: "gateway.port", "not a port", hint: "1-65535", code: "ports-in-range")
        let judged = Acknowledging.judge([error], acknowledgements: [Acknowledgement(code: "ports-in-range", reason: "no")], strict: false)
        #expect(judged.diagnostics.contains(error))
        #expect(judged.failed)
    }

    @Test func anAcknowledgementThatMatchesNothingIsAWarning() {
        let stale = Acknowledgement(code: "preflight-port", reason: "typo")
        let judged = Acknowledging.judge(warnings, acknowledgements: [stale], strict: false,
                                         locations: SourceMap(["acknowledge[0].code": at]))
        let unused = judged.diagnostics.first { $0.code == Acknowledging.unusedCode }
        #expect(unused?.severity == .warning)
        #expect(unused?.location == at)
        #expect(unused?.message.contains("'preflight-port'") == true)
    }
}
