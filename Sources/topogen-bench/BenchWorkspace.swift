import Foundation

/// A scratch folder per size: `profiles/` holds the one profile measured, outputs go beside it.
struct BenchWorkspace {
    let root: String
    let profiles: String
    let templates: String
    let profilePath: String

    init(size: Size, repository: String) throws {
        root = NSTemporaryDirectory() + "topogen-bench-\(getpid())-\(size.profileName)"
        profiles = root + "/profiles"
        templates = repository + "/templates"
        profilePath = "\(profiles)/\(size.profileName).yaml"
        try? FileManager.default.removeItem(atPath: root)
        try FileManager.default.createDirectory(atPath: profiles, withIntermediateDirectories: true)
        let text: String
        switch size {
        case .shipped(let name):
            text = try String(contentsOfFile: "\(repository)/profiles/\(name).yaml", encoding: .utf8)
        case .scaled(let n, let m):
            let base = try String(contentsOfFile: "\(repository)/profiles/vultr-jp.yaml", encoding: .utf8)
            text = try ScaleProfile(hostnames: n, consumers: m).text(from: base)
        }
        try text.write(toFile: profilePath, atomically: false, encoding: .utf8)
    }

    func folder(_ name: String) -> String { "\(root)/\(name)" }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    /// A failed command makes every number meaningless: stop with its output.
    func expectSuccess(_ run: ChildRun, _ what: String) throws -> ChildRun {
        guard run.status == 0 else { throw BenchError("\(what) exited \(run.status):\n\(run.output)") }
        return run
    }

    /// Files and bytes of a rendered profile folder.
    func census(_ folder: String) throws -> (Int, Int) {
        var files = 0, bytes = 0
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let path = enumerator?.nextObject() as? String {
            let attributes = try FileManager.default.attributesOfItem(atPath: "\(folder)/\(path)")
            if attributes[.type] as? FileAttributeType == .typeRegular {
                files += 1
                bytes += (attributes[.size] as? NSNumber)?.intValue ?? 0
            }
        }
        return (files, bytes)
    }
}

/// Every run of one size; the report shows medians.
struct SizeResult {
    let size: Size
    var render: [ChildRun] = []
    var check: [ChildRun] = []
    var validate: [ChildRun] = []
    var copy: [ChildRun] = []
    var files = 0
    var bytes = 0
    var phases: [Phases.Phase: Double] = [:]

    init(size: Size) { self.size = size }

    mutating func add(render: ChildRun, check: ChildRun, validate: ChildRun, copy: ChildRun) {
        self.render.append(render)
        self.check.append(check)
        self.validate.append(validate)
        self.copy.append(copy)
    }

    func ms(_ runs: [ChildRun]) -> Double { median(runs.map(\.milliseconds)) }
    var peakRSS: Double { (render + check + validate).map(\.peakRSSMiB).max() ?? 0 }
}

/// `1000` as `1,000`, independent of the locale.
func grouped(_ number: Int) -> String {
    let digits = Array(String(number))
    var out = ""
    for (index, digit) in digits.enumerated() {
        if index > 0, (digits.count - index) % 3 == 0 { out += "," }
        out.append(digit)
    }
    return out
}
