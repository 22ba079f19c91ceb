/// The dotenv dialect topogen writes: `KEY=value`, `#` comment lines, and values either bare
/// (only characters no reader treats specially) or single-quoted (taken literally by
/// python-dotenv, Compose's `env_file` and a POSIX shell's `.` alike). A value no quoting carries
/// to all three (see `unwritableReason`) is refused.
public enum Dotenv {
    public struct Problem: Error, CustomStringConvertible, Equatable {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// Why no spelling of `value` reads back the same in python-dotenv, Compose and `sh`, or nil.
    /// The one place this is decided: validation reports it on profiles, artifacts refuse it.
    /// Checked scalar by scalar: `"\r\n"` and a quote with a combining mark are single
    /// `Character`s that `contains("\n")` or `contains("'")` would miss.
    public static func unwritableReason(_ value: String) -> String? {
        let scalars = value.unicodeScalars
        if scalars.contains("'") { return "it holds a single quote, which no single-quoted dotenv value can carry" }
        // A line feed inside single quotes reads back alike everywhere (python-dotenv, Compose's
        // env_file and `sh` were each run on such values, blank and `#` lines inside included);
        // any other break (CR, VT, FF, NEL, U+2028/9) does not.
        if scalars.contains(where: { $0 != "\n" && Lines.breaks.contains($0) }) { return "it holds a line break other than a line feed" }
        if scalars.contains("$") { return "it holds a '$', which python-dotenv expands even inside single quotes" }
        if scalars.contains("\\") { return "it holds a backslash, which python-dotenv reads as an escape inside single quotes" }
        if let hidden = scalars.first(where: { $0 != "\n" && Visible.isHidden($0) }) {
            return "it holds the invisible control character U+\(hex4(hidden.value)), which a reviewer cannot see"
        }
        return nil
    }

    /// The value as it must be written after `KEY=`, or nil when no quoting survives every reader.
    public static func quoted(_ value: String) -> String? {
        if unwritableReason(value) != nil { return nil }
        if !value.isEmpty, InertCharacters.contains(only: value) { return value }
        return "'\(value)'"
    }

    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || ("A"..."Z").contains(first) || ("a"..."z").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) }
    }

    /// Reads the dialect back: the variables in file order. Anything outside the dialect is a
    /// problem, so a template that breaks quoting fails the render. A single-quoted value may
    /// span lines: it runs to the next single quote, which must end its line.
    public static func parse(_ text: String) throws -> [(String, String)] {
        var result: [(String, String)] = []
        let lines = Lines.split(text)
        var next = 0
        while next < lines.count {
            let index = next
            var line = lines[next]
            next += 1
            if let equals = line.firstIndex(of: "="), line[line.index(after: equals)...].hasPrefix("'") {
                while line.unicodeScalars.filter({ $0 == "'" }).count < 2, next < lines.count {
                    line += "\n" + lines[next]
                    next += 1
                }
            }
            // A CR or another break inside a line is a line end to python-dotenv, not to sh: the
            // readers would disagree on what follows, comment lines included.
            if let hidden = line.unicodeScalars.first(where: { $0 != "\n" && Visible.isHidden($0) }) {
                throw Problem(line: index + 1, message: "the line holds U+\(hex4(hidden.value)), which some readers take as a line end or cannot show")
            }
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw Problem(line: index + 1, message: "expected KEY=value, found '\(line)'")
            }
            let name = String(line[..<equals])
            guard isValidName(name) else { throw Problem(line: index + 1, message: "'\(name)' is not a variable name") }
            var value = String(line[line.index(after: equals)...])
            if value.hasPrefix("'") {
                guard value.count >= 2, value.hasSuffix("'") else {
                    throw Problem(line: index + 1, message: "unterminated single quote")
                }
                value = String(value.dropFirst().dropLast())
                if let reason = unwritableReason(value) { throw Problem(line: index + 1, message: "the value cannot be read back alike: \(reason)") }
            } else if !InertCharacters.contains(only: value) {
                throw Problem(line: index + 1, message: "unquoted value '\(value)' has characters some readers treat specially")
            }
            result.append((name, value))
        }
        return result
    }
}
