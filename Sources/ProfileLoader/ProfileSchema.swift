import Foundation

/// The JSON Schema (draft 2020-12) of the profile format, generated from the key declarations
/// the loader reads, so an editor and topogen refuse the same unknown keys and wrong types.
/// Grammars carry their pattern; constraints between keys become `oneOf`/`if`-`then`.
public enum ProfileSchema {
    /// Where the committed copy lives; shipped profiles point their editor at it.
    public static let committedPath = "schema/profile.schema.json"

    /// The schema as sorted, pretty-printed JSON with a final newline (stable bytes).
    public static func json() -> String {
        var root = object(.profile)
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        root["$id"] = "https://topogen.invalid/schema/profile.schema.json"
        root["title"] = "topogen profile"
        // Editors read the schema, not this header: a profile starts with a comment naming it.
        let data = (try? JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func object(_ section: ProfileSection) -> [String: Any] {
        var properties: [String: Any] = [:]
        for key in section.keys {
            var property = schema(key.kind)
            property["description"] = key.doc
            if case .defaults(let text) = key.presence { property["default"] = text }
            properties[key.name] = property
        }
        var object: [String: Any] = [
            "type": "object",
            "description": section.doc,
            "properties": properties,
            "additionalProperties": false,
        ]
        let required = section.keys.filter { $0.presence == .required }.map(\.name)
        if !required.isEmpty { object["required"] = required }
        var all: [[String: Any]] = []
        for constraint in section.constraints {
            switch constraint {
            case .exactlyOne(let keys, _):
                all.append(["oneOf": keys.map { ["required": [$0]] }])
            case .requires(let required, let key, let value, _, _):
                all.append(["if": ["properties": [key: ["const": value]], "required": [key]], "then": ["required": [required]]])
            }
        }
        if !all.isEmpty { object["allOf"] = all }
        return object
    }

    static let byteSizePattern = "^[0-9.]*[0-9][0-9.]*([bBkKmMgG]|[kKmMgG][bB])$"

    static func schema(_ kind: ValueKind) -> [String: Any] {
        switch kind {
        case .string(let grammar):
            var string: [String: Any] = ["type": "string"]
            if let pattern = grammar.pattern { string["pattern"] = pattern }
            if !grammar.multiline { string["not"] = ["pattern": UnsafeCharacters.pattern] }
            return string
        case .integer(let range):
            var integer: [String: Any] = ["type": "integer", "minimum": range.lowerBound]
            if range.upperBound != Int.max { integer["maximum"] = range.upperBound }
            return integer
        case .boolean: return ["type": "boolean"]
        case .choice(let options): return ["type": "string", "enum": options]
        case .byteSize: return ["type": "string", "pattern": byteSizePattern]
        case .byteSizeOrZero: return ["anyOf": [["type": "string", "pattern": byteSizePattern], ["const": 0], ["const": "0"]]]
        case .duration: return ["type": "string", "pattern": "^([0-9]+[hms])+$"]
        case .list(let element): return ["type": "array", "items": schema(element)]
        case .mapping(let section): return object(section)
        case .map(let element, let names):
            var map: [String: Any] = ["type": "object", "additionalProperties": schema(element)]
            if let pattern = names.pattern { map["propertyNames"] = ["pattern": pattern] }
            return map
        }
    }
}

extension UnsafeCharacters {
    /// The characters `isUnsafe` refuses, as an ECMA-262 character class for the schema.
    static let pattern = "[\\u0000-\\u001F\\u007F-\\u009F\\u061C\\u200B-\\u200F\\u2028-\\u202E\\u2060-\\u2064\\u2066-\\u2069\\uFEFF]"
}
