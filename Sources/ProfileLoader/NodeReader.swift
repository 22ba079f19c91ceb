import Formats
import TopologyModel
import Yams

/// Reads libyaml nodes into typed values, collecting every problem instead of stopping at the
/// first, each with `file:line:col`, the key path and a hint. Scalars are read from their source
/// text with strict rules, so YAML 1.1's implicit conversions (`no` -> false, `0750` -> 488,
/// `22:22` -> 1342) can never change what a profile means.
final class NodeReader {
    let file: String
    private let lines: [Substring]
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var locations: [String: SourceLocation] = [:]

    init(file: String, text: String) {
        self.file = file
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    func location(of node: Node) -> SourceLocation? {
        node.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) }
    }

    func record(_ path: String, _ node: Node) {
        if let location = location(of: node), locations[path] == nil { locations[path] = location }
    }

    func error(_ message: String, at node: Node?, path: String, hint: String) {
        let location = node.flatMap(location(of:))
        diagnostics.append(Diagnostic(.error, at: location, path: path, message, hint: hint,
                                      snippet: location.map(snippet(at:))))
    }

    func error(_ message: String, at location: SourceLocation?, path: String, hint: String) {
        diagnostics.append(Diagnostic(.error, at: location, path: path, message, hint: hint,
                                      snippet: location.map(snippet(at:))))
    }

    /// The source line and a caret under the column, like a compiler.
    func snippet(at location: SourceLocation) -> String { location.snippet(in: lines) }
}

/// A mapping being read. Each accessor marks its key as known; `finish()` reports the rest as
/// unknown keys with a did-you-mean, which is how a typo like `memroy` gets caught.
struct MappingReader {
    let reader: NodeReader
    let node: Node
    let path: String
    private var known: [String] = []

    init?(_ reader: NodeReader, _ node: Node, path: String) {
        guard case .mapping = node else {
            reader.error("expected a mapping, found \(describe(node))", at: node, path: path,
                         hint: "write `key: value` pairs here")
            return nil
        }
        self.reader = reader
        self.node = node
        self.path = path
        reader.record(path, node)
        reportDuplicateKeys()
    }

    /// libyaml's composer accepts `a: 1` twice in one mapping; a profile must not, since only
    /// one of the two would count.
    private func reportDuplicateKeys() {
        guard case .mapping(let mapping) = node else { return }
        var seen: Set<String> = []
        for (key, _) in mapping {
            guard let name = key.string else { continue }
            if !seen.insert(name).inserted {
                reader.error("duplicate key '\(name)'", at: key, path: path.isEmpty ? name : "\(path).\(name)",
                             hint: "a key may appear once per mapping; remove or merge the repeats")
            }
        }
    }

    private func childPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The value node for `key`, or nil. A key written but left empty (`key:`) counts as absent.
    mutating func node(_ key: String) -> Node? {
        known.append(key)
        guard case .mapping(let mapping) = node else { return nil }
        for (k, v) in mapping where k.string == key {
            reader.record(childPath(key), k)
            if MappingReader.isNull(v) { return nil }
            return v
        }
        return nil
    }

    private func missing(_ key: String, _ what: String) {
        reader.error("missing required key '\(key)'", at: node, path: path.isEmpty ? key : path,
                     hint: "add `\(key): <\(what)>` to \(path.isEmpty ? "the top level" : path)")
    }

    // MARK: scalars

    mutating func string(_ key: String) -> String? {
        guard let value = node(key) else { return nil }
        return scalarText(value, path: childPath(key), what: "a string")
    }

    mutating func requiredString(_ key: String) -> String {
        guard requirePresent(key, "text") else { return "" }
        return string(key) ?? ""
    }

    mutating func int(_ key: String) -> Int? {
        guard let value = node(key) else { return nil }
        return intValue(value, path: childPath(key))
    }

    mutating func requiredInt(_ key: String) -> Int {
        guard requirePresent(key, "integer") else { return 0 }
        return int(key) ?? 0
    }

