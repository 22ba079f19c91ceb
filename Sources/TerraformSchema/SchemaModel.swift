import Formats
import Foundation

/// Why a schema file could not be loaded. Thrown only while loading; checking never throws.
public enum TerraformSchemaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `tf-schema.json` is missing from the module bundle (a packaging mistake, not a user error).
    case bundledSchemaMissing
    /// The file's JSON does not have the `_meta.shape` layout that `extract_tf_schema.py` writes.
    case malformed(String)

    public var description: String {
        switch self {
        case .bundledSchemaMissing: "tf-schema.json is missing from the TerraformSchema bundle"
        case .malformed(let detail): "malformed tf-schema.json: \(detail)"
        }
    }
}

/// The value type of one attribute, parsed from the schema's `types` strings.
///
/// Nested kinds carry their block so the checker can recurse without looking names up again.
indirect enum ValueType: Sendable {
    case string, bool, int64, float64, dynamic
    case list(ValueType), set(ValueType), map(ValueType)
    case singleNested(Block), listNested(Block), setNested(Block), mapNested(Block)

    /// Name used in "expected …" messages, spelled like the schema file.
    var name: String {
        switch self {
        case .string: "string"
        case .bool: "bool"
        case .int64: "int64"
        case .float64: "float64"
        case .dynamic: "dynamic"
        case .list(let element): "list(\(element.name))"
        case .set(let element): "set(\(element.name))"
        case .map(let element): "map(\(element.name))"
        case .singleNested: "object"
        case .listNested, .setNested: "list of objects"
        case .mapNested: "map of objects"
        }
    }
}

/// One attribute of a block.
struct Attribute: Sendable {
    let type: ValueType
    /// Allowed literal values (for list/set: element values); strings from `stringvalidator.OneOf…`,
    /// numbers from `int64validator.OneOf` (ruleset redirect `status_code`). Compared exactly: the schema
    /// file does not record whether the provider used `OneOf` or `OneOfCaseInsensitive`.
    let enums: [TerraformSchema.JSONValue]?
}

/// The attributes of a resource body or of one nested object, in the schema file's shape.
struct Block: Sendable {
    /// Required names in source order, so "missing" problems come out in a stable order.
    let required: [String]
    /// Names a configuration may set (required + optional), used for did-you-mean suggestions.
    let settable: [String]
    let computedOnly: Set<String>
    let attributes: [String: Attribute]
}

enum SchemaLoader {
    /// Parsed with the read-back's own JSON parser: every process pays for this once.
    static func load(_ data: Data) throws -> [String: Block] {
        let root: StructuredValue
        do {
            root = try JSONText.parse(String(decoding: data, as: UTF8.self))
        } catch {
            throw TerraformSchemaError.malformed("\(error)")
        }
        guard case .object(let entries) = root else { throw TerraformSchemaError.malformed("the top level is not an object") }
        var resources: [String: Block] = [:]
        // Keys starting with `_` (`_meta`) are metadata.
        for (name, entry) in entries where !name.hasPrefix("_") {
            resources[name] = try convert(try RawBlock(entry, path: name), path: name)
        }
        return resources
    }

    fileprivate static func convert(_ raw: RawBlock, path: String) throws -> Block {
        var attributes: [String: Attribute] = [:]
        for name in raw.required + raw.optional + raw.computed_only {
            guard let typeText = raw.types[name] else {
                throw TerraformSchemaError.malformed("\(path).\(name) has no type")
            }
            let nested = try raw.nested?[name].map { try convert($0, path: "\(path).\(name)") }
            let type = try parseType(typeText, nested: nested, path: "\(path).\(name)")
            attributes[name] = Attribute(type: type, enums: raw.enums?[name])
        }
        return Block(
            required: raw.required,
            settable: raw.required + raw.optional,
            computedOnly: Set(raw.computed_only),
            attributes: attributes
        )
    }

