/// What the text of a string key must look like, declared with the key. The loader checks it
/// with a located error; the schema and the reference print its name, pattern and example.
public struct Grammar: Sendable {
    /// Short name for messages and the reference: "file mode", "absolute path".
    public var name: String
    /// A valid value, shown in the reference and used by the declaration tests.
    public var example: String
    /// The same rule as an ECMA-262 regular expression for the JSON Schema, where one can say it.
    public var pattern: String?
    /// Free text that may span lines (folded `>-` blocks); every other string is one line.
    public var multiline: Bool
    let check: @Sendable (GrammarInput) -> GrammarProblem?

    public init(_ name: String, example: String, pattern: String? = nil, multiline: Bool = false,
                check: @escaping @Sendable (GrammarInput) -> GrammarProblem? = { _ in nil }) {
        self.name = name
        self.example = example
        self.pattern = pattern
        self.multiline = multiline
        self.check = check
    }
}

/// The scalar a grammar judges: its text, whether it was quoted, and the key it was written under.
public struct GrammarInput: Sendable {
    public var text: String
    public var quoted: Bool
    public var key: String
}

public struct GrammarProblem: Sendable, Equatable {
    public var message: String
    public var hint: String

    public init(_ message: String, hint: String) {
        self.message = message
        self.hint = hint
    }
}

extension Grammar {
    /// Any text on one line.
    public static let text = Grammar("text", example: "text")

    /// Four octal digits, quoted: a plain 0600 is the integer 384 to YAML 1.1 readers.
    public static let fileMode = Grammar("file mode", example: "0600", pattern: "^0[0-7]{3}$") { input in
        if !input.quoted, !input.text.isEmpty, input.text.allSatisfy({ $0.isASCII && $0.isNumber }) {
            let octal = Int(input.text, radix: 8).map(String.init) ?? "?"
            return GrammarProblem("file mode \(input.text) is unquoted: YAML 1.1 reads it as the octal integer \(octal)",
                                  hint: "quote it: \(input.key): \"\(input.text)\"")
        }
        let digits = Array(input.text)
        if digits.count == 4, digits[0] == "0", digits.allSatisfy({ ("0"..."7").contains($0) }) { return nil }
        return GrammarProblem("'\(input.text)' is not a file mode", hint: "write four octal digits in quotes, e.g. \"0600\"")
    }
}
