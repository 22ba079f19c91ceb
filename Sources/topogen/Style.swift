import Foundation

/// Colour for people at a terminal, never for pipes, files or CI logs: only when stderr is a
/// TTY, `NO_COLOR` is unset or empty (no-color.org) and `TERM` is not `dumb`.
struct Style {
    let colour: Bool

    static func forStandardError(environment: [String: String] = ProcessInfo.processInfo.environment) -> Style {
        let noColour = !(environment["NO_COLOR"] ?? "").isEmpty
        let dumb = environment["TERM"] == "dumb"
        return Style(colour: isatty(FileHandle.standardError.fileDescriptor) == 1 && !noColour && !dumb)
    }

    func paint(_ text: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    func error(_ text: String) -> String { paint(text, "1;31") }
    func warning(_ text: String) -> String { paint(text, "1;33") }
    func bold(_ text: String) -> String { paint(text, "1") }
    func dim(_ text: String) -> String { paint(text, "2") }
    func hint(_ text: String) -> String { paint(text, "36") }
}
