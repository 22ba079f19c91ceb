/// Encodes any `Encodable` straight into a `StructuredValue`, with no text in between: a typed
/// document's `CodingKeys` are its output keys, so this is the value its file must read back as.
/// Nil optionals are left out (`encodeIfPresent`), as JSON and YAML encoders leave them out.
public struct StructuredEncoder {
    public init() {}

    public func encode<Value: Encodable>(_ value: Value) throws -> StructuredValue {
        let encoder = Node(path: [])
        try value.encode(to: encoder)
        return encoder.storage.value
    }
}

/// A value being built. Containers are boxes so nested containers can fill them after being
/// handed out, as `Encoder` requires.
private final class Box {
    enum Content {
        case empty
        case scalar(StructuredValue)
        case object([String: Box])
        case array([Box])
    }

    var content: Content = .empty

    var value: StructuredValue {
        switch content {
        case .empty: .object([:])
        case .scalar(let value): value
        case .object(let members): .object(members.mapValues(\.value))
        case .array(let items): .array(items.map(\.value))
        }
    }
}

private final class Node: Encoder {
    let storage = Box()
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(path: [any CodingKey]) { codingPath = path }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = storage.content {} else { storage.content = .object([:]) }
        return KeyedEncodingContainer(Keyed<Key>(box: storage, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array = storage.content {} else { storage.content = .array([]) }
        return Unkeyed(box: storage, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { Single(box: storage, codingPath: codingPath) }
}

/// Stores one scalar, or encodes a nested `Encodable` into a box of its own.
private func encoded<Value: Encodable>(_ value: Value, path: [any CodingKey]) throws -> Box {
    if let scalar = scalar(value) {
        let box = Box()
        box.content = .scalar(scalar)
        return box
    }
    let node = Node(path: path)
    try value.encode(to: node)
    return node.storage
}

/// The standard library's scalars, recognised without going through their `encode(to:)`.
private func scalar<Value>(_ value: Value) -> StructuredValue? {
    switch value {
    case let text as String: .string(text)
    case let flag as Bool: .bool(flag)
    case let number as Int: .int(number)
    case let number as Double: .double(number)
    case let number as Float: .double(Double(number))
    case let number as Int64: .int(Int(number))
    case let number as Int32: .int(Int(number))
    case let number as UInt: .int(Int(number))
    case let number as UInt32: .int(Int(number))
    case let number as UInt8: .int(Int(number))
    default: nil
    }
}

private struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: Box
    let codingPath: [any CodingKey]

    private func set(_ child: Box, for key: Key) {
        guard case .object(var members) = box.content else { return }
        box.content = .empty  // keeps `members` uniquely referenced while it grows
        members[key.stringValue] = child
        box.content = .object(members)
    }

    mutating func encodeNil(forKey key: Key) throws {
        let child = Box()
        child.content = .scalar(.null)
        set(child, for: key)
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        set(try encoded(value, path: codingPath + [key]), for: key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = Box()
        child.content = .object([:])
        set(child, for: key)
        return KeyedEncodingContainer(Keyed<NestedKey>(box: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = Box()
        child.content = .array([])
        set(child, for: key)
        return Unkeyed(box: child, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder { superEncoder(forKey: Key(stringValue: "super")!) }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let node = Node(path: codingPath + [key])
        set(node.storage, for: key)
        return node
    }
}

private struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "\(intValue ?? 0)" }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

private struct Unkeyed: UnkeyedEncodingContainer {
    let box: Box
    let codingPath: [any CodingKey]

    var count: Int {
        if case .array(let items) = box.content { return items.count }
        return 0
    }

    private func append(_ child: Box) {
        guard case .array(var items) = box.content else { return }
        box.content = .empty
        items.append(child)
        box.content = .array(items)
    }

    mutating func encodeNil() throws {
        let child = Box()
        child.content = .scalar(.null)
        append(child)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        append(try encoded(value, path: codingPath + [IndexKey(count)]))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = Box()
        child.content = .object([:])
        let path = codingPath + [IndexKey(count)]
        append(child)
        return KeyedEncodingContainer(Keyed<NestedKey>(box: child, codingPath: path))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = Box()
        child.content = .array([])
        let path = codingPath + [IndexKey(count)]
        append(child)
        return Unkeyed(box: child, codingPath: path)
    }

    mutating func superEncoder() -> any Encoder {
        let node = Node(path: codingPath + [IndexKey(count)])
        append(node.storage)
        return node
    }
}

private struct Single: SingleValueEncodingContainer {
    let box: Box
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { box.content = .scalar(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let child = try encoded(value, path: codingPath)
        box.content = child.content
    }
}
