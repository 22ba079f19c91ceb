import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One finished child process: wall time and its own peak resident memory (from `wait4`, so a
/// child's memory is never mixed with the benchmark's or another child's).
struct ChildRun {
    var milliseconds: Double
    var peakRSSMiB: Double
    var status: Int32
    var output: String
}

enum ChildProcess {
    /// Runs `arguments[0]` (a path) with stdout and stderr sent to a file, and waits.
    static func run(_ arguments: [String], in directory: String) throws -> ChildRun {
        let log = "\(NSTemporaryDirectory())topogen-bench-\(getpid()).log"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let previous = FileManager.default.currentDirectoryPath
        guard FileManager.default.changeCurrentDirectoryPath(directory) else { throw BenchError("cannot enter \(directory)") }
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }

        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let spawned = posix_spawn(&pid, arguments[0], &actions, nil, argv, environ)
        guard spawned == 0 else { throw BenchError("cannot start \(arguments[0]): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let end = DispatchTime.now().uptimeNanoseconds
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: log)
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return ChildRun(milliseconds: Double(end - start) / 1_000_000, peakRSSMiB: Double(usage.ru_maxrss) / 1024,
                        status: exit, output: output)
    }
}

/// Medians of repeated measurements; the benchmark reports nothing else.
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
