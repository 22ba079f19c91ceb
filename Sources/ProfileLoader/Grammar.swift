import Foundation
import Formats
import TopologyModel

/// What the text of a string key must look like, declared with the key. The loader checks it
/// with a located error, and the JSON Schema carries the same `pattern`, so an editor and
/// topogen refuse the same values. Every grammar but `prose` is one line: line breaks, other
/// control characters and invisible or bidirectional characters are refused before the pattern
/// is tried (`UnsafeCharacters`).
public struct Grammar: Sendable {
    /// Short name for messages and the reference: "file mode", "absolute path".
    public var name: String
    /// A valid value, shown in the reference and used by the declaration tests.
    public var example: String
    /// The rule as an ECMA-262 regular expression (the JSON Schema dialect), matched against the
    /// whole value; nil for free text.
    public var pattern: String?
    /// What to write instead, for the error's hint.
    public var hint: String
    /// Free text that may span lines (notes); every other string is one line.
    public var multiline: Bool
    /// Its values may carry checksums (a SHA-256 is 64 hex digits, which the secret heuristic
    /// would take for a key): a value that matches the pattern is not scanned as a secret.
    public var holdsDigests: Bool
    private let compiled: CompiledPattern?
    private let extra: (@Sendable (GrammarInput) -> GrammarProblem?)?

    public init(_ name: String, example: String, pattern: String? = nil, hint: String = "", multiline: Bool = false, holdsDigests: Bool = false,
                extra: (@Sendable (GrammarInput) -> GrammarProblem?)? = nil) {
        self.name = name
        self.example = example
        self.pattern = pattern
        self.hint = hint
        self.multiline = multiline
        self.holdsDigests = holdsDigests
        self.compiled = pattern.map(CompiledPattern.init)
        self.extra = extra
    }

    /// The first problem with this value, if any.
    func check(_ input: GrammarInput) -> GrammarProblem? {
        if let unsafe = UnsafeCharacters.first(in: input.text, allowingLineBreaks: multiline) {
            return GrammarProblem(.unsafeCharacter, "the value holds \(unsafe.description) at character \(unsafe.offset + 1)",
                                  hint: multiline ? "remove it; only line breaks may stand between the words of a note"
                                                  : "\(input.key) is one line of text: remove it (only notes may span lines)")
        }
        if let extra, let problem = extra(input) { return problem }
        if let compiled, !compiled.matches(input.text) {
            return GrammarProblem(.invalidValue, "'\(input.text)' is not \(article(name)) \(name)", hint: hint.isEmpty ? "write a valid \(name), e.g. \(example)" : hint)
        }
        return nil
    }

    private func article(_ word: String) -> String { "aeiou".contains(word.first ?? "x") ? "an" : "a" }
}

/// The scalar a grammar judges: its text, whether it was quoted, and the key it was written under.
public struct GrammarInput: Sendable {
    public var text: String
    public var quoted: Bool
    public var key: String
}

public struct GrammarProblem: Sendable, Equatable {
    /// The kind of mistake, given by the grammar that found it.
    public var code: LoaderCode
    public var message: String
    public var hint: String

    public init(_ code: LoaderCode, _ message: String, hint: String) {
        self.code = code
        self.message = message
        self.hint = hint
    }
}

/// A pattern compiled once, matched against a whole value.
private struct CompiledPattern: @unchecked Sendable {
    // NSRegularExpression is immutable once built and documented as safe to share across threads.
    let regex: NSRegularExpression

    init(_ pattern: String) {
        do { regex = try NSRegularExpression(pattern: pattern) } catch { fatalError("invalid grammar pattern \(pattern): \(error)") }
    }

    func matches(_ text: String) -> Bool {
        let range = NSRange(text.startIndex..., in: text)
        guard let match = regex.firstMatch(in: text, options: [.anchored], range: range) else { return false }
        return match.range == range
    }
}

extension Grammar {
    /// A consumer's client: `openai-python>=2.34.0`, `openai-node>=6.36.0` or `own-code`.
    public static let consumerClient = Grammar("consumer client", example: "openai-python>=2.34.0",
                                               pattern: "^(openai-python|openai-node)( ?>= ?[0-9]+(\\.[0-9]+)*)?$|^own-code$") { input in
        ConsumerClient(parsing: input.text) == nil
            ? GrammarProblem(.invalidValue, "'\(input.text)' names no client topogen knows",
                             hint: "write openai-python>=VERSION, openai-node>=VERSION (the SDK version it runs) or own-code")
            : nil
    }

    /// A prefix for environment variable names: letters, digits and `_`, not starting with a digit.
    public static let envNamePrefix = Grammar("variable name prefix", example: "LLM_", pattern: "^[A-Za-z_][A-Za-z0-9_]*$") { input in
        Dotenv.isValidName(input.text) ? nil
              : GrammarProblem(.invalidValue, "'\(input.text)' cannot start an environment variable name", hint: "use letters, digits and '_', e.g. LLM_")
    }
}
