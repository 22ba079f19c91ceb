import Formats
import Foundation

/// Walks one document and collects problems in document order (object keys sorted, so the
/// order does not depend on dictionary hashing).
struct Checker {
    typealias JSONValue = TerraformSchema.JSONValue

    let resources: [String: Block]
    let file: String
    private(set) var problems: [TerraformSchemaProblem] = []

    init(resources: [String: Block], file: String) {
        self.resources = resources
        self.file = file
    }

    /// Top-level block types of Terraform's JSON syntax (`website/docs/language/syntax/json.mdx`
    /// lists the first eight; `moved`, `import`, `check` are the newer ones).
    static let rootKeys = ["terraform", "variable", "provider", "resource", "data", "output", "locals",
                           "module", "moved", "import", "check"]

    /// Meta-arguments Terraform accepts in any resource body. Their contents are Terraform's business,
    /// not the provider's, so they are not checked further.
    static let metaArguments: Set<String> = ["count", "for_each", "depends_on", "lifecycle", "provider",
                                             "provisioner", "connection"]

    /// Terraform JSON comment key: ignored in block bodies (and at label levels), never in attribute values.
    static let commentKey = "//"

    mutating func report(_ path: String, _ message: String) {
        problems.append(TerraformSchemaProblem(file: file, path: path, message: message))
    }

    // MARK: - Document structure

    mutating func checkRoot(_ root: JSONValue) {
        guard case .object(let blocks) = root else {
            report("(root)", "expected a JSON object of top-level blocks, got \(root.kindName)")
            return
        }
        for key in blocks.keys.sorted() where key != Self.commentKey {
            guard Self.rootKeys.contains(key) else {
                report(key, "unknown top-level block type '\(key)'" + Suggest.hint(for: key, among: Self.rootKeys))
                continue
            }
            if key == "resource", let value = blocks[key] {
                checkResources(value, path: key)
            }
        }
    }

    /// `"resource": {TYPE: {NAME: body}}`; Terraform JSON also allows an array of such objects at each level.
    private mutating func checkResources(_ value: JSONValue, path: String) {
        forEachObject(value, path: path, expecting: "an object of resource types") { checker, types, path in
            for type in types.keys.sorted() where type != Self.commentKey {
                let typePath = "\(path).\(type)"
                guard let block = checker.resources[type] else {
                    checker.report(typePath, "unknown resource type '\(type)'" + Suggest.resourceHint(for: type, among: checker.resources.keys.sorted()))
                    continue
                }
                checker.forEachObject(types[type]!, path: typePath, expecting: "an object of resource names") { checker, names, typePath in
                    for name in names.keys.sorted() where name != Self.commentKey {
                        checker.forEachObject(names[name]!, path: "\(typePath).\(name)", expecting: "a resource body object") { checker, body, bodyPath in
                            checker.checkResourceBody(body, type: type, block: block, path: bodyPath)
                        }
                    }
                }
            }
        }
    }

