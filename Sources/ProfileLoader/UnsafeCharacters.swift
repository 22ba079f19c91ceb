/// Characters a reviewer cannot see in a diff, or that end a line where a reader of the output
/// would not expect it: refused in every one-line value. Judged by Unicode scalar, never by
/// `Character`: Swift reads "\r\n" as one Character, which a `Character` test would miss.
enum UnsafeCharacters {
    struct Found: Equatable {
        var scalar: Unicode.Scalar
        /// 0-based, in Unicode scalars.
        var offset: Int

        var description: String {
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "\(UnsafeCharacters.name(scalar)) (U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex))"
        }
    }

    /// The first unsafe scalar; a line feed passes when `allowingLineBreaks` (free text), a
    /// carriage return never does.
    static func first(in text: String, allowingLineBreaks: Bool) -> Found? {
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            if scalar == "\n", allowingLineBreaks { continue }
            if isUnsafe(scalar) { return Found(scalar: scalar, offset: offset) }
        }
        return nil
    }

    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true              // C0 (tab, CR, LF, ESC …), DEL, C1
        case 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF, 0x061C: return true
        default: return false                                   // zero-width, line/paragraph separators, bidi, BOM
        }
    }

    static func name(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x0A: return "a line feed"
        case 0x0D: return "a carriage return"
        case 0x09: return "a tab"
        case 0x1B: return "an escape character"
        case 0x00...0x1F, 0x7F...0x9F: return "a control character"
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return "a bidirectional control character"
        case 0x2028, 0x2029: return "a Unicode line separator"
        default: return "an invisible character"
        }
    }
}
