import Foundation

/// Time spent per phase of a render, summed over every file. Only the benchmark passes one;
/// a render without it measures nothing.
public final class Stopwatch {
    public enum Phase: CaseIterable, Sendable { case plan, template, readBack, followUp, hash }

    private var nanoseconds: [Phase: UInt64] = [:]

    public init() {}

    func time<T>(_ phase: Phase, _ body: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { nanoseconds[phase, default: 0] += DispatchTime.now().uptimeNanoseconds - start }
        return try body()
    }

    public func milliseconds(_ phase: Phase) -> Double { Double(nanoseconds[phase] ?? 0) / 1_000_000 }
}

extension Optional where Wrapped == Stopwatch {
    func time<T>(_ phase: Stopwatch.Phase, _ body: () throws -> T) rethrows -> T {
        guard let stopwatch = self else { return try body() }
        return try stopwatch.time(phase, body)
    }
}
