/// POSIX shell quoting for values topogen writes into scripts and runbook commands: a word is
/// left bare when every character is inert to the shell, otherwise single-quoted (a single quote
/// inside becomes `'\''`). Single quotes turn off every expansion, so the word reaches the
/// command exactly as the profile spelled it.
public enum Shell {
    public static func quoted(_ value: String) -> String {
        if InertCharacters.contains(only: value), !value.isEmpty, value.first != "=" { return value }
        // Scalar by scalar: a quote followed by a combining mark is one `Character` that is not
        // `'`, but the shell sees the quote byte all the same.
        var out = String.UnicodeScalarView("'".unicodeScalars)
        for scalar in value.unicodeScalars {
            if scalar == "'" { out.append(contentsOf: #"'\''"#.unicodeScalars) } else { out.append(scalar) }
        }
        out.append("'")
        return String(out)
    }

    /// Reads one word written by `quoted` (bare characters, single-quoted runs and `\'`) back
    /// to its value; nil for anything else (an expansion, a double quote, a space outside quotes).
    public static func unquoted(_ word: String) -> String? {
        var result = String.UnicodeScalarView()
        var scalars = word.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            if scalar == "'" {
                var closed = false
                while let inner = scalars.next() {
                    if inner == "'" { closed = true; break }
                    result.append(inner)
                }
                guard closed else { return nil }
            } else if scalar == "\\" {
                guard scalars.next() == "'" else { return nil }
                result.append("'")
            } else if InertCharacters.scalars.contains(scalar) {
                result.append(scalar)
            } else {
                return nil
            }
        }
        return String(result)
    }

    /// A path word: quoted as `quoted` does, except that a leading `~/` stays bare so the shell
    /// that runs the command still expands it to the home folder (the rest is quoted).
    public static func quotedPath(_ path: String) -> String {
        guard path.hasPrefix("~/") else { return quoted(path) }
        let rest = String(path.dropFirst(2))
        return "~/" + (rest.isEmpty ? "" : quoted(rest))
    }

    /// A command line from words, each quoted as needed.
    public static func command(_ words: [String]) -> String { words.map(quoted).joined(separator: " ") }

    /// `ssh [OPTIONS] -- HOST 'COMMAND'`, for the local shell. ssh hands the remote login shell
    /// one string, which that shell parses again: so `command` must already be quoted for the
    /// remote shell (build it with `command(_:)`), and is quoted once more here, as one word, for
    /// the local one. `--` ends ssh's options, so an alias spelled `-oProxyCommand=…` is taken as
    /// a host name, never as an option.
    public static func remote(_ host: String, _ command: String, options: [String] = []) -> String {
        (["ssh"] + options.map(quoted) + ["--", quoted(host)] + (command.isEmpty ? [] : [quoted(command)])).joined(separator: " ")
    }

    /// How prose names logging in to a host: `ssh vultr`, or `remote`'s `ssh -- '…'` when the
    /// alias is anything but a plain name (a leading `-` would be read as an option).
    public static func login(_ host: String) -> String {
        InertCharacters.contains(only: host) && !host.hasPrefix("-") && !host.isEmpty ? "ssh \(host)" : remote(host, "")
    }

    /// `remote` with the remote command given as words, each quoted for the remote shell.
    public static func remote(_ host: String, words: [String], options: [String] = []) -> String {
        remote(host, command(words), options: options)
    }
}
