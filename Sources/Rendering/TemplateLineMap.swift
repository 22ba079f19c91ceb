import Foundation

/// Maps a line of rendered output back to the template line that wrote it, so a read-back
/// failure is reported where the fix goes. A template line matches a rendered line when its
/// literal text appears in order with anything between (where its tags were); lines holding
/// only section, comment, pragma or partial tags write nothing and never match. Among several
/// matches the one with the most literal text wins, then the one nearest the rendered line.
public enum TemplateLineMap {
    public struct Position: Sendable, Equatable {
        public var line: Int
        public var column: Int
        public var source: String
    }

    public static func locate(rendered: String, in template: String, near renderedLine: Int? = nil) -> Position? {
        var best: (position: Position, literal: Int, distance: Int)?
        for (index, line) in template.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let literal = matches(templateLine: line, rendered: rendered) else { continue }
            let distance = renderedLine.map { abs($0 - (index + 1)) } ?? index
            let column = (line.firstIndex { $0 != " " }).map { line.distance(from: line.startIndex, to: $0) + 1 } ?? 1
            let candidate = (Position(line: index + 1, column: column, source: String(line)), literal, distance)
            if let current = best, (current.literal, -current.distance) >= (literal, -distance) { continue }
            best = candidate
        }
        return best?.position
    }

    /// The count of literal characters when `templateLine` can produce `rendered`, else nil.
    static func matches(templateLine: Substring, rendered: String) -> Int? {
        let tags = MustacheTags.tags(in: templateLine)
        var literals: [Substring] = []
        var cursor = templateLine.startIndex
        for tag in tags {
            literals.append(templateLine[cursor..<tag.range.lowerBound])
            cursor = tag.range.upperBound
        }
        literals.append(templateLine[cursor...])
        let writes = tags.contains { $0.sigil == nil || $0.sigil == "{" || $0.sigil == "&" }
        let literalCount = literals.reduce(0) { $0 + $1.trimmingCharacters(in: .whitespaces).count }
        if !writes && literalCount == 0 { return nil }
        guard literalCount > 0 else { return nil }
        var pattern = "^"
        for (index, literal) in literals.enumerated() {
            if index > 0 { pattern += ".*?" }
            pattern += NSRegularExpression.escapedPattern(for: String(literal))
        }
        pattern += "$"
        let range = NSRange(rendered.startIndex..., in: rendered)
        guard let regex = try? NSRegularExpression(pattern: pattern), regex.firstMatch(in: rendered, range: range) != nil else { return nil }
        return literalCount
    }
}
