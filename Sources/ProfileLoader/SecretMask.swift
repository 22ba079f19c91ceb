import TopologyModel

/// The secret-looking values of one profile, and how a diagnostic shows them: the first few
/// characters and the length, never the whole value, in the message, the hint and the snippet,
/// so CI logs and JSON output cannot carry a credential that was pasted into a profile.
public struct SecretMask: Sendable {
    /// Longest first, so a value that contains another is masked whole.
    private(set) var values: [String] = []

    public init() {}

    mutating func add(_ value: String) {
        guard !value.isEmpty, !values.contains(value) else { return }
        values.append(value)
        values.sort { $0.count > $1.count }
    }

    public var isEmpty: Bool { values.isEmpty }

    /// `sk-4…` with its length: enough to find the value, too little to use it.
    public static func masked(_ value: String) -> String {
        "\(value.prefix(min(4, value.count / 4)))… (\(value.count) characters, masked)"
    }

    public func apply(to text: String) -> String {
        values.reduce(text) { $0.replacingOccurrences(of: $1, with: SecretMask.masked($1)) }
    }

    public func apply(to diagnostic: Diagnostic) -> Diagnostic {
        guard !values.isEmpty else { return diagnostic }
        var masked = diagnostic
        masked.message = apply(to: diagnostic.message)
        masked.hint = diagnostic.hint.map(apply(to:))
        masked.snippet = diagnostic.snippet.map(apply(to:))
        return masked
    }
}
