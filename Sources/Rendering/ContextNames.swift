/// Every property name reachable in a template context, for the did-you-mean of a misspelt
/// template variable. Walks stored properties (as Mustache itself looks them up), into arrays'
/// first elements and optionals, a few levels deep.
enum ContextNames {
    static func all(in context: Any, depth: Int = 6) -> [String] {
        var names: Set<String> = []
        collect(context, depth: depth, into: &names)
        return names.sorted()
    }

    private static func collect(_ value: Any, depth: Int, into names: inout Set<String>) {
        guard depth > 0 else { return }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .collection, .set, .optional:
            if let first = mirror.children.first { collect(first.value, depth: depth - 1, into: &names) }
        case .struct, .class:
            for child in mirror.children {
                if let label = child.label { names.insert(label) }
                collect(child.value, depth: depth - 1, into: &names)
            }
        default:
            return
        }
    }
}
