import Foundation

/// Values on one systemd directive line (systemd.syntax(7), systemd.unit(5) specifiers).
public enum SystemdValue {
    /// `%` starts a specifier in most values; `%%` is a literal percent sign.
    public static func escapingSpecifiers(_ text: String) -> String { text.replacingOccurrences(of: "%", with: "%%") }

    /// Why a value cannot be written on one directive line, or nil.
    public static func problem(value: String) -> String? {
        if value.contains("\n") || value.contains("\r") { return "the value holds a line break" }
        if value.hasSuffix("\\") { return "the value ends in a backslash, which continues the line" }
        if value != value.trimmingCharacters(in: .whitespaces) { return "leading or trailing blanks are dropped by systemd" }
        return nil
    }
}
