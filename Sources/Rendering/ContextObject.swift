import Mustache

/// A context value as Mustache sees it, with its stored properties read once into a dictionary.
///
/// swift-mustache finds `{{name}}` in a plain struct by building a `Mirror` and filtering all
/// of its children, on every lookup, for every object on the context stack it passes; a long
/// section (a RUNBOOK step per hostname) paid that thousands of times. Through `MustacheParent`
/// a lookup is one dictionary access instead. The dictionary is built on the first lookup, from
/// the same `Mirror` children Mustache would read, so what a template sees does not change:
/// - an optional property is unwrapped once, as Mustache does; a nil one is left out, so the
///   lookup falls through to the outer contexts exactly as before;
/// - values Mustache treats specially (its protocols, `Bool`, optionals, strings and numbers)
///   are passed as they are; arrays and string-keyed dictionaries keep their kind, their
///   elements wrapped the same way;
/// - printing the object prints the value it wraps.
final class ContextObject: MustacheParent, CustomStringConvertible {
    private let value: Any
    private let kinds: ContextKinds
    /// The root also reads superclasses' properties (what `StrictRoot` always did).
    private let includesSuperclasses: Bool
    private var table: [String: Any?]?

    init(_ value: Any, kinds: ContextKinds, includesSuperclasses: Bool = false) {
        self.value = value
        self.kinds = kinds
        self.includesSuperclasses = includesSuperclasses
    }

    func child(named name: String) -> Any? { fields[name] ?? nil }

    /// True when the value has a property `name` that is a nil optional.
    func holdsNil(named name: String) -> Bool {
        guard let entry = fields[name] else { return false }
        return entry == nil
    }

    var description: String { String(describing: value) }

    private var fields: [String: Any?] {
        if let table { return table }
        var built: [String: Any?] = [:]
        var mirror: Mirror? = Mirror(reflecting: value)
        while let current = mirror {
            for child in current.children {
                guard let label = child.label, built[label] == nil else { continue }
                if let optional = child.value as? OptionalValue {
                    built[label] = .some(optional.wrappedValue.map { kinds.wrap($0) })
                } else {
                    built[label] = .some(kinds.wrap(child.value))
                }
            }
            mirror = includesSuperclasses ? current.superclassMirror : nil
        }
        table = built
        return built
    }
}

/// How each type met in one render is passed to Mustache, decided once per type (a protocol
/// cast that fails is a scan of every conformance in the process, so it is not repeated).
final class ContextKinds {
    private enum Kind { case asIs, array, dictionary, object }
    private var known: [ObjectIdentifier: Kind] = [:]

    func wrap(_ value: Any) -> Any {
        let type = ObjectIdentifier(Swift.type(of: value))
        let kind: Kind
        if let found = known[type] {
            kind = found
        } else {
            kind = Self.kind(of: value)
            known[type] = kind
        }
        switch kind {
        case .asIs: return value
        case .array: return (value as! [Any]).map { wrap($0) }
        case .dictionary: return (value as! [String: Any]).mapValues { wrap($0) }
        case .object: return ContextObject(value, kinds: self)
        }
    }

    private static func kind(of value: Any) -> Kind {
        if value is [Any] { return .array }
        if value is [String: Any] { return .dictionary }
        if value is Bool || value is OptionalValue || value is MustacheParent || value is MustacheCustomRepresentation
            || value is MustacheCustomRenderable || value is MustacheLambda || value is MustacheTemplate
            || value is MustacheTransformable || value is any MustacheSequence {
            return .asIs
        }
        return .object
    }
}

/// Optionals of any wrapped type, seen through `Any`.
protocol OptionalValue {
    var wrappedValue: Any? { get }
}

extension Optional: OptionalValue {
    var wrappedValue: Any? { map { $0 as Any } }
}
