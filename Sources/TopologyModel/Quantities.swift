/// A size in bytes, written the way Compose writes byte values (`384m`, `1.8g`, `6.5m`):
/// binary units, so `384m` is exactly what `mem_limit: 384m` gives the container.
public struct ByteSize: Sendable, Hashable, Comparable, CustomStringConvertible, Decodable {
    public var bytes: Int64
    /// The spelling the profile used, kept so artifacts can repeat it (`384m`).
    public var spelling: String

    public init(bytes: Int64, spelling: String) {
        self.bytes = bytes
        self.spelling = spelling
    }

    /// Parses `<number><unit>` with unit b, k, m, g (optionally followed by `b`), case-insensitive.
    /// Zero (`0`, `0m`) only where nothing is a real answer (a host without swap).
    public init?(parsing text: String, allowingZero: Bool = false) {
        let lower = text.lowercased()
        if allowingZero, let zero = Double(String(lower.reversed().drop { "bkmg".contains($0) }.reversed())), zero == 0 {
            self.init(bytes: 0, spelling: text)
            return
        }
        let kib = 1024.0, mib = kib * 1024, gib = mib * 1024
        let units: [(String, Double)] = [("gb", gib), ("mb", mib), ("kb", kib),
                                         ("g", gib), ("m", mib), ("k", kib), ("b", 1)]
        guard let (suffix, factor) = units.first(where: { lower.hasSuffix($0.0) }) else { return nil }
        let number = String(lower.dropLast(suffix.count))
        guard !number.isEmpty, number.allSatisfy({ $0.isNumber || $0 == "." }),
              let value = Double(number), value > 0 || (allowingZero && value == 0) else { return nil }
        self.init(bytes: Int64((value * factor).rounded()), spelling: text)
    }

    /// Read from its spelling (`384m`), the form a profile writes.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        // Zero passed the key's own check (`byteSizeOrZero`) or was refused there.
        guard let parsed = ByteSize(parsing: text, allowingZero: true) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a size"))
        }
        self = parsed
    }

    public var mebibytes: Double { Double(bytes) / 1_048_576 }
    public static func < (a: ByteSize, b: ByteSize) -> Bool { a.bytes < b.bytes }
    public var description: String { spelling }

    /// `191 MiB`, `6.5 MiB`: the unit the budget tables use.
    public var mebibyteText: String { ByteSize.mebibyteText(bytes) }

    /// A byte count as every budget figure prints it: `189.5 MiB`.
    public static func mebibyteText(_ bytes: Int64) -> String { format(Double(bytes) / 1_048_576) + " MiB" }

    public static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        if rounded == rounded.rounded() { return String(Int64(rounded)) }
        return String(rounded)
    }
}

/// A span of whole seconds, written as a Go duration (`30s`, `2m`, `1h30m`, `8760h`): the form
/// cloudflared, Compose and Cloudflare Access all accept. Terraform's tunnel config wants whole
/// seconds, so sub-second spans are refused at load time.
public struct Seconds: Sendable, Hashable, Comparable, CustomStringConvertible, Decodable {
    public var value: Int

    public init(_ value: Int) { self.value = value }

    /// Accepts a sequence of `<int><unit>` with units h, m, s.
    public init?(parsing text: String) {
        var total = 0
        var digits = ""
        var sawUnit = false
        for character in text {
            if character.isASCII, character.isNumber {
                digits.append(character)
                continue
            }
            guard let amount = Int(digits) else { return nil }
            switch character {
            case "h": total += amount * 3600
            case "m": total += amount * 60
            case "s": total += amount
            default: return nil
            }
            digits = ""
            sawUnit = true
        }
        guard digits.isEmpty, sawUnit else { return nil }
        self.value = total
    }

    /// Read from its Go-duration spelling (`30s`), the form a profile writes.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = Seconds(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a duration"))
        }
        self = parsed
    }

    /// Canonical Go-duration spelling: `30s`, `2m`, `1h30m`, `8760h`.
    public var goDuration: String {
        if value == 0 { return "0s" }
        var parts = ""
        let hours = value / 3600, minutes = (value % 3600) / 60, seconds = value % 60
        if hours > 0 { parts += "\(hours)h" }
        if minutes > 0 { parts += "\(minutes)m" }
        if seconds > 0 { parts += "\(seconds)s" }
        return parts
    }

    public var description: String { goDuration }
    public static func < (a: Seconds, b: Seconds) -> Bool { a.value < b.value }
}

