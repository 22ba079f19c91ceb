/// Encodes any `Encodable` straight into a `StructuredValue`, with no text in between: a typed
/// document's `CodingKeys` are its output keys, so this is the value its file must read back as.
/// Nil optionals are left out (`encodeIfPresent`), as JSON and YAML encoders leave them out.
/// Coding paths are not tracked (always empty): nothing encoded here reads them, and building
/// one per value would cost an array per value.
public struct StructuredEncoder {
    public init() {}

    public func encode<Value: Encodable>(_ value: Value) throws -> StructuredValue {
        try encoded(value)
    }
}

/// A scalar of the standard library directly (their own `encode(to:)` would come straight back
/// here through the single-value container), anything else through its own `encode(to:)`.
private func encoded<Value: Encodable>(_ value: Value) throws -> StructuredValue {
    switch value {
    case let text as String: return .string(text)
    case let flag as Bool: return .bool(flag)
    case let number as Int: return .int(number)
    case let number as Double: return .double(number)
    case let number as Float: return .double(Double(number))
    case let number as Int8: return .int(Int(number))
    case let number as Int16: return .int(Int(number))
    case let number as Int32: return .int(Int(number))
    case let number as Int64: return .int(Int(number))
    case let number as UInt8: return .int(Int(number))
    case let number as UInt16: return .int(Int(number))
    case let number as UInt32: return .int(Int(number))
    case let number as UInt: return Int(exactly: number).map(StructuredValue.int) ?? .double(Double(number))
    case let number as UInt64: return Int(exactly: number).map(StructuredValue.int) ?? .double(Double(number))
    default:
        let node = Node()
        try value.encode(to: node)
        return node.storage.value
    }
}

/// A container being filled. Values encoded whole are stored as values; only containers
/// handed out to be filled later (`nestedContainer`, `superEncoder`) stay boxes until the end.
private final class Box {
    enum Content {
        case empty
        case scalar(StructuredValue)
        case object([String: StructuredValue], pending: [String: Box])
        case array([StructuredValue], pending: [Int: Box])
    }

    var content: Content = .empty

    var value: StructuredValue {
        switch content {
        case .empty: return .object([:])
        case .scalar(let value): return value
        case .object(var members, let pending):
            for (key, box) in pending { members[key] = box.value }
            return .object(members)
        case .array(var items, let pending):
            for (index, box) in pending { items[index] = box.value }
            return .array(items)
        }
    }

    func becomeObject() {
        if case .object = content { return }
        content = .object([:], pending: [:])
    }

    func becomeArray() {
        if case .array = content { return }
        content = .array([], pending: [:])
    }

    func set(_ value: StructuredValue, forKey key: String) {
        guard case .object(var members, var pending) = content else { return }
        content = .empty  // keeps the dictionaries uniquely referenced while they change
        members[key] = value
        pending[key] = nil
        content = .object(members, pending: pending)
    }

    func set(_ box: Box, forKey key: String) {
        guard case .object(var members, var pending) = content else { return }
        content = .empty
        members[key] = .null
        pending[key] = box
        content = .object(members, pending: pending)
    }

    func append(_ value: StructuredValue) {
        guard case .array(var items, let pending) = content else { return }
        content = .empty
        items.append(value)
        content = .array(items, pending: pending)
    }

    func append(_ box: Box) {
        guard case .array(var items, var pending) = content else { return }
        content = .empty
        pending[items.count] = box
        items.append(.null)
        content = .array(items, pending: pending)
    }

    var count: Int {
        if case .array(let items, _) = content { return items.count }
        return 0
    }
}

private final class Node: Encoder {
    let storage = Box()
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        storage.becomeObject()
        return KeyedEncodingContainer(Keyed<Key>(box: storage))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        storage.becomeArray()
        return Unkeyed(box: storage)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { Single(box: storage) }
}

private struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: Box
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws { box.set(.null, forKey: key.stringValue) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        box.set(try encoded(value), forKey: key.stringValue)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = Box()
        child.becomeObject()
        box.set(child, forKey: key.stringValue)
        return KeyedEncodingContainer(Keyed<NestedKey>(box: child))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = Box()
        child.becomeArray()
        box.set(child, forKey: key.stringValue)
        return Unkeyed(box: child)
    }

    mutating func superEncoder() -> any Encoder { superEncoder(forKey: Key(stringValue: "super")!) }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let node = Node()
        box.set(node.storage, forKey: key.stringValue)
        return node
    }
}

private struct Unkeyed: UnkeyedEncodingContainer {
    let box: Box
    var codingPath: [any CodingKey] { [] }
    var count: Int { box.count }

    mutating func encodeNil() throws { box.append(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws { box.append(try encoded(value)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = Box()
        child.becomeObject()
        box.append(child)
        return KeyedEncodingContainer(Keyed<NestedKey>(box: child))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = Box()
        child.becomeArray()
        box.append(child)
        return Unkeyed(box: child)
    }

    mutating func superEncoder() -> any Encoder {
        let node = Node()
        box.append(node.storage)
        return node
    }
}

private struct Single: SingleValueEncodingContainer {
    let box: Box
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { box.content = .scalar(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws { box.content = .scalar(try encoded(value)) }
}
