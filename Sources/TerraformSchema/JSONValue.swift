import Foundation

extension TerraformSchema {
    /// A parsed JSON value with booleans and numbers kept apart.
    ///
    /// `JSONSerialization` on Linux hands back `NSNumber` for both `true` and `1`, and
    /// `value is Bool` is `true` for the number `1` there, so type checks on `Any` are
    /// unreliable. Decoding with `JSONDecoder` into this enum gives an exact, Sendable
    /// model of the document that the checker walks instead.
    public enum JSONValue: Sendable, Equatable, Codable {
        case null
        case bool(Bool)
        /// Every JSON number; int64 attributes additionally require an integral value.
        case number(Double)
        case string(String)
        case array([JSONValue])
        case object([String: JSONValue])

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            // Order matters: Bool before Double so `true` never becomes 1 and `1` never becomes `true`.
            if container.decodeNil() {
                self = .null
            } else if let value = try? container.decode(Bool.self) {
                self = .bool(value)
            } else if let value = try? container.decode(Double.self) {
                self = .number(value)
            } else if let value = try? container.decode(String.self) {
                self = .string(value)
            } else if let value = try? container.decode([JSONValue].self) {
                self = .array(value)
            } else {
                self = .object(try container.decode([String: JSONValue].self))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .null: try container.encodeNil()
            case .bool(let value): try container.encode(value)
            case .number(let value): try container.encode(value)
            case .string(let value): try container.encode(value)
            case .array(let value): try container.encode(value)
            case .object(let value): try container.encode(value)
            }
        }

        /// Parses JSON text (fragments allowed, so callers get a type problem rather than a throw for `"x"`).
        public init(jsonData: Data) throws {
            self = try JSONDecoder().decode(JSONValue.self, from: jsonData)
        }

        /// Converts the result of `JSONSerialization.jsonObject` (or a hand-built `[String: Any]`).
        ///
        /// Goes through `JSONSerialization.data` and back, because the serializer is the one place
        /// that reliably tells `NSNumber` booleans from numbers on every platform.
        /// Returns nil when `object` is not representable as JSON.
        public init?(foundationObject object: Any) {
            guard JSONSerialization.isValidJSONObject(object),
                  let data = try? JSONSerialization.data(withJSONObject: object, options: [.fragmentsAllowed]),
                  let value = try? JSONValue(jsonData: data)
            else { return nil }
            self = value
        }

        /// Short noun used in type-mismatch messages ("expected bool, got string").
        var kindName: String {
            switch self {
            case .null: "null"
            case .bool: "bool"
            case .number: "number"
            case .string: "string"
            case .array: "array"
            case .object: "object"
            }
        }
    }
}
