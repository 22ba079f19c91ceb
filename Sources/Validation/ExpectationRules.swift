import Deployment
import TopologyModel

/// The request expectations, judged on the edge the profile means (the same judgement runs
/// again at render time on the files read back): the written lines must parse and name real
/// tokens, and every written or derived expectation must get its outcome.
enum ExpectationRules {
    static let all: [Rule] = [expectationSyntax, expectationOutcomes]

    static let expectationSyntax = Rule("expectation-syntax", reads: [.access, .expectations]) { t in
        var report = Report(t)
        let tokens = t.access.serviceTokens.map(\.name)
        for (i, parsed) in EdgeExpectations.written(t) {
            switch parsed {
            case .failure(let error):
                report.error("expectations.requests[\(i)]", error.message, hint: error.hint)
            case .success(let expectation):
                if case .token(let name) = expectation.request.principal, !tokens.contains(name) {
                    report.error("expectations.requests[\(i)]", "no service token named '\(name)'",
                                 hint: tokens.isEmpty ? "declare it under access.service_tokens" : "use one of: \(tokens.joined(separator: ", "))")
                }
            }
        }
        if let model = t.expectations.streamingModel, model.isEmpty || !model.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._:/@-".contains($0)) }) {
            report.error("expectations.streaming_model", "'\(model)' is not a model name", hint: "letters, digits and ._:/@- only, e.g. gpt-4o-mini")
        }
        return report.items
    }

    static let expectationOutcomes = Rule("expectation-outcome", reads: [.zone, .tunnel, .hostnames, .access, .waf, .consumers, .expectations]) { t in
        var report = Report(t)
        let plan = EdgePlan(t)
        let edge = EdgeSnapshot(plan: plan, ingress: CloudflaredIngress(t))
        for result in ExpectationResult.evaluate(EdgeExpectations.all(t, plan: plan), on: edge) where !result.passed {
            report.error(location(of: result.expectation, in: t), result.failure, hint: hint(result, profile: t.name))
        }
        return report.items
    }

    /// A consumer's expectation points at the token it names, when it names one.
    static func location(of expectation: RequestExpectation, in t: Topology) -> String {
        let source = expectation.source
        if source.hasPrefix("consumers["), let index = Int(source.dropFirst("consumers[".count).prefix { $0.isNumber }),
           t.consumers.indices.contains(index), t.consumers[index].serviceToken != nil {
            return source + ".service_token"
        }
        return source
    }

    static func hint(_ result: ExpectationResult, profile: String) -> String {
        let request = result.expectation.request
        let token: String
        if case .token(let name) = request.principal { token = " --token \(name)" } else { token = "" }
        let fix: String
        switch (result.expectation.outcome, result.decision.outcome) {
        case (.accessLogin, .blocked), (.origin, .blocked):
            fix = "no Access application covers \(request.path) on \(request.host), so the default deny blocks it: add a surface whose path covers it"
        case (.origin, .accessDenied), (.origin, .accessLogin):
            fix = "the application that decides does not admit \(request.principal): add it to that surface (service_tokens: [...]) or call a surface that does"
        default:
            fix = "change the surfaces (or the expectation) so the deciding rule gives \(result.expectation.outcome)"
        }
        return "\(fix); the whole decision path: topogen trace \(profile) \(request.method) \(request.url)\(token)"
    }
}
