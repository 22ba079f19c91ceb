/// `secrets[].generate` is a command the RUNBOOK runs as written (inside `"$(…)"` or after "Run").
/// A sentence written there renders as a command that fails, or worse runs something, and leaves
/// the value blank; so the shapes of prose no one-line command has are refused, pointing at
/// `instructions:`. This is not a shell parser: it follows quotes, backslashes and `$(…)` only
/// far enough to see which words are unquoted.
enum CommandShape {
    static let hint = "`generate:` is a command the RUNBOOK runs as written; write how a person obtains the value under `instructions:` instead"

    static func problem(_ text: String) -> GrammarProblem? {
        guard let words = unquotedWords(text) else {
            return GrammarProblem(.invalidValue, "the command has an unclosed quote", hint: "close the quote, or write the steps under `instructions:`")
        }
        if let first = words.first?.text, let initial = first.unicodeScalars.first, initial.properties.isUppercase,
           !first.contains("=") {
            return GrammarProblem(.invalidValue, "'\(first)' starts a sentence, not a command", hint: hint)
        }
        if let word = words.first(where: { isSentenceWord($0.text) }) {
            return GrammarProblem(.invalidValue, "'\(word.text)' is sentence punctuation, not part of a command", hint: hint)
        }
        if let word = words.first(where: { $0.opensParenthesis }) {
            return GrammarProblem(.invalidValue, "'\(word.text)' opens a parenthetical remark; a shell reads '(' there as a syntax error", hint: hint)
        }
        let plain = words.map(\.text)
        if let terraform = plain.firstIndex(where: { $0 == "terraform" || $0.hasSuffix("/terraform") }),
           let output = plain[(terraform + 1)...].firstIndex(of: "output"),
           plain[(terraform + 1)..<output].allSatisfy({ $0.hasPrefix("-") }),
           !plain[(output + 1)...].contains(where: { $0 == "-raw" || $0 == "-json" }) {
            return GrammarProblem(.invalidValue, "`terraform output NAME` prints the value in double quotes, and the quotes would be stored with it",
                                  hint: "write terraform output -raw NAME")
        }
        return nil
    }

    /// A word outside quotes: its text, and whether it starts with a `(` that is neither `$(`
    /// nor a subshell at the start of the command.
    struct Word {
        var text = ""
        var opensParenthesis = false
    }

    /// A word made only of letters and hyphens that ends in `,` or `.`: a sentence's word.
    static func isSentenceWord(_ word: String) -> Bool {
        guard let last = word.last, last == "," || last == ".", word.count > 1 else { return false }
        return word.dropLast().allSatisfy { $0.isLetter || $0 == "-" }
    }

    /// The unquoted words, or nil when a quote is left open.
    static func unquotedWords(_ text: String) -> [Word]? {
        var words: [Word] = []
        var current: Word? = nil
        var quote: Character? = nil
        var quotedWord = false
        var escaped = false
        var substitutions = 0
        var previous: Character = " "
        func finish() {
            if let word = current, !quotedWord, !word.text.isEmpty { words.append(word) }
            current = nil
            quotedWord = false
        }
        for character in text {
            // A comment runs to the end of the line; its words are not the command's.
            if character == "#", quote == nil, !escaped, current == nil { break }
            defer { previous = character }
            if escaped { escaped = false; current = current ?? Word(); quotedWord = true; continue }
            if let open = quote {
                if character == open { quote = nil } else if character == "\\" && open == "\"" { escaped = true }
                continue
            }
            switch character {
            case "\\": escaped = true
            case "'", "\"": quote = character; current = current ?? Word(); quotedWord = true
            case " ", "\t": finish()
            case "(":
                if previous == "$" { substitutions += 1 } else if !(words.isEmpty && current == nil) && substitutions == 0 {
                    var word = current ?? Word()
                    word.opensParenthesis = true
                    current = word
                }
                current = current ?? Word()
                current?.text.append(character)
            case ")":
                if substitutions > 0 { substitutions -= 1 }
                current = current ?? Word()
                current?.text.append(character)
            default:
                current = current ?? Word()
                current?.text.append(character)
            }
        }
        guard quote == nil else { return nil }
        finish()
        return words
    }
}
