import Foundation
import TopologyModel

/// Rules relate one list of a profile to another (surfaces to hostnames, limits to surfaces)
/// through these hashed and sorted lookups, never by scanning a list per element, so every rule
/// stays linear or N log N in the size of the profile. `WorkMeter` counts what they visit, which
/// is how a test proves it at 10,000 hostnames without timing anything.

/// The first element per key, as `first(where:)` would find it, built in one pass.
struct FirstByKey<Key: Hashable, Element> {
    private let elements: [Key: Element]

    init(_ list: [Element], _ key: (Element) -> Key) {
        WorkMeter.count(list.count)
        var elements: [Key: Element] = [:]
        elements.reserveCapacity(list.count)
        for element in list where elements[key(element)] == nil { elements[key(element)] = element }
        self.elements = elements
    }

    subscript(_ key: Key) -> Element? {
        WorkMeter.count(1)
        return elements[key]
    }
}

/// Access surfaces by hostname, each hostname's sorted by the path a prefix is matched against
/// (`/v1/` for `/v1/*`, the path itself otherwise; root surfaces are never under a prefix).
struct SurfacePaths {
    private struct Entry {
        let key: String
        let index: Int
    }

    private let surfaces: [AccessSurface]
    private let byHostname: [String: [Entry]]

    init(_ surfaces: [AccessSurface]) {
        WorkMeter.count(surfaces.count)
        self.surfaces = surfaces
        var byHostname: [String: [Entry]] = [:]
        for (index, surface) in surfaces.enumerated() where !surface.isRoot {
            byHostname[surface.hostname, default: []].append(Entry(key: surface.prefix ?? surface.path, index: index))
        }
        self.byHostname = byHostname.mapValues { $0.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) } }
    }

    /// Surfaces on `hostname` whose path starts with `prefix`, in profile order.
    func under(_ prefix: String, on hostname: String) -> [AccessSurface] {
        guard let entries = byHostname[hostname] else { return [] }
        // Byte order keeps every key with a given UTF-8 prefix in one run: find its start by
        // binary search, then walk the run. `hasPrefix` (Character-wise) decides membership.
        var low = 0, high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].key.utf8.lexicographicallyPrecedes(prefix.utf8) { low = middle + 1 } else { high = middle }
        }
        WorkMeter.count(max(1, entries.count.bitWidth - entries.count.leadingZeroBitCount))
        var found: [Int] = []
        for entry in entries[low...] {
            guard entry.key.utf8.starts(with: prefix.utf8) else { break }
            WorkMeter.count(1)
            if entry.key.hasPrefix(prefix) { found.append(entry.index) }
        }
        return found.sorted().map { surfaces[$0] }
    }
}

/// Counts the elements rules' lookups visit while a test measures; nothing otherwise.
public final class WorkMeter: @unchecked Sendable {
    @TaskLocal static var current: WorkMeter?

    private let lock = NSLock()
    private var total = 0

    public init() {}

    public var visits: Int { lock.withLock { total } }

    /// Runs `body` with this meter counting.
    public func measure<T>(_ body: () throws -> T) rethrows -> T {
        try WorkMeter.$current.withValue(self, operation: body)
    }

    static func count(_ visits: Int) {
        guard let meter = current else { return }
        meter.lock.withLock { meter.total += visits }
    }
}
