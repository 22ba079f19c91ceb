import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `swift build -c release && .build/release/topogen-bench`: spawns the release `topogen` on
/// profiles of growing size (the shipped vultr-jp alone, then generated N x M profiles), times
/// `render` into an empty folder, `check` on the tree just rendered, `validate`, and `cp -r` of
/// the same output in the same run, takes each child's peak RSS from `wait4`, and breaks one
/// render down by phase in-process. Prints medians and exits 1 when a target is missed. Timing
/// lives here, never in unit tests, so a slow or loaded machine cannot make the suite flaky.
///
///   --runs N        measurements per number (default 5; medians are reported)
///   --sizes LIST    e.g. vultr-jp,100x20,1000x100 (the default)
///   --smoke         one run of vultr-jp and 10x2, no targets: proves the benchmark still works
///   --profile NxM   print the generated profile (to run `perf` or `topogen` on it by hand)
@main
enum Bench {
    static func main() {
        do {
            let arguments = CommandLine.arguments.dropFirst()
            if arguments.first == "--profile", arguments.count == 2, case .scaled(let n, let m) = try Size(arguments.last!) {
                let base = try String(contentsOfFile: "profiles/vultr-jp.yaml", encoding: .utf8)
                print(try ScaleProfile(hostnames: n, consumers: m).text(from: base), terminator: "")
                return
            }
            let options = try Options(arguments)
            let results = try options.sizes.map { try measure($0, options: options) }
            print(Report.table(results, runs: options.runs))
            if options.smoke {
                print("benchmark: smoke run, targets not judged")
                return
            }
            let verdicts = Targets.judge(results)
            print(Report.targets(verdicts))
            if verdicts.contains(where: { !$0.met }) {
                print("benchmark: a target is missed")
                exit(1)
            }
            print("benchmark: every target met")
        } catch {
            FileHandle.standardError.write(Data("topogen-bench: \(error)\n".utf8))
            exit(2)
        }
    }

    static func measure(_ size: Size, options: Options) throws -> SizeResult {
        let workspace = try BenchWorkspace(size: size, repository: options.repository)
        defer { workspace.remove() }
        var result = SizeResult(size: size)
        let topogen = options.topogen
        let input = ["--profiles", workspace.profiles, "--templates", workspace.templates]
        for run in 0..<options.runs {
            let out = workspace.folder("out-\(run)")
            let render = try workspace.expectSuccess(ChildProcess.run([topogen, "render", "--out", out] + input, in: workspace.root), "render")
            let copy = try workspace.expectSuccess(
                ChildProcess.run(["/bin/cp", "-r", "\(out)/\(size.profileName)", workspace.folder("copy-\(run)")], in: workspace.root), "cp -r")
            let check = try workspace.expectSuccess(ChildProcess.run([topogen, "check", "--out", out] + input, in: workspace.root), "check")
            let validate = try workspace.expectSuccess(
                ChildProcess.run([topogen, "validate", "--profiles", workspace.profiles], in: workspace.root), "validate")
            result.add(render: render, check: check, validate: validate, copy: copy)
            if run == 0 { (result.files, result.bytes) = try workspace.census("\(out)/\(size.profileName)") }
        }
        result.phases = try Phases.measure(profile: workspace.profilePath, templates: workspace.templates,
                                           scratch: workspace.folder("phases"), runs: options.runs)
        return result
    }
}

/// The command line.
struct Options {
    var runs = 5
    var sizes: [Size] = [.shipped("vultr-jp"), .scaled(100, 20), .scaled(1000, 100)]
    var smoke = false
    /// The repository root (profiles/, templates/): the working directory.
    var repository = FileManager.default.currentDirectoryPath
    /// The `topogen` built beside this benchmark (same configuration).
    var topogen: String

    init(_ arguments: ArraySlice<String>) throws {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        topogen = URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("topogen").path
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--runs":
                guard let value = rest.popFirst().flatMap(Int.init), value > 0 else { throw BenchError("--runs needs a positive number") }
                runs = value
            case "--sizes":
                guard let value = rest.popFirst() else { throw BenchError("--sizes needs a list such as vultr-jp,100x20") }
                sizes = try value.split(separator: ",").map { try Size(String($0)) }
            case "--smoke":
                smoke = true
                runs = 1
                sizes = [.shipped("vultr-jp"), .scaled(10, 2)]
            default:
                throw BenchError("unknown argument '\(argument)' (use --runs N, --sizes LIST, --smoke)")
            }
        }
        guard FileManager.default.isExecutableFile(atPath: topogen) else {
            throw BenchError("\(topogen) is missing: build it first (swift build -c release)")
        }
        guard FileManager.default.fileExists(atPath: "\(repository)/templates") else {
            throw BenchError("run from the repository root (no templates/ in \(repository))")
        }
    }
}

/// A profile to measure: a shipped one as it is, or a generated N x M one.
enum Size: Equatable {
    case shipped(String)
    case scaled(Int, Int)

    init(_ text: String) throws {
        let parts = text.split(separator: "x")
        if parts.count == 2, let n = Int(parts[0]), let m = Int(parts[1]) { self = .scaled(n, m) } else { self = .shipped(text) }
    }

    var label: String {
        switch self {
        case .shipped(let name): return name
        case .scaled(let n, let m): return "\(grouped(n)) x \(grouped(m))"
        }
    }

    var profileName: String {
        switch self {
        case .shipped(let name): return name
        case .scaled(let n, let m): return ScaleProfile(hostnames: n, consumers: m).name
        }
    }
}