    /// Calls `body` for an object, or for each object of an array (path gets `[i]`); reports anything else.
    private mutating func forEachObject(
        _ value: JSONValue, path: String, expecting: String,
        _ body: (inout Checker, [String: JSONValue], String) -> Void
    ) {
        switch value {
        case .object(let object):
            body(&self, object, path)
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                let elementPath = "\(path)[\(index)]"
                if case .object(let object) = element {
                    body(&self, object, elementPath)
                } else {
                    report(elementPath, "expected \(expecting), got \(element.kindName)")
                }
            }
        default:
            report(path, "expected \(expecting), got \(value.kindName)")
        }
    }

    private mutating func checkResourceBody(_ body: [String: JSONValue], type: String, block: Block, path: String) {
        checkObject(body, block: block, resourceType: type, schemaPath: [], path: path, isResourceBody: true)
        CloudflareRules.checkResourceBody(body, type: type, path: path, checker: &self)
    }

    // MARK: - Attributes

    /// Checks an object against a block: required present, no unknown or computed-only keys, values typed.
    /// `schemaPath` is the attribute names from the resource body down (no indices), for the Cloudflare rules.
    private mutating func checkObject(
        _ object: [String: JSONValue], block: Block, resourceType: String,
        schemaPath: [String], path: String, isResourceBody: Bool = false
    ) {
        for name in block.required where isUnset(object[name]) {
            report(path, "missing required attribute '\(name)'")
        }
        for key in object.keys.sorted() {
            let value = object[key]!
            let keyPath = "\(path).\(key)"
            guard let attribute = block.attributes[key] else {
                if isResourceBody && (key == Self.commentKey || Self.metaArguments.contains(key)) { continue }
                let candidates = block.settable + (isResourceBody ? Self.metaArguments.sorted() : [])
                report(keyPath, "unknown attribute '\(key)'" + Suggest.hint(for: key, among: candidates))
                continue
            }
            // JSON null means "not set" to Terraform, for optional and computed attributes alike.
            if case .null = value { continue }
            if block.computedOnly.contains(key) {
                report(keyPath, "attribute '\(key)' is computed by the provider and cannot be set")
                continue
            }
            checkValue(value, type: attribute.type, enums: attribute.enums, resourceType: resourceType,
                       schemaPath: schemaPath + [key], path: keyPath)
        }
        if !isResourceBody {
            CloudflareRules.checkNestedObject(object, type: resourceType, schemaPath: schemaPath, path: path, checker: &self)
        }
    }

    private func isUnset(_ value: JSONValue?) -> Bool {
        switch value {
        case .none, .null?: true
        default: false
        }
    }

    private mutating func checkValue(
        _ value: JSONValue, type: ValueType, enums: [JSONValue]?, resourceType: String,
        schemaPath: [String], path: String
    ) {
        // A template string is converted by Terraform to whatever type the attribute needs.
        if case .string(let text) = value, Interpolation.isTemplate(text) { return }
        switch (type, value) {
        case (.dynamic, _):
            return
        case (.string, .string), (.float64, .int), (.float64, .double), (.int64, .int):
            checkEnum(value, enums: enums, path: path)
        case (.bool, .bool):
            return
        case (.int64, .double(let number)):
            if Self.isInt64(number) {
                checkEnum(value, enums: enums, path: path)
            } else {
                report(path, "expected int64, got non-integral number \(Self.format(number))")
            }
        case (.list(let element), .array(let elements)), (.set(let element), .array(let elements)):
            for (index, item) in elements.enumerated() {
                checkValue(item, type: element, enums: enums, resourceType: resourceType,
                           schemaPath: schemaPath, path: "\(path)[\(index)]")
            }
        case (.map(let element), .object(let entries)):
            for key in entries.keys.sorted() {
                checkValue(entries[key]!, type: element, enums: enums, resourceType: resourceType,
                           schemaPath: schemaPath, path: "\(path)[\(Self.quote(key))]")
            }
        case (.singleNested(let block), .object(let object)):
            checkObject(object, block: block, resourceType: resourceType, schemaPath: schemaPath, path: path)
        case (.listNested(let block), .array(let elements)), (.setNested(let block), .array(let elements)):
            for (index, element) in elements.enumerated() {
                checkNestedElement(element, block: block, resourceType: resourceType, schemaPath: schemaPath, path: "\(path)[\(index)]")
            }
        case (.mapNested(let block), .object(let entries)):
            for key in entries.keys.sorted() {
                checkNestedElement(entries[key]!, block: block, resourceType: resourceType, schemaPath: schemaPath, path: "\(path)[\(Self.quote(key))]")
            }
        default:
            report(path, "expected \(type.name), got \(value.kindName)")
        }
    }

    private mutating func checkEnum(_ value: JSONValue, enums: [JSONValue]?, path: String) {
        guard let enums, !enums.contains(where: { StructuredDiff.equal($0, value, numbers: .byValue) }) else { return }
        let allowed = enums.map(Self.literal)
        let hint: String
        if case .string(let text) = value {
            hint = Suggest.enumHint(for: text, among: allowed)
        } else {
            hint = " (allowed: \(allowed.joined(separator: ", ")))"  // "did you mean 301" helps nobody
        }
        report(path, "invalid value '\(Self.literal(value))'" + hint)
    }

    private mutating func checkNestedElement(_ element: JSONValue, block: Block, resourceType: String, schemaPath: [String], path: String) {
        if case .string(let text) = element, Interpolation.isTemplate(text) { return }
        guard case .object(let object) = element else {
            report(path, "expected object, got \(element.kindName)")
            return
        }
        checkObject(object, block: block, resourceType: resourceType, schemaPath: schemaPath, path: path)
    }

    // MARK: - Helpers

    /// Integral and inside Int64's range (JSON `1.0` counts, as it does for Terraform's number conversion).
    static func isInt64(_ number: Double) -> Bool {
        number.rounded(.towardZero) == number && number >= -9.223372036854775808e18 && number < 9.223372036854775808e18
    }

    /// `30` rather than `30.0` for integral numbers, so messages read like the JSON the user wrote.
    static func format(_ number: Double) -> String {
        if isInt64(number), abs(number) < 1e15 { return String(Int64(number)) }
        return String(number)
    }

    /// A scalar as the user wrote it: strings bare, numbers via `format`.
    static func literal(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .int(let number): String(number)
        case .double(let number): format(number)
        case .bool(let flag): String(flag)
        default: value.kindName
        }
    }

    static func quote(_ key: String) -> String {
        let escaped = key.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"\(escaped)\""
    }
}

/// Terraform string templates: `${…}` interpolation and `%{…}` directives; `$${` and `%%{` are escapes.
enum Interpolation {
    static func isTemplate(_ text: String) -> Bool {
        let characters = Array(text.unicodeScalars)
        var index = 0
        while index + 1 < characters.count {
            let current = characters[index]
            if current == "$" || current == "%" {
                if characters[index + 1] == current {
                    index += 2  // escaped `$$` / `%%`: the next `{` is literal
                    continue
                }
                if characters[index + 1] == "{" { return true }
            }
            index += 1
        }
        return false
    }
}
