import TopologyModel

/// A diagnostic in the compiler shape editors and CI logs understand:
/// `file:line:col: error: key.path: message [code]`, the source line with a caret, a hint.
enum DiagnosticText {
    static func render(_ diagnostic: Diagnostic, style: Style) -> String {
        var head = ""
        if let location = diagnostic.location { head = style.bold("\(location.file):\(location.line):\(location.column):") + " " }
        head += diagnostic.severity == .error ? style.error("error:") : style.warning("warning:")
        head += " "
        if !diagnostic.keyPath.isEmpty { head += "\(diagnostic.keyPath): " }
        head += diagnostic.message
        if let code = diagnostic.code { head += " " + style.dim("[\(code)]") }
        var lines = [head]
        if let snippet = diagnostic.snippet, !snippet.isEmpty { lines.append(snippet) }
        if let hint = diagnostic.hint { lines.append("  " + style.hint("hint:") + " \(hint)") }
        return lines.joined(separator: "\n")
    }

    /// A GitHub Actions workflow command, so the problem shows on the pull request's diff.
    static func annotation(_ diagnostic: Diagnostic) -> String {
        var properties: [String] = []
        if let location = diagnostic.location {
            properties += ["file=\(escapeProperty(location.file))", "line=\(location.line)", "col=\(location.column)"]
        }
        properties.append("title=\(escapeProperty("topogen " + (diagnostic.code ?? diagnostic.severity.rawValue)))")
        var message = diagnostic.keyPath.isEmpty ? diagnostic.message : "\(diagnostic.keyPath): \(diagnostic.message)"
        if let hint = diagnostic.hint { message += "\nhint: \(hint)" }
        return "::\(diagnostic.severity.rawValue) \(properties.joined(separator: ","))::\(escapeData(message))"
    }

    // The escapes GitHub's runner undoes (toolkit/core command.ts).
    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
