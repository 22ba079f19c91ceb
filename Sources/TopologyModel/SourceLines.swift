/// A profile's lines, split once per load and shared by every diagnostic's snippet. Lines end
/// where libyaml ends them (LF, CRLF, CR, NEL, U+2028, U+2029), judged by Unicode scalar: Swift
/// reads "\r\n" as one `Character`, so splitting on the Character "\n" would miss every CRLF
/// line end and make the whole file one line.
public struct SourceLines: Sendable {
    public let lines: [Substring]

    public init(_ text: String) {
        var lines: [Substring] = []
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var index = start
        while index < scalars.endIndex {
            let scalar = scalars[index]
            guard SourceLines.isBreak(scalar) else { index = scalars.index(after: index); continue }
            lines.append(Substring(scalars[start..<index]))
            var next = scalars.index(after: index)
            if scalar == "\r", next < scalars.endIndex, scalars[next] == "\n" { next = scalars.index(after: next) }
            start = next
            index = next
        }
        lines.append(Substring(scalars[start..<scalars.endIndex]))
        self.lines = lines
    }

    static func isBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// The line at `location` and a caret under its column; "" past the end.
    public func snippet(at location: SourceLocation) -> String { location.snippet(in: lines) }
}
