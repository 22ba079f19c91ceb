/// A document as a reader of its format sees it: what YAML and JSON read-back compare, whatever
/// the quoting, layout or key order of the text. Typed documents become one (`StructuredEncoder`),
/// rendered files are parsed into one (`JSONText.parse`, the YAML read-back), and
/// `StructuredDiff` compares the two.
public indirect enum StructuredValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([StructuredValue])
    case object([String: StructuredValue])

    /// Short noun for messages ("expected bool, got string").
    public var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "bool"
        case .int, .double: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// The number, whether it was written as an integer or not.
    public var number: Double? {
        switch self {
        case .int(let value): Double(value)
        case .double(let value): value
        default: nil
        }
    }

    /// How a mismatch message shows the value: scalars with their type, containers by shape.
    public var summary: String {
        switch self {
        case .null: "null"
        case .bool(let flag): "\(flag) (bool)"
        case .int(let number): "\(number) (int)"
        case .double(let number): "\(number) (float)"
        case .string(let text): YAMLScalar.doubleQuoted(text) + " (string)"
        case .array(let items): "a list of \(items.count)"
        case .object(let members): "a mapping with keys \(members.keys.sorted().joined(separator: ", "))"
        }
    }
}
