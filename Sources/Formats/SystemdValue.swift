import Foundation

/// Values on one systemd directive line (systemd.syntax(7), systemd.unit(5) specifiers).
public enum SystemdValue {
    /// `%` starts a specifier in most values; `%%` is a literal percent sign.
    public static func escapingSpecifiers(_ text: String) -> String { text.replacingOccurrences(of: "%", with: "%%") }

    /// Why a value cannot be written on one directive line, or nil.
    public static func problem(value: String) -> String? {
        if Lines.hasBreak(value) { return "the value holds a line break" }
        if let hidden = value.unicodeScalars.first(where: Visible.isHidden) { return "the value holds the invisible character U+\(hex4(hidden.value))" }
        if value.hasSuffix("\\") { return "the value ends in a backslash, which continues the line" }
        if value != value.trimmingCharacters(in: .whitespaces) { return "leading or trailing blanks are dropped by systemd" }
        return nil
    }
}
