import Foundation
import Testing

/// SIGKILL at random moments during renders of the built binary: every profile folder is, after
/// each kill, wholly the tree of one finished render (old or new), never missing or mixed, and
/// the next render leaves nothing behind. 20 runs by default; TOPOGEN_KILL_RUNS=200 for more.
/// The seed is printed, and TOPOGEN_KILL_SEED replays a run.
@Suite(.serialized) struct KillTests {
    static let runs = Int(ProcessInfo.processInfo.environment["TOPOGEN_KILL_RUNS"] ?? "") ?? 20
    static let seed = UInt64(ProcessInfo.processInfo.environment["TOPOGEN_KILL_SEED"] ?? "") ?? UInt64.random(in: 1...UInt64(UInt32.max))

    @Test func killedRendersLeaveWholeFolders() throws {
        let binary = try #require(CLI.binary, "topogen binary not found next to the tests")
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("topogen-kill-\(UUID().uuidString)")
        for folder in ["profiles", "templates"] {
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: repoPath(folder), toPath: work.appendingPathComponent(folder).path)
        }
        let profile = work.appendingPathComponent("profiles/vultr-jp.yaml")
        let original = try String(contentsOf: profile, encoding: .utf8)
        let variants = [original, original.replacingOccurrences(of: "\ndescription: ", with: "\ndescription: (variant B) ")]
        // The two whole trees a folder may hold: each variant rendered cleanly once.
        var trees: [[String: [String: Data]]] = []
        var duration = 0.0
        for (index, text) in variants.enumerated() {
            try text.write(to: profile, atomically: true, encoding: .utf8)
            let started = Date()
            let status = try run(binary, ["render", "--out", "expected\(index)"], in: work, killAfter: nil)
            duration = max(duration, Date().timeIntervalSince(started))
            #expect(status == 0)
            trees.append(try snapshot(work.appendingPathComponent("expected\(index)")))
        }
        #expect(trees[0]["vultr-jp"] != trees[1]["vultr-jp"])
        print("kill test: \(Self.runs) runs, seed \(Self.seed) (TOPOGEN_KILL_SEED replays it), render takes \(Int(duration * 1000)) ms")
        var generator = SplitMix64(seed: Self.seed)
        _ = try run(binary, ["render", "--out", "out"], in: work, killAfter: nil)
        var killed = 0
        for iteration in 0..<Self.runs {
            try variants[iteration % 2].write(to: profile, atomically: true, encoding: .utf8)
            // Up to twice a clean render: about half the runs die, at every stage of the write.
            let delay = Double(generator.next() % 1000) / 1000 * duration * 2
            let status = try run(binary, ["render", "--out", "out"], in: work, killAfter: delay)
            if status == -9 { killed += 1 }
            let now = try snapshot(work.appendingPathComponent("out"))
            for name in ["vultr-jp", "hetzner-de"] {
                let folder = now[name]
                #expect(folder == trees[0][name] || folder == trees[1][name],
                        "seed \(Self.seed), run \(iteration) (killed after \(Int(delay * 1000)) ms): \(name) is missing or mixed")
            }
        }
        #expect(try run(binary, ["render", "--out", "out"], in: work, killAfter: nil) == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: work.appendingPathComponent("out").path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "seed \(Self.seed): \(leftovers)")
        print("kill test: \(killed) of \(Self.runs) renders were killed before they finished")
    }

    /// Exit status, or -9 when the process was killed.
    func run(_ binary: String, _ arguments: [String], in directory: URL, killAfter delay: Double?) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        if let delay {
            Thread.sleep(forTimeInterval: delay)
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal ? -process.terminationStatus : process.terminationStatus
    }

    /// Profile folder -> relative path -> bytes, for every visible folder of `root`.
    func snapshot(_ root: URL) throws -> [String: [String: Data]] {
        var result: [String: [String: Data]] = [:]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        for name in names where !name.hasPrefix(".") {
            var files: [String: Data] = [:]
            let folder = root.appendingPathComponent(name)
            let enumerator = FileManager.default.enumerator(atPath: folder.path)
            while let path = enumerator?.nextObject() as? String {
                if let data = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) { files[path] = data }
            }
            result[name] = files
        }
        return result
    }
}

/// A small seeded generator (SplitMix64), so a failing run can be replayed from its seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
