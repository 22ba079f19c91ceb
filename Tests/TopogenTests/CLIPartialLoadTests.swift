import Foundation
import Testing

/// One run reports every mistake: a section that fails to load (a misspelt key) no longer hides
/// the validation errors of the sections that loaded.
@Suite struct CLIPartialLoadTests {
    static let profile = "profiles/vultr-jp.yaml"

    func errorLines(_ stderr: String) -> [String] {
        stderr.split(separator: "\n").map(String.init).filter { $0.contains(": error: ") }
    }

    /// `topogen validate vultr-jp` on a copy of the project with `edits` made to the profile.
    func validate(after edits: [(String, String)]) throws -> (status: Int32, stderr: String, errors: [String]) {
        let dir = try CLI.workspace()
        let file = dir.appendingPathComponent(Self.profile)
        for (old, new) in edits { try CLI.edit(file, replacing: old, with: new) }
        let run = try CLI.run(["validate", "vultr-jp"], in: dir)
        return (run.status, run.stderr, errorLines(run.stderr))
    }

    @Test func aKeyTypoAndAWrongTunnelOriginAreBothReportedInOneRun() throws {
        let run = try validate(after: [
            ("    vcpus: 1\n    memory: 951m\n", "    vcpus: 1\n    memroy: 951m\n"),
            ("  origin: http://127.0.0.1:3000\n", "  origin: http://127.0.0.1:3001\n"),
        ])
        #expect(run.status == 1)
        let errors = run.errors
        #expect(errors.count == 2, "\(errors)")
        // The typo is one error, with its did-you-mean; not a second one for the missing key.
        #expect(errors.contains { $0.contains("hosts[0].memroy: unknown key 'memroy' (did you mean 'memory'?)") })
        #expect(!run.stderr.contains("missing required key"))
        #expect(errors.contains { $0.contains("tunnel.origin: the tunnel forwards to http://127.0.0.1:3001, but the gateway listens on http://127.0.0.1:3000") })
        // What could not be judged is said, not passed over in silence.
        #expect(run.stderr.contains("\(Self.profile): 2 errors"))
        #expect(run.stderr.contains("not run until hosts loads"))
    }

    @Test func aGatewayTypoStillLetsTheTunnelRulesReport() throws {
        let run = try validate(after: [
            ("    memory: 384m\n", "    memroy: 384m\n"),
            ("    connect_timeout: 30s\n", "    connect_timeout: 0s\n"),
            ("  origin: http://127.0.0.1:3000\n", "  origin: http://127.0.0.1:3001\n"),
        ])
        #expect(run.status == 1)
        let errors = run.errors
        #expect(errors.contains { $0.contains("gateway.limits.memroy: unknown key 'memroy' (did you mean 'memory'?)") }, "\(errors)")
        #expect(errors.contains { $0.contains("tunnel.origin_request.connect_timeout: connect_timeout must be longer than 0s") }, "\(errors)")
        // tunnel-origin compares the tunnel with the gateway, which did not load: it waits for
        // the next run rather than judge a stand-in, and the summary says rules are waiting.
        #expect(!errors.contains { $0.contains("tunnel.origin:") }, "\(errors)")
        #expect(errors.count == 2, "\(errors)")
        #expect(run.stderr.contains("not run until gateway loads"))
    }

    /// An origin cloudflared itself would refuse is judged without the gateway.
    @Test func aGatewayTypoAndAnOriginCloudflaredRefusesAreBothReported() throws {
        let run = try validate(after: [
            ("    memory: 384m\n", "    memroy: 384m\n"),
            ("  origin: http://127.0.0.1:3000\n", "  origin: http://127.0.0.1:3000/v1\n"),
        ])
        #expect(run.status == 1)
        let errors = run.errors
        #expect(errors.contains { $0.contains("gateway.limits.memroy: unknown key 'memroy' (did you mean 'memory'?)") }, "\(errors)")
        #expect(errors.contains { $0.contains("tunnel.origin: cloudflared refuses 'http://127.0.0.1:3000/v1' as the service of ingress rule #1") }, "\(errors)")
        #expect(errors.count == 2, "\(errors)")
    }
}