    /// Parses `string`, `list(T)`, … and also the Go spelling the extractor sometimes leaves verbatim,
    /// e.g. `map(types.ListType{ElemType: types.StringType,})` (ruleset cache-key headers).
    static func parseType(_ text: String, nested: Block?, path: String) throws -> ValueType {
        let compact = text.filter { !$0.isWhitespace }
        switch compact {
        case "single_nested", "list_nested", "set_nested", "map_nested":
            guard let nested else { throw TerraformSchemaError.malformed("\(path) is \(compact) but has no nested entry") }
            switch compact {
            case "single_nested": return .singleNested(nested)
            case "list_nested": return .listNested(nested)
            case "set_nested": return .setNested(nested)
            default: return .mapNested(nested)
            }
        default:
            var parser = TypeParser(text: Array(compact))
            guard let type = parser.parse(), parser.atEnd else {
                throw TerraformSchemaError.malformed("\(path) has unsupported type '\(text)'")
            }
            return type
        }
    }
}

/// Recursive-descent parser for element types (no nested-attribute kinds inside collections).
private struct TypeParser {
    let text: [Character]
    var index = 0

    var atEnd: Bool { index == text.count }

    mutating func parse() -> ValueType? {
        let word = readWord()
        switch word {
        case "string", "types.StringType": return .string
        case "bool", "types.BoolType": return .bool
        case "int64", "types.Int64Type": return .int64
        case "float64", "number", "types.Float64Type", "types.NumberType": return .float64
        case "dynamic", "types.DynamicType": return .dynamic
        case "list", "set", "map":
            guard consume("("), let element = parse(), consume(")") else { return nil }
            return word == "list" ? .list(element) : word == "set" ? .set(element) : .map(element)
        case "types.ListType", "types.SetType", "types.MapType":
            guard consume("{"), consumeWord("ElemType:"), let element = parse() else { return nil }
            _ = consume(",")
            guard consume("}") else { return nil }
            return word == "types.ListType" ? .list(element) : word == "types.SetType" ? .set(element) : .map(element)
        default:
            return nil
        }
    }

    private mutating func readWord() -> String {
        var word = ""
        while index < text.count, text[index].isLetter || text[index].isNumber || text[index] == "_" || text[index] == "." {
            word.append(text[index])
            index += 1
        }
        return word
    }

    private mutating func consume(_ character: Character) -> Bool {
        guard index < text.count, text[index] == character else { return false }
        index += 1
        return true
    }

    private mutating func consumeWord(_ word: String) -> Bool {
        let characters = Array(word)
        guard index + characters.count <= text.count, Array(text[index..<index + characters.count]) == characters else { return false }
        index += characters.count
        return true
    }
}

/// One schema entry as written: `required`, `optional`, `computed_only`, `types`, and optional
/// `nested` and `enums`; converted to `Block` right away.
private struct RawBlock {
    let required: [String]
    let optional: [String]
    let computed_only: [String]
    let nested: [String: RawBlock]?
    let types: [String: String]
    let enums: [String: [TerraformSchema.JSONValue]]?

    init(_ value: StructuredValue, path: String) throws {
        guard case .object(let fields) = value else { throw TerraformSchemaError.malformed("\(path) is not an object") }
        func names(_ key: String) throws -> [String] {
            guard case .array(let items)? = fields[key] else { throw TerraformSchemaError.malformed("\(path).\(key) is not a list") }
            return try items.map { item in
                guard case .string(let name) = item else { throw TerraformSchemaError.malformed("\(path).\(key) holds a non-string") }
                return name
            }
        }
        required = try names("required")
        optional = try names("optional")
        computed_only = try names("computed_only")
        guard case .object(let typeEntries)? = fields["types"] else { throw TerraformSchemaError.malformed("\(path).types is not an object") }
        types = try typeEntries.mapValues { type in
            guard case .string(let text) = type else { throw TerraformSchemaError.malformed("\(path).types holds a non-string") }
            return text
        }
        switch fields["nested"] {
        case .object(let entries)?: nested = try entries.reduce(into: [:]) { $0[$1.key] = try RawBlock($1.value, path: "\(path).\($1.key)") }
        case .null?, nil: nested = nil
        default: throw TerraformSchemaError.malformed("\(path).nested is not an object")
        }
        switch fields["enums"] {
        case .object(let entries)?:
            enums = try entries.mapValues { list in
                guard case .array(let values) = list else { throw TerraformSchemaError.malformed("\(path).enums holds a non-list") }
                return values
            }
        case .null?, nil: enums = nil
        default: throw TerraformSchemaError.malformed("\(path).enums is not an object")
        }
    }
}
