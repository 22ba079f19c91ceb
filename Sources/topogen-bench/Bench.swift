import Foundation
import Pipeline
import Rendering
import TopologyModel

#if canImport(Glibc)
import Glibc
#endif

/// `swift run -c release topogen-bench [ITERATIONS]`: times the whole pipeline on the shipped
/// profiles (load + validate + render + read back, in memory) and reports the peak resident
/// memory, then checks both against the targets below. Timing lives here, not in unit tests,
/// so a slow CI machine cannot make the test suite flaky.
///
/// Targets (release build, 2-core machine): under 50 ms median per shipped profile for a full
/// render, and under 64 MiB peak RSS for the whole process.
@main
enum Bench {
    static let medianTargetMillisecondsPerProfile = 50.0
    static let peakRSSTargetMiB = 64.0

    static func main() throws {
        let iterations = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 50
        let workspace = Workspace()
        let paths = try workspace.profilePaths([])
        let templates = try TemplateLibrary(directory: workspace.templatesDirectory)

        var samples: [Double] = [], loading: [Double] = []
        var files = 0
        for _ in 0..<iterations {
            let start = DispatchTime.now().uptimeNanoseconds
            let topologies = paths.compactMap { Pipeline.check(path: $0).topology }
            let loaded = DispatchTime.now().uptimeNanoseconds
            let rendered = try Pipeline.render(topologies, templates: templates)
            let end = DispatchTime.now().uptimeNanoseconds
            samples.append(Double(end - start) / 1_000_000)
            loading.append(Double(loaded - start) / 1_000_000)
            files = rendered.reduce(0) { $0 + $1.allFiles.count }
        }
        samples.sort()
        loading.sort()
        let median = samples[samples.count / 2]
        let target = medianTargetMillisecondsPerProfile * Double(paths.count)
        let p90 = samples[min(samples.count - 1, samples.count * 9 / 10)]
        let peak = peakRSSMiB()
        print("profiles: \(paths.count), files per render: \(files), iterations: \(iterations)")
        print(String(format: "render: median %.2f ms, p90 %.2f ms, min %.2f ms (target: median < %.0f ms)", median, p90, samples[0], target))
        print(String(format: "  of which load + validate: median %.2f ms", loading[loading.count / 2]))
        print(String(format: "peak RSS: %.1f MiB (target: < %.0f MiB)", peak, peakRSSTargetMiB))
        if median > target || peak > peakRSSTargetMiB {
            print("benchmark: over target")
            exit(1)
        }
        print("benchmark: within targets")
    }

    static func peakRSSMiB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024   // Linux reports KiB
    }
}
