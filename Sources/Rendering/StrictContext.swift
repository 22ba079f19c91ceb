import Foundation
import Mustache

/// Mustache renders a misspelled name as empty text. This root context records every name a
/// template asked for that resolved nowhere (a lookup only reaches the root after every inner
/// context missed), so the render can fail and name it.
final class StrictRoot: MustacheParent, @unchecked Sendable {
    private let wrapped: Any
    private let lock = NSLock()
    private var missed: [String] = []

    /// A struct root is read through `ContextObject` (one dictionary lookup per name).
    init(_ wrapped: Any) {
        self.wrapped = wrapped is MustacheParent ? wrapped : ContextObject(wrapped, kinds: ContextKinds(), includesSuperclasses: true)
    }

    func child(named name: String) -> Any? {
        if let object = wrapped as? ContextObject {
            if let value = object.child(named: name) { return value }
            if object.holdsNil(named: name) { return NullValue() }
        } else if let parent = wrapped as? MustacheParent, let value = parent.child(named: name) {
            return value
        }
        // Transform names (`first()`, `index()`) and the section-iteration helpers never reach
        // here with a plain name; anything that does is a real miss.
        lock.withLock { if !missed.contains(name) { missed.append(name) } }
        return nil
    }

    var missedNames: [String] { lock.withLock { missed } }
}

/// Stands for a present-but-empty optional: falsy in sections, empty text when printed.
struct NullValue: MustacheCustomRenderable {
    var renderText: String { "" }
    var isNull: Bool { true }
}
