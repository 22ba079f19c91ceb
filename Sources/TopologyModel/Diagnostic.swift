/// Where a fact came from in a profile: 1-based line and column, columns in Unicode scalars
/// (libyaml's marks).
public struct SourceLocation: Sendable, Hashable, Comparable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }

    /// The source line and a caret under the column, like a compiler; "" past the end.
    public func snippet(in lines: [Substring]) -> String {
        guard line >= 1, line <= lines.count else { return "" }
        return "  \(lines[line - 1])\n  \(String(repeating: " ", count: max(0, column - 1)))^"
    }
}

/// One problem found in a profile or a topology. Errors stop a render; warnings are printed
/// and the render goes on.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable { case error, warning }

    public var severity: Severity
    public var location: SourceLocation?
    /// Key path inside the profile, e.g. `gateway.limits.memory` or `hosts[0].users[2].name`.
    public var keyPath: String
    public var message: String
    /// What to do about it. Every error carries one.
    public var hint: String?
    /// The offending source line and a caret, when the text is at hand.
    public var snippet: String?
    /// A stable name for the kind of problem (`unknown-key`, a validation rule's name, …):
    /// what `topogen explain CODE` documents, what JSON output and `acknowledge:` refer to.
    /// Messages may be reworded; codes are not renamed.
    public var code: String?

    public init(_ severity: Severity, at location: SourceLocation?, path keyPath: String,
                _ message: String, hint: String? = nil, snippet: String? = nil, code: String? = nil) {
        self.code = code
        self.severity = severity
        self.location = location
        self.keyPath = keyPath
        self.message = message
        self.hint = hint
        self.snippet = snippet
    }

    public static func error(_ message: String, at location: SourceLocation?, path: String, hint: String?) -> Diagnostic {
        Diagnostic(.error, at: location, path: path, message, hint: hint)
    }

    public static func warning(_ message: String, at location: SourceLocation?, path: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.warning, at: location, path: path, message, hint: hint)
    }

    /// `file:line:col: error: key.path: message`, then the snippet and `hint: …` lines:
    /// the shape compilers use, so editors and CI logs can jump to the spot.
    public var description: String {
        var head = ""
        if let location { head = "\(location.file):\(location.line):\(location.column): " }
        head += "\(severity.rawValue): "
        if !keyPath.isEmpty { head += "\(keyPath): " }
        head += message
        var lines = [head]
        if let snippet, !snippet.isEmpty { lines.append(snippet) }
        if let hint { lines.append("  hint: \(hint)") }
        return lines.joined(separator: "\n")
    }
}

extension Array where Element == Diagnostic {
    public var errors: [Diagnostic] { filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { filter { $0.severity == .warning } }
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Stable order for printing: by file position, then by path and text.
    public func sortedForDisplay() -> [Diagnostic] {
        sorted { a, b in
            switch (a.location, b.location) {
            case let (l?, r?) where l != r: return l < r
            case (nil, _?): return false
            case (_?, nil): return true
            default: return (a.keyPath, a.message) < (b.keyPath, b.message)
            }
        }
    }
}
