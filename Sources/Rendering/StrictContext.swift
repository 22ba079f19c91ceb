import Foundation
import Mustache

/// Mustache renders a misspelled name as empty text. This root context records every name a
/// template asked for that resolved nowhere (a lookup only reaches the root after every inner
/// context missed), so the render can fail and name it.
final class StrictRoot: MustacheParent, @unchecked Sendable {
    private let wrapped: Any
    private let lock = NSLock()
    private var missed: [String] = []

    init(_ wrapped: Any) { self.wrapped = wrapped }

    func child(named name: String) -> Any? {
        if let parent = wrapped as? MustacheParent {
            if let value = parent.child(named: name) { return value }
        } else if let value = StrictRoot.property(named: name, of: wrapped) {
            return value
        }
        // Transform names (`first()`, `index()`) and the section-iteration helpers never reach
        // here with a plain name; anything that does is a real miss.
        lock.withLock { if !missed.contains(name) { missed.append(name) } }
        return nil
    }

    var missedNames: [String] { lock.withLock { missed } }

    /// A stored property of a struct, found the way Mustache itself finds it (Mirror).
    /// Present-but-nil optionals count as found.
    static func property(named name: String, of object: Any) -> Any? {
        var mirror: Mirror? = Mirror(reflecting: object)
        while let current = mirror {
            for child in current.children where child.label == name {
                let inner = Mirror(reflecting: child.value)
                if inner.displayStyle == .optional {
                    return inner.children.first?.value ?? NullValue()
                }
                return child.value
            }
            mirror = current.superclassMirror
        }
        return nil
    }
}

/// Stands for a present-but-empty optional: falsy in sections, empty text when printed.
struct NullValue: MustacheCustomRenderable {
    var renderText: String { "" }
    var isNull: Bool { true }
}
