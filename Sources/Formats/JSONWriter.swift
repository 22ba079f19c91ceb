/// `StructuredValue` -> JSON text, byte for byte what Foundation's `JSONEncoder` writes with
/// `.prettyPrinted, .sortedKeys, .withoutEscapingSlashes` (two-space indent, `"key" : value`,
/// keys in UTF-8 byte order, an empty container as an empty line), so a document is encoded
/// once, into the value its read-back compares with, and printed from that value.
extension JSONText {
    public static func prettyPrinted(_ value: StructuredValue) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(value, indent: 0, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func write(_ value: StructuredValue, indent: Int, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .int(let number): out.append(contentsOf: String(number).utf8)
        case .double(let number): out.append(contentsOf: format(number).utf8)
        case .string(let text): writeString(text, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            out.append(0x0A)
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(contentsOf: ",\n".utf8) }
                pad(indent + 1, into: &out)
                write(item, indent: indent + 1, into: &out)
            }
            out.append(0x0A)
            pad(indent, into: &out)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            out.append(0x0A)
            let sorted = members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for (index, member) in sorted.enumerated() {
                if index > 0 { out.append(contentsOf: ",\n".utf8) }
                pad(indent + 1, into: &out)
                writeString(member.key, into: &out)
                out.append(contentsOf: " : ".utf8)
                write(member.value, indent: indent + 1, into: &out)
            }
            out.append(0x0A)
            pad(indent, into: &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func pad(_ indent: Int, into out: inout [UInt8]) {
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
    }

    /// `"` and `\` escaped, the short escapes for \b \f \n \r \t, `\u00xx` for other controls;
    /// `/` and everything from U+0020 up written as is.
    private static func writeString(_ text: String, into out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            case 0x08: out.append(contentsOf: "\\b".utf8)
            case 0x0C: out.append(contentsOf: "\\f".utf8)
            case 0x0A: out.append(contentsOf: "\\n".utf8)
            case 0x0D: out.append(contentsOf: "\\r".utf8)
            case 0x09: out.append(contentsOf: "\\t".utf8)
            case ..<0x20:
                out.append(contentsOf: "\\u00".utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Integral values without a fraction (`1`, `-0`), others as Swift prints them.
    private static func format(_ number: Double) -> String {
        if number.rounded(.towardZero) == number, abs(number) < 1e15 {
            return number.sign == .minus && number == 0 ? "-0" : String(Int64(number))
        }
        return "\(number)"
    }
}
