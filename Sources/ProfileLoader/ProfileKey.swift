/// The profile format as data: one `ProfileKey` per key, one `ProfileSection` per mapping. The
/// loader reads profiles by walking these tables, and the JSON Schema and the profile reference
/// are generated from them, so a key is declared once and every consumer agrees about it.
///
/// A table line reads: name in the profile, kind of value, presence, the model field it lands in
/// (a stored property of the section's model type), one doc line.
public struct ProfileKey: Sendable {
    public var name: String
    public var kind: ValueKind
    public var presence: Presence
    /// The stored property of the section's model type this key fills (its `CodingKey`).
    public var field: String
    public var doc: String

    public init(_ name: String, _ kind: ValueKind, _ presence: Presence, lands field: String, _ doc: String) {
        self.name = name
        self.kind = kind
        self.presence = presence
        self.field = field
        self.doc = doc
    }
}

/// What a key's value must be.
public indirect enum ValueKind: Sendable {
    /// A scalar kept as the text written, checked by its grammar.
    case string(Grammar)
    /// Plain decimal digits inside the range.
    case integer(ClosedRange<Int>)
    /// `true` or `false`, unquoted.
    case boolean
    /// One of the listed words (usually a model enum's raw values: `choice(Tunnel.Mode.self)`).
    case choice([String])
    /// A Compose byte value (`384m`); lands as `ByteSize`.
    case byteSize
    /// The same, where zero (`0`, `0m`) is a real answer: a host with no swap.
    case byteSizeOrZero
    /// A Go duration in whole seconds (`30s`); lands as `Seconds`.
    case duration
    /// A sequence of values of one kind.
    case list(ValueKind)
    /// A nested mapping with its own declared keys.
    case mapping(ProfileSection)
    /// `NAME: value` pairs chosen by the user, in source order, the names checked by `names`;
    /// lands as a list of values with the fields `name` and `value` (e.g. `[EnvironmentEntry]`).
    case map(ValueKind, names: Grammar = .text)

    /// The choices of a model enum, in its declaration order.
    public static func choice<E: RawRepresentable & CaseIterable>(_: E.Type) -> ValueKind where E.RawValue == String {
        .choice(E.allCases.map(\.rawValue))
    }

    public static let text = ValueKind.string(.text)
}

/// Whether a key must be written, and what an absent key means.
public enum Presence: Sendable, Equatable {
    /// Absent (or null) is an error.
    case required
    /// Absent leaves the model field nil.
    case optional
    /// Absent means empty: `[]` for a list or map, all defaults for a mapping.
    case empty
    /// Absent reads as if this text had been written.
    case defaults(String)
}

/// One mapping of the profile: the model type it becomes and its keys.
public struct ProfileSection: Sendable {
    /// Where it sits in a profile, `[]` marking list elements: `hosts[].workloads[]`.
    public var path: String
    /// The model type its keys land in.
    public var model: String
    public var doc: String
    public var keys: [ProfileKey]
    /// Rules between keys of one mapping that no single key can state.
    public var constraints: [Constraint]

    public init<Model>(_ path: String, model: Model.Type, _ doc: String, _ keys: [ProfileKey], constraints: [Constraint] = []) {
        self.path = path
        self.model = String(describing: model)
        self.doc = doc
        self.keys = keys
        self.constraints = constraints
    }

    public func key(named name: String) -> ProfileKey? { keys.first { $0.name == name } }
    public func key(landingIn field: String) -> ProfileKey? { keys.first { $0.field == field } }
}

/// A rule between keys of one mapping.
public enum Constraint: Sendable {
    /// Exactly one of these keys is written.
    case exactlyOne([String], hint: String)
    /// When `key` holds `value`, `requires` must be written too.
    case requires(String, when: String, is: String, message: String, hint: String)
}
