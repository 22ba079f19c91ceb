/// POSIX shell quoting for values topogen writes into scripts and runbook commands: a word is
/// left bare when every character is inert to the shell, otherwise single-quoted (a single quote
/// inside becomes `'\''`). Single quotes turn off every expansion, so the word reaches the
/// command exactly as the profile spelled it.
public enum Shell {
    static let bareCharacters = InertCharacters.set

    public static func quoted(_ value: String) -> String {
        if !value.isEmpty, value.allSatisfy({ bareCharacters.contains($0) }), value.first != "=" { return value }
        return "'" + value.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }

    /// Reads one word written by `quoted` (bare characters, single-quoted runs and `\'`) back
    /// to its value; nil for anything else (an expansion, a double quote, a space outside quotes).
    public static func unquoted(_ word: String) -> String? {
        var result = ""
        var index = word.startIndex
        while index < word.endIndex {
            let character = word[index]
            if character == "'" {
                guard let close = word[word.index(after: index)...].firstIndex(of: "'") else { return nil }
                result += word[word.index(after: index)..<close]
                index = word.index(after: close)
            } else if character == "\\" {
                let next = word.index(after: index)
                guard next < word.endIndex, word[next] == "'" else { return nil }
                result.append("'")
                index = word.index(after: next)
            } else if bareCharacters.contains(character) {
                result.append(character)
                index = word.index(after: index)
            } else {
                return nil
            }
        }
        return result
    }

    /// A command line from words, each quoted as needed.
    public static func command(_ words: [String]) -> String { words.map(quoted).joined(separator: " ") }
}
