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

    static let bareCharacters = InertCharacters.set

    /// Why no spelling of `value` reads back the same in python-dotenv, Compose and `sh`, or nil.
    /// The one place this is decided: validation reports it on profiles, artifacts refuse it.
    public static func unwritableReason(_ value: String) -> String? {
        if value.contains("'") { return "it holds a single quote, which no single-quoted dotenv value can carry" }
        // A line feed inside single quotes reads back alike everywhere (python-dotenv, Compose's
        // env_file and `sh` were each run on such values, blank and `#` lines inside included);
        // a carriage return does not survive `sh` and python-dotenv alike.
        if value.contains("\r") { return "it holds a carriage return" }
        if value.contains("$") { return "it holds a '$', which python-dotenv expands even inside single quotes" }
        return nil
    }

    /// The value as it must be written after `KEY=`, or nil when no quoting survives every reader.
    public static func quoted(_ value: String) -> String? {
        if unwritableReason(value) != nil { return nil }
        if !value.isEmpty, value.allSatisfy({ bareCharacters.contains($0) }) { return value }
        return "'\(value)'"
    }

    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.first, first == "_" || (first.isASCII && first.isLetter) else { return false }
        return name.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
    }

    /// Reads the dialect back: the variables in file order. Anything outside the dialect is a
    /// problem, so a template that breaks quoting fails the render. A single-quoted value may
    /// span lines: it runs to the next single quote, which must end its line.
    public static func parse(_ text: String) throws -> [(String, String)] {
        var result: [(String, String)] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var index = 0
        while index < lines.count {
            defer { index += 1 }
            var line = lines[index]
            if line.isEmpty || line.hasPrefix("#") { continue }
            let start = index
            if let equals = line.firstIndex(of: "="), line[line.index(after: equals)...].hasPrefix("'") {
                while line.filter({ $0 == "'" }).count < 2, index + 1 < lines.count {
                    index += 1
                    line += "\n" + lines[index]
                }
                if line.filter({ $0 == "'" }).count < 2 { throw Problem(line: start + 1, message: "unterminated single quote") }
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw Problem(line: start + 1, message: "expected KEY=value, found '\(line)'")
            }
            let name = String(line[..<equals])
            guard isValidName(name) else { throw Problem(line: start + 1, message: "'\(name)' is not a variable name") }
            var value = String(line[line.index(after: equals)...])
            if value.hasPrefix("'") {
                guard value.count >= 2, value.hasSuffix("'") else {
                    throw Problem(line: start + 1, message: "unterminated single quote")
                }
                value = String(value.dropFirst().dropLast())
                if let reason = unwritableReason(value) { throw Problem(line: start + 1, message: "the value cannot be read back alike: \(reason)") }
            } else if !value.allSatisfy({ bareCharacters.contains($0) }) {
                throw Problem(line: start + 1, message: "unquoted value '\(value)' has characters some readers treat specially")
            }
            result.append((name, value))
        }
        return result
    }
}
