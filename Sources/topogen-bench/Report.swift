import Foundation

/// The tables the benchmark prints (Markdown, so the README can show them as they are).
enum Report {
    static func table(_ results: [SizeResult], runs: Int) -> String {
        var out = "medians of \(runs) run\(runs == 1 ? "" : "s"), whole process (`topogen` spawned); load: \(loadAverage())\n\n"
        out += "| size | files | bytes | render | check | validate | `cp -r` of the output | peak RSS |\n"
        out += "|---|---:|---:|---:|---:|---:|---:|---:|\n"
        for r in results {
            out += "| \(r.size.label) | \(r.files) | \(kilobytes(r.bytes)) | \(ms(r.ms(r.render))) | \(ms(r.ms(r.check))) | \(ms(r.ms(r.validate))) | \(ms(r.ms(r.copy))) | \(String(format: "%.1f MiB", r.peakRSS)) |\n"
        }
        out += "\nPhases of one render, in-process (ms; startup is paid once per process):\n\n"
        out += "| size | " + Phases.Phase.allCases.map(\.rawValue).joined(separator: " | ") + " |\n"
        out += "|---|" + Phases.Phase.allCases.map { _ in "---:" }.joined(separator: "|") + "|\n"
        for r in results {
            out += "| \(r.size.label) | " + Phases.Phase.allCases.map { String(format: "%.1f", r.phases[$0] ?? 0) }.joined(separator: " | ") + " |\n"
        }
        return out
    }

    static func targets(_ verdicts: [Targets.Verdict]) -> String {
        var out = "| target | measured | |\n|---|---:|---|\n"
        for v in verdicts { out += "| \(v.name) | \(v.measured) | \(v.met ? "met" : "MISSED") |\n" }
        return out
    }

    static func ms(_ value: Double) -> String { value >= 1000 ? String(format: "%.2f s", value / 1000) : String(format: "%.0f ms", value) }

    static func kilobytes(_ bytes: Int) -> String {
        bytes >= 1_000_000 ? String(format: "%.1f MB", Double(bytes) / 1_000_000) : String(format: "%.0f KB", Double(bytes) / 1000)
    }

    /// The machine is shared: the numbers mean little without the load they were taken under.
    static func loadAverage() -> String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "unknown" }
        return text.split(separator: " ").prefix(3).joined(separator: " ") + " on \(ProcessInfo.processInfo.activeProcessorCount) cores"
    }
}

/// The targets of the speed issue, judged on the medians.
enum Targets {
    struct Verdict {
        let name: String
        let measured: String
        let met: Bool
    }

    static let large = Size.scaled(1000, 100), medium = Size.scaled(100, 20), shipped = Size.shipped("vultr-jp")

    static func judge(_ results: [SizeResult]) -> [Verdict] {
        func result(_ size: Size) -> SizeResult? { results.first { $0.size == size } }
        var verdicts: [Verdict] = []
        if let big = result(large) {
            let render = big.ms(big.render), copy = big.ms(big.copy)
            verdicts.append(Verdict(name: "render 1,000 x 100 <= 250 ms", measured: Report.ms(render), met: render <= 250))
            verdicts.append(Verdict(name: "render 1,000 x 100 <= 4x `cp -r` (\(Report.ms(copy)))",
                                    measured: String(format: "%.1fx", render / max(copy, 0.001)), met: render <= 4 * copy))
            verdicts.append(Verdict(name: "check 1,000 x 100 <= render", measured: Report.ms(big.ms(big.check)), met: big.ms(big.check) <= render))
            verdicts.append(Verdict(name: "validate 1,000 x 100 <= 60 ms", measured: Report.ms(big.ms(big.validate)), met: big.ms(big.validate) <= 60))
            verdicts.append(Verdict(name: "peak RSS 1,000 x 100 <= 40 MiB", measured: String(format: "%.1f MiB", big.peakRSS), met: big.peakRSS <= 40))
            if let mid = result(medium) {
                for (name, runs) in [("render", \SizeResult.render), ("check", \.check), ("validate", \.validate)] {
                    let growth = big.ms(big[keyPath: runs]) / max(mid.ms(mid[keyPath: runs]), 0.001)
                    verdicts.append(Verdict(name: "\(name) growth 100 x 20 -> 1,000 x 100 <= 10x",
                                            measured: String(format: "%.1fx", growth), met: growth <= 10))
                }
            }
        }
        if let alone = result(shipped) {
            verdicts.append(Verdict(name: "render vultr-jp alone <= 40 ms", measured: Report.ms(alone.ms(alone.render)), met: alone.ms(alone.render) <= 40))
        }
        return verdicts
    }
}
