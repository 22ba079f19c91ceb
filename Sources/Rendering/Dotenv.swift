/// The dotenv dialect topogen writes: `KEY=value`, `#` comment lines, and values either bare
/// (only characters no reader treats specially) or single-quoted (taken literally by
/// python-dotenv, Compose's `env_file` and a POSIX shell's `.` alike). A value holding a single
/// quote or a newline cannot be written that way and is refused.
public enum Dotenv {
    public struct Problem: Error, CustomStringConvertible, Equatable {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    static let bareCharacters = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_./:@%+,-=")

    /// The value as it must be written after `KEY=`, or nil when no quoting survives every reader.
    public static func quoted(_ value: String) -> String? {
        if value.contains("'") || value.contains("\n") || value.contains("\r") { return nil }
        if !value.isEmpty, value.allSatisfy({ bareCharacters.contains($0) }) { return value }
        return "'\(value)'"
    }

    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.first, first == "_" || (first.isASCII && first.isLetter) else { return false }
        return name.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
    }

    /// Reads the dialect back: the variables in file order. Anything outside the dialect is a
    /// problem, so a template that breaks quoting fails the render.
    public static func parse(_ text: String) throws -> [(String, String)] {
        var result: [(String, String)] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw)
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
                if value.contains("'") { throw Problem(line: index + 1, message: "a single quote inside a single-quoted value") }
            } else if !value.allSatisfy({ bareCharacters.contains($0) }) {
                throw Problem(line: index + 1, message: "unquoted value '\(value)' has characters some readers treat specially")
            }
            result.append((name, value))
        }
        return result
    }
}
