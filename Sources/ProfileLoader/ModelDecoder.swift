/// Second half of loading: a checked value tree -> the model types' own `Decodable`
/// initialisers, so a new model field needs no decoding code. The tree has passed its
/// declarations, so nothing here fails on user input; a model field no declaration lands in is
/// a programming error, reported as `undeclaredField`. The ledger records which declared keys
/// the model asked for, which lets a test prove that every declaration reaches the model.
struct ModelDecoder: Decoder {
    final class Ledger {
        /// `section path.key name` of every declared key a model initialiser asked for.
        var requested: Set<String> = []
    }

    enum Failure: Error, CustomStringConvertible {
        case undeclaredField(model: String, field: String)
        case shape(String)

        var description: String {
            switch self {
            case .undeclaredField(let model, let field): return "\(model).\(field) is not declared by any profile key"
            case .shape(let what): return what
            }
        }
    }

    let value: CheckedValue
    let codingPath: [any CodingKey]
    let ledger: Ledger
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    static func decode<T: Decodable>(_ type: T.Type, from value: CheckedValue, ledger: Ledger) throws -> T {
        try T(from: ModelDecoder(value: value, codingPath: [], ledger: ledger))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .record(let record) = value else { throw Failure.shape("expected a mapping at \(codingPath.map(\.stringValue))") }
        return KeyedDecodingContainer(RecordContainer<Key>(record: record, codingPath: codingPath, ledger: ledger))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .list(let items) = value else { throw Failure.shape("expected a list at \(codingPath.map(\.stringValue))") }
        return ListContainer(items: items, codingPath: codingPath, ledger: ledger)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { ScalarContainer(value: value, codingPath: codingPath, ledger: ledger) }
}

private struct RecordContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let record: CheckedRecord
    let codingPath: [any CodingKey]
    let ledger: ModelDecoder.Ledger

    var allKeys: [Key] { record.fields.keys.sorted().compactMap(Key.init(stringValue:)) }

    /// Every question about a field goes through here: it must be declared, and it is noted.
    private func field(_ key: Key) throws -> CheckedValue? {
        let name = key.stringValue
        guard let section = record.section else {
            guard CheckedRecord.entryFields.contains(name) else { throw ModelDecoder.Failure.undeclaredField(model: "map entry", field: name) }
            return record.fields[name]
        }
        guard let declared = section.key(landingIn: name) else { throw ModelDecoder.Failure.undeclaredField(model: section.model, field: name) }
        ledger.requested.insert(SectionReader.child(section.path, declared.name))
        return record.fields[name]
    }

    func contains(_ key: Key) -> Bool { ((try? field(key)) ?? nil) != nil }
    func decodeNil(forKey key: Key) throws -> Bool { try field(key) == nil }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        guard let value = try field(key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "no value for a required field"))
        }
        return try T(from: ModelDecoder(value: value, codingPath: codingPath + [key], ledger: ledger))
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = try field(key) else { return nil }
        return try T(from: ModelDecoder(value: value, codingPath: codingPath + [key], ledger: ledger))
    }

    // The library's own `decodeIfPresent` for these types asks `contains` first, which cannot
    // throw: answer them here so an undeclared optional field is caught too.
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try decodeIfPresent(type as any Decodable.Type, key) as? String }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try decodeIfPresent(type as any Decodable.Type, key) as? Int }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try decodeIfPresent(type as any Decodable.Type, key) as? Bool }

    private func decodeIfPresent(_ type: any Decodable.Type, _ key: Key) throws -> (any Decodable)? {
        guard let value = try field(key) else { return nil }
        return try type.init(from: ModelDecoder(value: value, codingPath: codingPath + [key], ledger: ledger))
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        throw ModelDecoder.Failure.shape("nested containers are not used by the model")
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        throw ModelDecoder.Failure.shape("nested containers are not used by the model")
    }

    func superDecoder() throws -> any Decoder { throw ModelDecoder.Failure.shape("the model has no superclasses") }
    func superDecoder(forKey key: Key) throws -> any Decoder { throw ModelDecoder.Failure.shape("the model has no superclasses") }
}

private struct ListContainer: UnkeyedDecodingContainer {
    let items: [CheckedValue]
    let codingPath: [any CodingKey]
    let ledger: ModelDecoder.Ledger
    var currentIndex = 0

    init(items: [CheckedValue], codingPath: [any CodingKey], ledger: ModelDecoder.Ledger) {
        self.items = items
        self.codingPath = codingPath
        self.ledger = ledger
    }

    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    mutating func decodeNil() throws -> Bool { false }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        guard !isAtEnd else { throw ModelDecoder.Failure.shape("read past the end of a list") }
        defer { currentIndex += 1 }
        return try T(from: ModelDecoder(value: items[currentIndex], codingPath: codingPath, ledger: ledger))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        throw ModelDecoder.Failure.shape("nested containers are not used by the model")
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw ModelDecoder.Failure.shape("nested containers are not used by the model")
    }

    mutating func superDecoder() throws -> any Decoder { throw ModelDecoder.Failure.shape("the model has no superclasses") }
}

private struct ScalarContainer: SingleValueDecodingContainer {
    let value: CheckedValue
    let codingPath: [any CodingKey]
    let ledger: ModelDecoder.Ledger

    func decodeNil() -> Bool { false }

    func decode(_ type: String.Type) throws -> String {
        guard case .text(let text) = value else { throw mismatch(type) }
        return text
    }

    func decode(_ type: Int.Type) throws -> Int {
        guard case .integer(let number) = value else { throw mismatch(type) }
        return number
    }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard case .boolean(let flag) = value else { throw mismatch(type) }
        return flag
    }

    /// Model types (`ByteSize`, `Seconds`, enums) read themselves from the text; the primitive
    /// types are answered directly, never by recursing into their own initialisers.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        switch value {
        case .text(let text): if let answer = text as? T { return answer }
        case .integer(let number): if let answer = number as? T { return answer }
        case .boolean(let flag): if let answer = flag as? T { return answer }
        default: break
        }
        if T.self is any Numeric.Type || T.self == String.self || T.self == Bool.self { throw mismatch(type) }
        return try T(from: ModelDecoder(value: value, codingPath: codingPath, ledger: ledger))
    }

    private func mismatch(_ type: Any.Type) -> DecodingError {
        .typeMismatch(type, .init(codingPath: codingPath, debugDescription: "the declaration gives another kind of value"))
    }
}
