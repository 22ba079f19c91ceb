import Formats
import TopologyModel
import Yams

/// Collects every problem of one profile instead of stopping at the first, each with
/// `file:line:col`, the key path, a hint and the source line, and records where each key path
/// was written (the topology's source map).
final class NodeReader {
    let file: String
    let lines: SourceLines
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var locations: [String: SourceLocation] = [:]
    /// Secret-looking values found so far; applied to every diagnostic when the load ends.
    var mask = SecretMask()

    init(file: String, text: String) {
        self.file = file
        self.lines = SourceLines(text)
    }

    var errorCount: Int { diagnostics.count { $0.severity == .error } }

    func location(of node: Node) -> SourceLocation? {
        node.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) }
    }

    func record(_ path: String, _ node: Node) {
        if let location = location(of: node), locations[path] == nil { locations[path] = location }
    }

    /// Every loader error is made here, with the code of its kind given where it is made (a
    /// message may be reworded; its code, which `acknowledge:` and JSON readers rely on, stays).
    func error(_ code: LoaderCode, _ message: String, at node: Node?, path: String, hint: String) {
        error(code, message, at: node.flatMap(location(of:)), path: path, hint: hint)
    }

    /// Every diagnostic of the load, secret-looking values masked.
    var maskedDiagnostics: [Diagnostic] { diagnostics.map(mask.apply(to:)) }

    func error(_ code: LoaderCode, _ message: String, at location: SourceLocation?, path: String, hint: String) {
        diagnostics.append(Diagnostic(.error, at: location, path: path, message, hint: hint,
                                      snippet: location.map(snippet(at:)), code: code.rawValue))
    }

    /// The source line and a caret under the column, like a compiler.
    func snippet(at location: SourceLocation) -> String { lines.snippet(at: location) }
}

/// Scalars are read from their source text with strict rules, so YAML 1.1's implicit
/// conversions (`no` -> false, `0750` -> 488, `22:22` -> 1342) can never change what a profile
/// means.
extension NodeReader {
    /// A value written as nothing (`key:`, `~`, `null`): the key counts as absent, so a required
    /// one is reported missing rather than read as empty text.
    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// The scalar's source text, whatever YAML 1.1 would resolve it to: a string field written
    /// `no` stays the string "no".
    func scalarText(_ node: Node, path: String, what: String) -> String? {
        guard case .scalar(let scalar) = node else {
            error(.wrongType, "expected \(what), found \(describe(node))", at: node, path: path, hint: "write a single value here")
            return nil
        }
        return scalar.string
    }

    func boolValue(_ node: Node, path: String) -> Bool? {
        guard case .scalar(let scalar) = node else {
            error(.wrongType, "expected true or false, found \(describe(node))", at: node, path: path, hint: "write true or false")
            return nil
        }
        if scalar.style == .plain, scalar.string == "true" { return true }
        if scalar.style == .plain, scalar.string == "false" { return false }
        let yaml11 = ["yes", "no", "on", "off", "y", "n", "True", "False", "TRUE", "FALSE", "Yes", "No", "On", "Off"]
        if scalar.style == .plain, yaml11.contains(scalar.string) {
            error(.yaml11Trap, "'\(scalar.string)' is a YAML 1.1 boolean that other readers take differently",
                  at: node, path: path, hint: "write true or false")
        } else {
            error(.wrongType, "expected true or false, found '\(scalar.string)'", at: node, path: path, hint: "write true or false, unquoted")
        }
        return nil
    }

    /// Integers are plain decimal digits. `0750` (octal in YAML 1.1), `22:22` (base 60),
    /// `0x10`, `1e3` and quoted digits are refused rather than reinterpreted.
    func intValue(_ node: Node, path: String, range: ClosedRange<Int>) -> Int? {
        guard case .scalar(let scalar) = node else {
            error(.wrongType, "expected an integer, found \(describe(node))", at: node, path: path, hint: "write a whole number")
            return nil
        }
        let text = scalar.string
        if scalar.style != .plain {
            error(.wrongType, "expected an integer, found the quoted string '\(text)'", at: node, path: path, hint: "remove the quotes")
            return nil
        }
        if text.count > 1, text.hasPrefix("0"), text.allSatisfy(\.isNumber) {
            error(.yaml11Trap, "'\(text)' has a leading zero, which YAML 1.1 reads as an octal number", at: node, path: path,
                  hint: "write it without the leading zero, or quote it if it is a file mode")
            return nil
        }
        if text.contains(":") {
            error(.yaml11Trap, "'\(text)' is a base-60 number in YAML 1.1 (22:22 reads as 1342)", at: node, path: path,
                  hint: "write a single whole number; quote port mappings as strings")
            return nil
        }
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(text) else {
            error(.invalidValue, "'\(text)' is not a whole number", at: node, path: path, hint: "write digits only, e.g. 3000")
            return nil
        }
        guard range.contains(value) else {
            let allowed = range.upperBound == Int.max ? "at least \(range.lowerBound)" : "from \(range.lowerBound) to \(range.upperBound)"
            error(.invalidValue, "\(value) is out of range", at: node, path: path, hint: "write a whole number \(allowed)")
            return nil
        }
        return value
    }
}

func describe(_ node: Node) -> String {
    switch node {
    case .scalar(let scalar): return "the value '\(scalar.string)'"
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    case .alias: return "an alias"
    }
}
