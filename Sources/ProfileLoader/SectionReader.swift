import Formats
import TopologyModel
import Yams

/// First half of loading: YAML nodes checked against their declarations. Every problem becomes
/// a located diagnostic, and a value with a problem is left out of the result, so whatever holds
/// it reads as incomplete; one run still visits every key and reports everything.
struct SectionReader {
    let reader: NodeReader

    /// The fields of a mapping that passed, and whether all of it did. nil when it is not a mapping.
    func fields(_ section: ProfileSection, _ node: Node, path: String) -> (fields: [String: CheckedValue], complete: Bool)? {
        guard case .mapping(let mapping) = node else {
            reader.error(.wrongType, "expected a mapping, found \(describe(node))", at: node, path: path, hint: "write `key: value` pairs here")
            return nil
        }
        reader.record(path, node)
        let before = reader.errorCount
        var written: [String: (key: Node, value: Node)] = [:]
        var unknownNames: [String] = []
        for (key, value) in mapping {
            let name = key.string ?? "?"
            if written[name] == nil { written[name] = (key, value) } else { duplicate(name, key, path) }
            if section.key(named: name) == nil { unknown(name, key, section, path); unknownNames.append(name) }
        }
        // One mistake, one error: a misspelt required key is reported as the unknown key with its
        // did-you-mean, not a second time as missing.
        let misspelt = Set(unknownNames.compactMap { DidYouMean.closest($0, in: section.keys.map(\.name)) }.filter { written[$0] == nil })
        var fields: [String: CheckedValue] = [:]
        var complete = true
        for key in section.keys {
            let keyPath = SectionReader.child(path, key.name)
            if let (keyNode, value) = written[key.name] {
                reader.record(keyPath, keyNode)
                if !NodeReader.isNull(value) {
                    if let checked = read(key.kind, value, key: key.name, path: keyPath) { fields[key.field] = checked } else { complete = false }
                    continue
                }
            }
            if misspelt.contains(key.name) { complete = false; continue }
            if let fallback = absent(key, at: node, path: path) { fields[key.field] = fallback } else if key.presence == .required { complete = false }
        }
        checkConstraints(section, written, node, path)
        return (fields, complete && reader.errorCount == before)
    }

    func read(_ kind: ValueKind, _ node: Node, key: String, path: String) -> CheckedValue? {
        switch kind {
        case .string(let grammar): return text(grammar, node, key: key, path: path)
        case .integer(let range): return reader.intValue(node, path: path, range: range).map(CheckedValue.integer)
        case .boolean: return reader.boolValue(node, path: path).map(CheckedValue.boolean)
        case .choice(let options): return choice(options, node, path: path)
        case .byteSize:
            return parsed(node, path: path, what: "a size", valid: { ByteSize(parsing: $0) != nil }, message: { "'\($0)' is not a size" },
                          hint: "write a number and a unit, as Compose does: 384m, 951m, 3g, 6.5m")
        case .byteSizeOrZero:
            return parsed(node, path: path, what: "a size", valid: { ByteSize(parsing: $0, allowingZero: true) != nil }, message: { "'\($0)' is not a size" },
                          hint: "write a number and a unit, as Compose does: 2g, 512m, or 0 for none")
        case .duration:
            return parsed(node, path: path, what: "a duration", valid: { Seconds(parsing: $0) != nil },
                          message: { "'\($0)' is not a duration in whole seconds" },
                          hint: "write a Go duration with h, m, s units, e.g. 30s, 2m, 8760h (a bare number is refused: cloudflared rejects it)")
        case .list(let element): return list(element, node, key: key, path: path)
        case .mapping(let section):
            guard let (fields, complete) = fields(section, node, path: path), complete else { return nil }
            return .record(CheckedRecord(section: section, fields: fields))
        case .map(let element, let names): return map(element, names: names, node, key: key, path: path)
        }
    }

    // MARK: kinds

    private func text(_ grammar: Grammar, _ node: Node, key: String, path: String) -> CheckedValue? {
        guard let text = reader.scalarText(node, path: path, what: "a string") else { return nil }
        let quoted = node.scalar.map { $0.style != .plain } ?? false
        if let problem = grammar.check(GrammarInput(text: text, quoted: quoted, key: key)) {
            reader.error(problem.code, problem.message, at: node, path: path, hint: problem.hint)
            return nil
        }
        return .text(text)
    }

    private func choice(_ options: [String], _ node: Node, path: String) -> CheckedValue? {
        guard let text = reader.scalarText(node, path: path, what: "one of \(options.joined(separator: "|"))") else { return nil }
        if options.contains(text) { return .text(text) }
        reader.error(.invalidValue, "'\(text)' is not one of \(options.joined(separator: ", "))\(DidYouMean.hint(text, in: options))", at: node,
                     path: path, hint: "use one of: \(options.joined(separator: ", "))")
        return nil
    }

    private func parsed(_ node: Node, path: String, what: String, valid: (String) -> Bool,
                        message: (String) -> String, hint: String) -> CheckedValue? {
        guard let text = reader.scalarText(node, path: path, what: what) else { return nil }
        if valid(text) { return .text(text) }
        reader.error(.invalidValue, message(text), at: node, path: path, hint: hint)
        return nil
    }

    private func list(_ element: ValueKind, _ node: Node, key: String, path: String) -> CheckedValue? {
        guard case .sequence(let sequence) = node else {
            reader.error(.wrongType, "expected a list, found \(describe(node))", at: node, path: path, hint: "write one `- item` per line, or [a, b]")
            return nil
        }
        reader.record(path, node)
        var values: [CheckedValue] = []
        var complete = true
        for (index, item) in sequence.enumerated() {
            let itemPath = "\(path)[\(index)]"
            reader.record(itemPath, item)
            if let value = read(element, item, key: key, path: itemPath) { values.append(value) } else { complete = false }
        }
        return complete ? .list(values) : nil
    }

    private func map(_ element: ValueKind, names: Grammar, _ node: Node, key: String, path: String) -> CheckedValue? {
        guard case .mapping(let mapping) = node else {
            reader.error(.wrongType, "expected a mapping, found \(describe(node))", at: node, path: path, hint: "write NAME: value pairs")
            return nil
        }
        var entries: [CheckedValue] = []
        var complete = true
        for (keyNode, value) in mapping {
            guard let name = keyNode.string else { continue }
            let entryPath = "\(path).\(name)"
            reader.record(entryPath, keyNode)
            if let problem = names.check(GrammarInput(text: name, quoted: false, key: key)) {
                reader.error(problem.code, problem.message, at: keyNode, path: entryPath, hint: problem.hint)
                complete = false
            }
            guard let checked = read(element, value, key: name, path: entryPath) else { complete = false; continue }
            entries.append(.record(CheckedRecord(section: nil, fields: ["name": .text(name), "value": checked])))
        }
        return complete ? .list(entries) : nil
    }
}
