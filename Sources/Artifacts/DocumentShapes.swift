/// Shapes a typed document needs when a file's keys are data (a service name, variable names):
/// each encodes as the mapping the file holds and exposes what a template iterates over.

/// A mapping whose keys come from the model, in the order they are written.
struct OrderedMapping<Value: Encodable>: Encodable {
    struct Entry {
        let key: String
        let value: Value
    }

    let entries: [Entry]

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        for entry in entries { try container.encode(entry.value, forKey: AnyKey(entry.key)) }
    }
}

/// A mapping of one model-named key (`services: {new-api: …}`).
struct SingleEntryMapping<Value: Encodable>: Encodable {
    let key: String
    let value: Value

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode(value, forKey: AnyKey(key))
    }
}

/// A number printed as the profile spells it (`0.50`) and read back as the number it is.
struct NumberText: Encodable, CustomStringConvertible {
    let description: String

    init(_ text: String) { description = text }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if let integer = Int(description) { try container.encode(integer) } else { try container.encode(Double(description) ?? 0) }
    }
}

/// A string coding key, for documents whose keys are data (service names, header names).
struct AnyKey: CodingKey, ExpressibleByStringLiteral {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init(stringLiteral value: String) { stringValue = value }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
