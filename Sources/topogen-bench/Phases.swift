import Artifacts
import Foundation
import ProfileLoader
import Rendering
import TerraformSchema
import TopologyModel
import Validation

/// One render broken down by phase, in this process (the whole-process numbers come from the
/// spawned `topogen`). Each phase is the median over the runs; `startup` is what a process
/// pays once before any profile: the templates folder and the bundled provider schema.
enum Phases {
    enum Phase: String, CaseIterable {
        case startup, load, validate, plan, template = "template render", readBack = "read-back"
        case schema = "schema check", hash, write

        static func from(_ phase: Stopwatch.Phase) -> Phase {
            switch phase {
            case .plan: return .plan
            case .template: return .template
            case .readBack: return .readBack
            case .followUp: return .schema
            case .hash: return .hash
            }
        }
    }

    static func measure(profile: String, templates: String, scratch: String, runs: Int) throws -> [Phase: Double] {
        var samples: [Phase: [Double]] = [:]
        func time<T>(_ phase: Phase, _ body: () throws -> T) rethrows -> T {
            let start = DispatchTime.now().uptimeNanoseconds
            defer { samples[phase, default: []].append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000) }
            return try body()
        }
        // Startup happens once per process; measured once, on the first (cold) call.
        let library = try time(.startup) { () throws -> TemplateLibrary in
            _ = try TerraformSchema.bundled()
            return try TemplateLibrary(directory: templates)
        }
        let renderer = ProfileRenderer(templates: library)
        for run in 0..<runs {
            let loaded = time(.load) { ProfileLoader.load(path: profile) }
            guard let topology = loaded.topology else { throw BenchError("the profile does not load: \(loaded.diagnostics)") }
            let diagnostics = time(.validate) { Validator.validate(topology) }
            guard !diagnostics.contains(where: { $0.severity == .error }) else { throw BenchError("the profile is invalid: \(diagnostics)") }
            let stopwatch = Stopwatch()
            let rendered = try renderer.render(topology, stopwatch: stopwatch)
            for phase in Stopwatch.Phase.allCases { samples[Phase.from(phase), default: []].append(stopwatch.milliseconds(phase)) }
            let out = "\(scratch)-\(run)"
            _ = try time(.write) { try OutputTree(root: out).write([rendered], pruneOthers: false) }
            try? FileManager.default.removeItem(atPath: out)
        }
        return samples.mapValues(median)
    }
}
