import Formats

/// The subset of Cloudflare's Rules language (wirefilter) topogen writes into `cloudflare_ruleset`
/// expressions, as a value: built by the edge plan, printed into the Terraform JSON, and parsed
/// back from the rendered file so the request expectations are judged on what was written.
public indirect enum WAFExpression: Sendable, Equatable, CustomStringConvertible {
    public enum Field: String, Sendable, CaseIterable {
        case host = "http.host"
        case path = "http.request.uri.path"
        case method = "http.request.method"
    }

    case and([WAFExpression])
    case or([WAFExpression])
    case not(WAFExpression)
    case equals(Field, String)
    case startsWith(Field, String)
    case endsWith(Field, String)

    /// The canonical text: every `and`/`or` in parentheses, strings quoted as wirefilter does.
    public var description: String {
        switch self {
        case .and(let parts): return "(" + parts.map(\.description).joined(separator: " and ") + ")"
        case .or(let parts): return "(" + parts.map(\.description).joined(separator: " or ") + ")"
        case .not(let inner): return "not " + inner.description
        case .equals(let field, let value): return "\(field.rawValue) eq \(Wirefilter.string(value))"
        case .startsWith(let field, let value): return "starts_with(\(field.rawValue), \(Wirefilter.string(value)))"
        case .endsWith(let field, let value): return "ends_with(\(field.rawValue), \(Wirefilter.string(value)))"
        }
    }

    /// What a request's fields make of it.
    public func matches(_ fields: [Field: String]) -> Bool {
        switch self {
        case .and(let parts): return parts.allSatisfy { $0.matches(fields) }
        case .or(let parts): return parts.contains { $0.matches(fields) }
        case .not(let inner): return !inner.matches(fields)
        case .equals(let field, let value): return fields[field] == value
        case .startsWith(let field, let value): return fields[field]?.hasPrefix(value) ?? false
        case .endsWith(let field, let value): return fields[field]?.hasSuffix(value) ?? false
        }
    }

    /// Whether the expression reads a field (the Free plan's rate limits may not read `http.host`).
    public func reads(_ field: Field) -> Bool {
        switch self {
        case .and(let parts), .or(let parts): return parts.contains { $0.reads(field) }
        case .not(let inner): return inner.reads(field)
        case .equals(let f, _), .startsWith(let f, _), .endsWith(let f, _): return f == field
        }
    }

    // MARK: builders

    /// One hostname; a leading `*.` matches one more label's worth of suffix, as cloudflared does.
    public static func host(_ hostname: String) -> WAFExpression {
        hostname.hasPrefix("*.") ? .endsWith(.host, String(hostname.dropFirst())) : .equals(.host, hostname)
    }

    /// The requests an Access path covers: the prefix itself and everything below it.
    public static func covering(_ path: AccessPath) -> WAFExpression {
        if path.isRoot { return .startsWith(.path, "/") }
        return .or([.equals(.path, path.prefix), .startsWith(.path, path.prefix + "/")])
    }

    /// A flat `or` of alternatives (no nesting of a single alternative).
    public static func any(_ parts: [WAFExpression]) -> WAFExpression {
        let flat = parts.flatMap { part -> [WAFExpression] in if case .or(let inner) = part { return inner }; return [part] }
        return flat.count == 1 ? flat[0] : .or(flat)
    }
}

/// Reads the subset back. Anything outside it is an error naming the offset, so a hand edit or a
/// printer change cannot slip past the expectations unevaluated.
public struct WAFExpressionParser {
    public struct Failure: Error, CustomStringConvertible, Equatable {
        public let offset: Int
        public let message: String
        public var description: String { "at character \(offset + 1): \(message)" }
    }

    private let chars: [Character]
    private var index = 0

    public static func parse(_ text: String) throws -> WAFExpression {
        var parser = WAFExpressionParser(chars: Array(text))
        let expression = try parser.orExpression()
        parser.skipSpace()
        guard parser.index == parser.chars.count else { throw parser.failure("unexpected text after the expression") }
        return expression
    }

    private init(chars: [Character]) { self.chars = chars }

    private func failure(_ message: String) -> Failure { Failure(offset: index, message: message) }

    private mutating func skipSpace() { while index < chars.count, chars[index].isWhitespace { index += 1 } }

    private mutating func keyword(_ word: String) -> Bool {
        skipSpace()
        let end = index + word.count
        guard end <= chars.count, String(chars[index..<end]) == word else { return false }
        if end < chars.count, chars[end].isLetter || chars[end] == "_" || chars[end] == "." { return false }
        index = end
        return true
    }

    private mutating func expect(_ character: Character) throws {
        skipSpace()
        guard index < chars.count, chars[index] == character else { throw failure("expected '\(character)'") }
        index += 1
    }

    private mutating func orExpression() throws -> WAFExpression {
        var parts = [try andExpression()]
        while keyword("or") || keyword("||") { parts.append(try andExpression()) }
        return parts.count == 1 ? parts[0] : .or(parts)
    }

    private mutating func andExpression() throws -> WAFExpression {
        var parts = [try notExpression()]
        while keyword("and") || keyword("&&") { parts.append(try notExpression()) }
        return parts.count == 1 ? parts[0] : .and(parts)
    }

    private mutating func notExpression() throws -> WAFExpression {
        if keyword("not") { return .not(try notExpression()) }
        return try primary()
    }

    private mutating func primary() throws -> WAFExpression {
        skipSpace()
        if index < chars.count, chars[index] == "(" {
            index += 1
            let inner = try orExpression()
            try expect(")")
            return inner
        }
        for (name, build) in [("starts_with", WAFExpression.startsWith), ("ends_with", WAFExpression.endsWith)] where keyword(name) {
            try expect("(")
            let field = try self.field()
            try expect(",")
            let value = try string()
            try expect(")")
            return build(field, value)
        }
        let field = try self.field()
        guard keyword("eq") || keyword("==") else { throw failure("expected 'eq' after \(field.rawValue)") }
        return .equals(field, try string())
    }

    private mutating func field() throws -> WAFExpression.Field {
        skipSpace()
        let start = index
        while index < chars.count, chars[index].isLetter || chars[index] == "." || chars[index] == "_" { index += 1 }
        let name = String(chars[start..<index])
        guard let field = WAFExpression.Field(rawValue: name) else {
            index = start
            throw failure(name.isEmpty ? "expected a field" : "'\(name)' is not a field topogen writes")
        }
        return field
    }

    private mutating func string() throws -> String {
        skipSpace()
        guard index < chars.count, chars[index] == "\"" else { throw failure("expected a quoted string") }
        index += 1
        var out = ""
        while index < chars.count {
            let c = chars[index]
            if c == "\"" { index += 1; return out }
            if c == "\\" {
                guard index + 1 < chars.count, chars[index + 1] == "\"" || chars[index + 1] == "\\" else { throw failure("unknown escape in a string") }
                out.append(chars[index + 1])
                index += 2
            } else {
                out.append(c)
                index += 1
            }
        }
        throw failure("unterminated string")
    }
}
