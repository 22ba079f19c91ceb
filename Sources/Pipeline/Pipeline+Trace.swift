import Artifacts
import Deployment
import Rendering
import TopologyModel

/// `topogen trace`: one request's path through the edge as the rendered files say it is, in
/// Cloudflare's order, with the rule or application that decided.
public struct TraceResult: Sendable {
    public let lines: [String]
    /// `origin`, `blocked`, `access-login`, `access-denied`, `not-found`.
    public let outcome: String
}

public enum TraceError: Error, CustomStringConvertible {
    case badRequest(String)
    public var message: String {
        switch self { case .badRequest(let message): return message }
    }
    public var hint: String { "topogen trace PROFILE METHOD https://HOST/PATH [--token NAME | --email ADDRESS]" }
    public var description: String { "error: \(message)\n  hint: \(hint)" }
}

extension Pipeline {
    public static func trace(_ topology: Topology, templates: TemplateLibrary, method: String, url: String,
                             token: String? = nil, email: String? = nil) throws -> TraceResult {
        let principal: EdgeRequest.Principal = token.map(EdgeRequest.Principal.token) ?? email.map(EdgeRequest.Principal.email) ?? .anonymous
        guard let request = EdgeRequest(method: method, url: url, principal: principal) else {
            throw TraceError.badRequest("'\(url)' is not a URL with a hostname")
        }
        if let token, topology.serviceToken(named: token) == nil {
            throw TraceError.badRequest("no service token named '\(token)' in \(topology.profilePath) (tokens: \(topology.access.serviceTokens.map(\.name).joined(separator: ", ")))")
        }
        var renderer = ProfileRenderer(templates: templates, artifacts: [CloudflaredConfigArtifact(), TerraformArtifact()])
        renderer.checksExpectations = false
        let files = try renderer.render(topology).files
        let decision = EdgeEvaluator.evaluate(request, on: try EdgeReadBack.snapshot(topology, files: files))
        var lines = ["\(request.method) \(request.url) (\(request.principal)), profile \(topology.name), as the rendered files say"]
        for (index, step) in decision.steps.enumerated() { lines.append("  \(index + 1). \(step)") }
        lines.append("=> \(decision.outcome) (decided by \(decision.decidedBy))")
        let matching = Deployment(topology).expectations.filter { $0.request == request }
        for expectation in matching {
            let verdict = expectation.outcome.accepts(decision.outcome) ? "holds" : "FAILS"
            lines.append("   expectation \(expectation.source) (\(expectation.outcome)): \(verdict)")
        }
        return TraceResult(lines: lines, outcome: decision.outcome.rawValue)
    }
}
