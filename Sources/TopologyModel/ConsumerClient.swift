/// The program that reads a consumer's env contract, and what it can read: only a variable that
/// program really reads can carry the Access headers, in the format it parses.
///
/// Facts (upstream sources): the OpenAI SDKs read `OPENAI_CUSTOM_HEADERS` as newline-separated
/// `Name: value` lines, each split at its first colon and trimmed, from openai-python 2.34.0
/// (`src/openai/_client.py`; 2.33.0 lacks it) and openai-node 6.36.0 (`src/client.ts`; 6.35.0
/// lacks it). Neither SDK reads `OPENAI_DEFAULT_HEADERS`. Explicit `default_headers` /
/// `defaultHeaders` arguments override the variable.
public struct ConsumerClient: Sendable, Equatable, Decodable {
    public enum Kind: String, Sendable, CaseIterable {
        /// The official Python SDK (`pip install openai`), or a framework that constructs it.
        case openAIPython = "openai-python"
        /// The official Node SDK (`npm install openai`), or a framework that constructs it.
        case openAINode = "openai-node"
        /// The consumer's own code reads the variables by name; it sends the headers itself.
        case ownCode = "own-code"
    }

    public enum HeaderFormat: Sendable, Equatable {
        /// `Name: value`, one header per line.
        case lines
    }

    /// A header variable a client reads, its format, and the first version that reads it.
    public struct HeaderVariable: Sendable, Equatable {
        public let name: String
        public let format: HeaderFormat
        public let since: [Int]
    }

    public var kind: Kind
    /// The version the consumer runs (its lower bound, `>=2.34.0`), when known.
    public var version: [Int]?

    public init(kind: Kind, version: [Int]? = nil) {
        self.kind = kind
        self.version = version
    }

    /// Reads `openai-python>=2.34.0`, `openai-node 6.36.0` or `own-code`.
    public init?(parsing text: String) {
        let trimmed = text.filter { $0 != " " }
        let name = String(trimmed.prefix { $0.isLetter || $0 == "-" })
        guard let kind = Kind(rawValue: name) else { return nil }
        var rest = trimmed.dropFirst(name.count)
        if rest.hasPrefix(">=") { rest = rest.dropFirst(2) }
        if rest.isEmpty {
            self.init(kind: kind)
            return
        }
        guard kind != .ownCode else { return nil }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { return nil }
        self.init(kind: kind, version: parts.map { $0! })
    }

    /// The loader has checked the spelling with `ConsumerClient.grammar`'s rule.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = ConsumerClient(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' names no known client"))
        }
        self = parsed
    }

    /// How the profile spells it back: `openai-python>=2.34.0`.
    public var spelling: String { kind.rawValue + (version.map { ">=" + $0.map(String.init).joined(separator: ".") } ?? "") }

    /// The header variable this client's kind reads at some version, if any.
    public var headerVariable: HeaderVariable? {
        switch kind {
        case .openAIPython: return HeaderVariable(name: "OPENAI_CUSTOM_HEADERS", format: .lines, since: [2, 34, 0])
        case .openAINode: return HeaderVariable(name: "OPENAI_CUSTOM_HEADERS", format: .lines, since: [6, 36, 0])
        case .ownCode: return nil
        }
    }

    /// The header variable this client reads at the version the profile states; nil when none
    /// can work (own code, an SDK older than the variable, or an SDK of unknown version).
    public var readableHeaderVariable: HeaderVariable? {
        guard let variable = headerVariable, let version else { return nil }
        return Self.atLeast(version, variable.since) ? variable : nil
    }

    /// What an SDK does with a slow request unless its code says otherwise: how long it waits,
    /// how often it sends the request again after a 5xx (Cloudflare's 524 included), and the
    /// constructor argument that stops that. openai-python: `DEFAULT_TIMEOUT` 600 s and
    /// `DEFAULT_MAX_RETRIES = 2` (`src/openai/_constants.py`), `_should_retry` true for every
    /// status >= 500; openai-node: `DEFAULT_TIMEOUT = 600000` ms and `maxRetries ?? 2`
    /// (`src/client.ts`), `shouldRetry` true for status >= 500.
    public struct RequestDefaults: Sendable, Equatable {
        public let timeoutSeconds: Int
        public let retries: Int
        public let noRetry: String
    }

    public var requestDefaults: RequestDefaults? {
        switch kind {
        case .openAIPython: return RequestDefaults(timeoutSeconds: 600, retries: 2, noRetry: "max_retries=0")
        case .openAINode: return RequestDefaults(timeoutSeconds: 600, retries: 2, noRetry: "maxRetries: 0")
        case .ownCode: return nil
        }
    }

    /// The language of the code lines the RUNBOOK gives when no variable can carry the headers.
    public var language: String? {
        switch kind {
        case .openAIPython: return "python"
        case .openAINode: return "js"
        case .ownCode: return nil
        }
    }

    static func atLeast(_ a: [Int], _ b: [Int]) -> Bool {
        for i in 0..<max(a.count, b.count) {
            let x = i < a.count ? a[i] : 0, y = i < b.count ? b[i] : 0
            if x != y { return x > y }
        }
        return true
    }

    /// Renders header pairs in a format.
    public static func render(_ pairs: [(String, String)], as format: HeaderFormat) -> String {
        switch format {
        case .lines: return pairs.map { "\($0.0): \($0.1)" }.joined(separator: "\n")
        }
    }

    /// Reads a value back the way the SDKs do: split at the first colon, trim both sides, drop
    /// lines without a colon.
    public static func parse(_ text: String, as format: HeaderFormat) -> [(String, String)] {
        switch format {
        case .lines:
            return text.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line in
                guard let colon = line.firstIndex(of: ":") else { return nil }
                return (trim(line[..<colon]), trim(line[line.index(after: colon)...]))
            }
        }
    }

    static func trim(_ text: Substring) -> String {
        String(text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
