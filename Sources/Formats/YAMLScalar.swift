/// YAML scalar quoting that no reader can misread: a JSON-style double-quoted string. Every
/// character that could end, fold or reinterpret the scalar is escaped, so `yes`, `22:22`,
/// `#`, `: `, quotes and newlines all come back as the same string (YAML 1.1 and 1.2 alike).
public enum YAMLScalar {
    public static func doubleQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                // C0/C1 controls, DEL, and the Unicode line/paragraph separators and BOM, which
                // libyaml treats as breaks or refuses inside a scalar.
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                    || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFEFF {
                    out += "\\u" + hex4(scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// `0x7F` -> `007F`, for `\u` escapes.
public func hex4(_ value: UInt32) -> String {
    let hex = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
}

