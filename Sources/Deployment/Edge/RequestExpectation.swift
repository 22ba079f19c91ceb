import Foundation

/// A request and the outcome the edge must give it, with where the expectation comes from.
public struct RequestExpectation: Sendable, Equatable, CustomStringConvertible {
    public let request: EdgeRequest
    public let outcome: EdgeOutcome
    /// The key path that states or implies it (`expectations.requests[3]`, `consumers[0]`).
    public let source: String
    /// Why topogen expects it, for derived expectations ("each consumer is admitted").
    public let reason: String?

    public init(request: EdgeRequest, outcome: EdgeOutcome, source: String, reason: String? = nil) {
        self.request = request
        self.outcome = outcome
        self.source = source
        self.reason = reason
    }

    public var description: String { "\(request.method) \(request.host)\(request.path) \(request.principal) -> \(outcome)" }

    /// What one written expectation line is wrong with.
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public let message: String
        public let hint: String
        public var description: String { message }
    }

    /// `METHOD host/path [anonymous | token NAME | email ADDRESS] -> OUTCOME` (`→` works too).
    public static func parse(_ line: String, source: String) throws -> RequestExpectation {
        let grammar = "write METHOD host/path [anonymous | token NAME | email ADDRESS] -> OUTCOME, e.g. GET llm.example.com/static/js/app.js anonymous -> access-login"
        let normalized = line.replacingOccurrences(of: "→", with: "->")
        let halves = normalized.components(separatedBy: "->")
        guard halves.count == 2 else { throw ParseError(message: "'\(line)' has no single '->' before the outcome", hint: grammar) }
        let words = halves[0].split(whereSeparator: \.isWhitespace).map(String.init)
        let outcomeText = halves[1].trimmingCharacters(in: .whitespaces)
        guard let outcome = EdgeOutcome(rawValue: outcomeText) else {
            throw ParseError(message: "'\(outcomeText)' is not an outcome",
                             hint: "use one of: \(EdgeOutcome.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard words.count >= 2 else { throw ParseError(message: "'\(line)' needs a method and a host/path", hint: grammar) }
        let methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
        guard methods.contains(words[0]) else {
            throw ParseError(message: "'\(words[0])' is not an HTTP method", hint: "use one of: \(methods.joined(separator: ", "))")
        }
        let principal: EdgeRequest.Principal
        switch Array(words.dropFirst(2)) {
        case [], ["anonymous"]: principal = .anonymous
        case let rest where rest.count == 2 && rest[0] == "token": principal = .token(rest[1])
        case let rest where rest.count == 2 && rest[0] == "email" && rest[1].contains("@"): principal = .email(rest[1])
        default: throw ParseError(message: "'\(words.dropFirst(2).joined(separator: " "))' is not who sends the request", hint: grammar)
        }
        guard let request = EdgeRequest(method: words[0], url: words[1], principal: principal) else {
            throw ParseError(message: "'\(words[1])' is not host/path", hint: grammar)
        }
        return RequestExpectation(request: request, outcome: outcome, source: source)
    }
}

/// How one expectation fared against an edge snapshot.
public struct ExpectationResult: Sendable, Equatable {
    public let expectation: RequestExpectation
    public let decision: EdgeDecision
    public var passed: Bool { expectation.outcome.accepts(decision.outcome) }

    /// The one-line failure: what was expected, what happened, and who decided.
    public var failure: String {
        "\(expectation.request) expected \(expectation.outcome), got \(decision.outcome) (decided by \(decision.decidedBy))"
            + (expectation.reason.map { "; expected because \($0)" } ?? "")
    }

    public static func evaluate(_ expectations: [RequestExpectation], on edge: EdgeSnapshot) -> [ExpectationResult] {
        let index = EdgeIndex(edge)
        return expectations.map { ExpectationResult(expectation: $0, decision: EdgeEvaluator.evaluate($0.request, on: index)) }
    }
}