    mutating func bool(_ key: String) -> Bool? {
        guard let value = node(key) else { return nil }
        let path = childPath(key)
        guard case .scalar(let scalar) = value else {
            reader.error("expected true or false, found \(describe(value))", at: value, path: path, hint: "write true or false")
            return nil
        }
        if scalar.style == .plain, scalar.string == "true" { return true }
        if scalar.style == .plain, scalar.string == "false" { return false }
        let yaml11 = ["yes", "no", "on", "off", "y", "n", "True", "False", "TRUE", "FALSE", "Yes", "No", "On", "Off"]
        if scalar.style == .plain, yaml11.contains(scalar.string) {
            reader.error("'\(scalar.string)' is a YAML 1.1 boolean that other readers take differently",
                         at: value, path: path, hint: "write true or false")
        } else {
            reader.error("expected true or false, found '\(scalar.string)'", at: value, path: path,
                         hint: "write true or false, unquoted")
        }
        return nil
    }

    mutating func requiredBool(_ key: String) -> Bool {
        guard requirePresent(key, "true|false") else { return false }
        return bool(key) ?? false
    }

    mutating func enumValue<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) -> E? where E.RawValue == String {
        guard let value = node(key), let text = scalarText(value, path: childPath(key), what: "one of \(choices(E.self))") else { return nil }
        if let parsed = E(rawValue: text) { return parsed }
        let options = E.allCases.map(\.rawValue)
        let suggestion = DidYouMean.hint(text, in: options)
        reader.error("'\(text)' is not one of \(options.joined(separator: ", "))\(suggestion)", at: value,
                     path: childPath(key), hint: "use one of: \(options.joined(separator: ", "))")
        return nil
    }

    mutating func requiredEnum<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type, default fallback: E) -> E where E.RawValue == String {
        guard requirePresent(key, choices(E.self)) else { return fallback }
        return enumValue(key, type) ?? fallback
    }

    mutating func byteSize(_ key: String, allowingZero: Bool = false) -> ByteSize? {
        guard let value = node(key), let text = scalarText(value, path: childPath(key), what: "a size") else { return nil }
        if let size = ByteSize(parsing: text, allowingZero: allowingZero) { return size }
        reader.error("'\(text)' is not a size", at: value, path: childPath(key),
                     hint: "write a number and a unit, as Compose does: 384m, 951m, 3g, 6.5m")
        return nil
    }

    mutating func requiredByteSize(_ key: String) -> ByteSize {
        guard requirePresent(key, "size, e.g. 384m") else { return ByteSize(bytes: 0, spelling: "0") }
        return byteSize(key) ?? ByteSize(bytes: 0, spelling: "0")
    }

    mutating func seconds(_ key: String) -> Seconds? {
        guard let value = node(key), let text = scalarText(value, path: childPath(key), what: "a duration") else { return nil }
        if let seconds = Seconds(parsing: text) { return seconds }
        reader.error("'\(text)' is not a duration in whole seconds", at: value, path: childPath(key),
                     hint: "write a Go duration with h, m, s units, e.g. 30s, 2m, 8760h (a bare number is refused: cloudflared rejects it)")
        return nil
    }

    mutating func requiredSeconds(_ key: String) -> Seconds {
        guard requirePresent(key, "duration, e.g. 30s") else { return Seconds(0) }
        return seconds(key) ?? Seconds(0)
    }

    // MARK: collections

    /// Reads a sequence, handing each element and its path to `body`.
    mutating func list<T>(_ key: String, _ body: (Node, String) -> T?) -> [T] {
        guard let value = node(key) else { return [] }
        let path = childPath(key)
        guard case .sequence(let sequence) = value else {
            reader.error("expected a list, found \(describe(value))", at: value, path: path,
                         hint: "write one `- item` per line, or [a, b]")
            return []
        }
        reader.record(path, value)
        return sequence.enumerated().compactMap { index, element in
            let elementPath = "\(path)[\(index)]"
            reader.record(elementPath, element)
            return body(element, elementPath)
        }
    }

    mutating func strings(_ key: String) -> [String] {
        let reader = self.reader
        return list(key) { node, path in MappingReader.scalarText(reader, node, path: path, what: "a string") }
    }

    mutating func ints(_ key: String) -> [Int] {
        let reader = self.reader
        return list(key) { node, path in MappingReader.intValue(reader, node, path: path) }
    }

    /// Reads a nested mapping with `body`.
    mutating func object<T>(_ key: String, required: Bool = true, _ body: (inout MappingReader) -> T) -> T? {
        guard let value = node(key) else {
            if required { missingUnlessPresent(key, "mapping") }
            return nil
        }
        guard var nested = MappingReader(reader, value, path: childPath(key)) else { return nil }
        let result = body(&nested)
        nested.finish()
        return result
    }

    /// Reads a mapping of plain string keys to string values, in source order.
    mutating func stringMap(_ key: String) -> [(String, String)] {
        guard let value = node(key) else { return [] }
        let path = childPath(key)
        guard case .mapping(let mapping) = value else {
            reader.error("expected a mapping, found \(describe(value))", at: value, path: path, hint: "write NAME: value pairs")
            return []
        }
        return mapping.compactMap { k, v in
            guard let name = k.string else { return nil }
            reader.record("\(path).\(name)", k)
            guard let text = MappingReader.scalarText(reader, v, path: "\(path).\(name)", what: "a string") else { return nil }
            return (name, text)
        }
    }

    /// Reports every key this reader was not asked about.
    func finish() {
        guard case .mapping(let mapping) = node else { return }
        for (key, _) in mapping {
            let name = key.string ?? "?"
            guard !known.contains(name) else { continue }
            let suggestion = DidYouMean.hint(name, in: known)
            let allowed = Array(Set(known)).sorted().joined(separator: ", ")
            reader.error("unknown key '\(name)'\(suggestion)", at: key, path: path.isEmpty ? name : "\(path).\(name)",
                         hint: "keys allowed here: \(allowed)")
        }
    }

    // MARK: helpers

    func hasKey(_ key: String) -> Bool {
        guard case .mapping(let mapping) = node else { return false }
        return mapping.contains { k, v in
            guard k.string == key else { return false }
            if MappingReader.isNull(v) { return false }
            return true
        }
    }

    private func missingUnlessPresent(_ key: String, _ what: String) {
        if !hasKey(key) { missing(key, what) }
    }

    /// A value written as nothing (`key:`, `~`, `null`): the key counts as absent, so a required
    /// one is reported missing rather than read as empty text.
    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// Marks `key` known; reports it missing (and returns false) when absent or empty.
    private mutating func requirePresent(_ key: String, _ what: String) -> Bool {
        if hasKey(key) { return true }
        known.append(key)
        missing(key, what)
        return false
    }

    private func choices<E: RawRepresentable & CaseIterable>(_: E.Type) -> String where E.RawValue == String {
        E.allCases.map(\.rawValue).joined(separator: "|")
    }

    private func scalarText(_ node: Node, path: String, what: String) -> String? {
        MappingReader.scalarText(reader, node, path: path, what: what)
    }

    private func intValue(_ node: Node, path: String) -> Int? {
        MappingReader.intValue(reader, node, path: path)
    }

    /// The scalar's source text, whatever YAML 1.1 would resolve it to: a string field written
    /// `no` stays the string "no".
    static func scalarText(_ reader: NodeReader, _ node: Node, path: String, what: String) -> String? {
        guard case .scalar(let scalar) = node else {
            reader.error("expected \(what), found \(describe(node))", at: node, path: path, hint: "write a single value here")
            return nil
        }
        return scalar.string
    }

    /// Integers are plain decimal digits. `0750` (octal in YAML 1.1), `22:22` (base 60),
    /// `0x10`, `1e3` and quoted digits are refused rather than reinterpreted.
    static func intValue(_ reader: NodeReader, _ node: Node, path: String) -> Int? {
        guard case .scalar(let scalar) = node else {
            reader.error("expected an integer, found \(describe(node))", at: node, path: path, hint: "write a whole number")
            return nil
        }
        let text = scalar.string
        if scalar.style != .plain {
            reader.error("expected an integer, found the quoted string '\(text)'", at: node, path: path,
                         hint: "remove the quotes")
            return nil
        }
        if text.count > 1, text.hasPrefix("0"), text.allSatisfy(\.isNumber) {
            reader.error("'\(text)' has a leading zero, which YAML 1.1 reads as an octal number", at: node, path: path,
                         hint: "write it without the leading zero, or quote it if it is a file mode")
            return nil
        }
        if text.contains(":") {
            reader.error("'\(text)' is a base-60 number in YAML 1.1 (22:22 reads as 1342)", at: node, path: path,
                         hint: "write a single whole number; quote port mappings as strings")
            return nil
        }
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(text) else {
            reader.error("'\(text)' is not a whole number", at: node, path: path, hint: "write digits only, e.g. 3000")
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
