import Formats
import Foundation

extension TerraformSchema {
    /// A parsed JSON document: the one value type of every structured read-back, so the schema
    /// check walks the very value the Terraform read-back parsed and compared.
    public typealias JSONValue = StructuredValue
}

extension StructuredValue {
    /// Parses JSON text (fragments allowed, so callers get a type problem rather than a throw for `"x"`).
    public init(jsonData: Data) throws {
        self = try JSONText.parse(String(decoding: jsonData, as: UTF8.self))
    }

    /// Converts the result of `JSONSerialization.jsonObject` (or a hand-built `[String: Any]`).
    ///
    /// Goes through `JSONSerialization.data`, the one place that reliably tells `NSNumber`
    /// booleans from numbers on every platform. Returns nil when `object` is not JSON.
    public init?(foundationObject object: Any) {
        guard JSONSerialization.isValidJSONObject(object),
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.fragmentsAllowed]),
              let value = try? StructuredValue(jsonData: data)
        else { return nil }
        self = value
    }
}
