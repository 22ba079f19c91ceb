/// Where a file that was read back first differs from the value it was meant to hold. One
/// comparison for every structured format: YAML and JSON read-back both end here.
public struct StructuredDifference: Error, Equatable, CustomStringConvertible {
    public enum Step: Equatable, Sendable {
        case key(String)
        case index(Int)
    }

    public var path: [Step]
    public var expected: String
    public var found: String

    /// `services.newapi.environment.TZ`, `ingress[2].hostname`; empty for the document itself.
    public var keyPath: String {
        var out = ""
        for step in path {
            switch step {
            case .key(let name): out += out.isEmpty ? name : ".\(name)"
            case .index(let index): out += "[\(index)]"
            }
        }
        return out
    }

    public var description: String { "\(keyPath.isEmpty ? "(document)" : keyPath): expected \(expected), found \(found)" }
}

public enum StructuredDiff {
    /// YAML tells `1` (int) from `1.0` (float) and a reader may care; JSON has one number type.
    public enum Numbers: Sendable { case typed, byValue }

    /// nil when `found` holds exactly what `expected` does (mapping order never counts). The
    /// happy path is one walk with hashed key lookups; only a difference pays for sorted keys,
    /// so the one reported is the first in key order whatever the hashing.
    public static func first(found: StructuredValue, expected: StructuredValue, numbers: Numbers) -> StructuredDifference? {
        if equal(found, expected, numbers: numbers) { return nil }
        var path: [StructuredDifference.Step] = []
        return locate(found, expected, numbers, &path)
    }

    /// Equality as a reader of the format sees it, in one walk.
    public static func equal(_ a: StructuredValue, _ b: StructuredValue, numbers: Numbers) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            guard x.count == y.count else { return false }
            for (key, value) in x {
                guard let other = y[key], equal(value, other, numbers: numbers) else { return false }
            }
            return true
        case (.array(let x), .array(let y)):
            guard x.count == y.count else { return false }
            for index in x.indices where !equal(x[index], y[index], numbers: numbers) { return false }
            return true
        case (.string(let x), .string(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.null, .null): return true
        case (.double(let x), .double(let y)): return x == y
        case (.int, .double), (.double, .int): return numbers == .byValue && a.number == b.number
        default: return false
        }
    }

    private static func locate(_ found: StructuredValue, _ expected: StructuredValue, _ numbers: Numbers,
                               _ path: inout [StructuredDifference.Step]) -> StructuredDifference? {
        switch (found, expected) {
        case (.object(let got), .object(let want)):
            for key in Set(got.keys).union(want.keys).sorted() {
                path.append(.key(key))
                defer { path.removeLast() }
                switch (got[key], want[key]) {
                case (nil, let w?): return StructuredDifference(path: path, expected: w.summary, found: "the key missing")
                case (let g?, nil): return StructuredDifference(path: path, expected: "no such key", found: g.summary)
                case (let g?, let w?): if let difference = locate(g, w, numbers, &path) { return difference }
                default: break
                }
            }
            return nil
        case (.array(let got), .array(let want)):
            for index in 0..<min(got.count, want.count) {
                path.append(.index(index))
                defer { path.removeLast() }
                if let difference = locate(got[index], want[index], numbers, &path) { return difference }
            }
            return got.count == want.count ? nil : StructuredDifference(path: path, expected: "\(want.count) items", found: "\(got.count) items")
        default:
            return equal(found, expected, numbers: numbers) ? nil : StructuredDifference(path: path, expected: expected.summary, found: found.summary)
        }
    }
}
