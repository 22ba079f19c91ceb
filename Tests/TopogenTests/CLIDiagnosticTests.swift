import Foundation
import Testing

/// Diagnostics people and machines can use: located template errors, I/O errors as one
/// sentence, codes with `explain`, JSON carrying what the text says, CI annotations,
/// `--strict`, colour only on a terminal.
@Suite(.serialized) struct CLIDiagnosticTests {
    /// 1-based line and column of the first `needle` in `text`.
    func position(of needle: String, in text: String) throws -> (Int, Int) {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let range = line.range(of: needle) { return (index + 1, line.distance(from: line.startIndex, to: range.lowerBound) + 1) }
        }
        throw TestFailure("\(needle) not found")
    }

    @Test func aMisspeltTemplateVariableIsReportedAtTheTemplateLineWithADidYouMean() throws {
        let dir = try CLI.workspace()
        let template = dir.appendingPathComponent("templates/compose.yml.mustache")
        try CLI.edit(template, replacing: "restart: {{restart}}", with: "restart: {{restrat}}")
        let (line, column) = try position(of: "restrat", in: String(contentsOf: template, encoding: .utf8))
        let render = try CLI.run(["render", "--out", "fresh"], in: dir)
        #expect(render.status == 1)
        #expect(render.stderr.contains("templates/compose.yml.mustache:\(line):\(column): error: profile vultr-jp: the template uses 'restrat', which the artifact's document does not define (did you mean 'restart'?) [template-unknown-name]"), "\(render.stderr)")
        #expect(render.stderr.contains("profile hetzner-de:"), "every profile's failure is reported in one run")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("fresh").path))
    }

    @Test func aReadBackFailureIsReportedAtTheTemplateLineThatWroteIt() throws {
        let dir = try CLI.workspace()
        let template = dir.appendingPathComponent("templates/compose.yml.mustache")
        try CLI.edit(template, replacing: "restart: {{restart}}", with: "restart: {{restart}}\n    init: true")
        let (line, _) = try position(of: "init: true", in: String(contentsOf: template, encoding: .utf8))
        let render = try CLI.run(["render", "vultr-jp", "--out", "fresh"], in: dir)
        #expect(render.status == 1)
        #expect(render.stderr.contains("templates/compose.yml.mustache:\(line):5: error: profile vultr-jp: rendered output does not read back"), "\(render.stderr)")
        #expect(render.stderr.contains("[read-back-mismatch]"))
    }

    @Test func anUnwritableOutputFolderIsOneErrorWithAHint() throws {
        let dir = try CLI.workspace()
        let render = try CLI.run(["render", "--out", "/proc/nope"], in: dir)
        #expect(render.status == 3)
        #expect(render.stderr.contains("\nerror: cannot write the output folder '/proc/nope': No such file or directory [output-io]\n"), "\(render.stderr)")
        #expect(render.stderr.contains("  hint: check that '/proc/nope'"))
        #expect(!render.stderr.contains("Error Domain") && !render.stderr.contains("NSCocoaErrorDomain") && !render.stderr.contains("UserInfo"))
    }

    @Test func everyCodeShownCanBeExplained() throws {
        let dir = try CLI.workspace()
        try CLI.unacknowledged(dir)
        let validate = try CLI.run(["validate"], in: dir)
        let codes = Set(validate.stderr.matches(of: /\[([a-z0-9-]+)\]\n/).map { String($0.1) })
        #expect(codes.contains("preflight-ports"))
        for code in codes {
            let explain = try CLI.run(["explain", code], in: dir)
            #expect(explain.status == 0, "\(code)")
            #expect(explain.stdout.hasPrefix("\(code) (validation rule)\n"), "\(explain.stdout)")
        }
        let loader = try CLI.run(["explain", "unknown-key"], in: dir)
        #expect(loader.stdout.contains("did-you-mean"))
        let typo = try CLI.run(["explain", "unknwn-key"], in: dir)
        #expect(typo.status == 1)
        #expect(typo.stderr.contains("(did you mean 'unknown-key'?)"))
        let all = try CLI.run(["explain"], in: dir)
        #expect(all.stdout.contains("read-back-mismatch") && all.stdout.contains("secrets-used"))
    }

    struct Head: Hashable { var file: String?; var line: Int?; var column: Int?; var severity: String; var code: String?; var text: String }

    /// The head lines of text diagnostics, parsed back.
    func heads(_ stderr: String) -> Set<Head> {
        Set(stderr.split(separator: "\n").compactMap { line -> Head? in
            guard let m = line.wholeMatch(of: /(?:([^:\s]+):(\d+):(\d+): )?(error|warning): (.*?)(?: \[([a-z0-9-]+)\])?/) else { return nil }
            return Head(file: m.1.map(String.init), line: m.2.flatMap { Int($0) }, column: m.3.flatMap { Int($0) },
                        severity: String(m.4), code: m.6.map(String.init), text: String(m.5))
        })
    }

    func jsonHeads(_ stdout: String) throws -> (Set<Head>, [String: Any]) {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any], "not JSON: \(stdout)")
        let items = try #require(object["diagnostics"] as? [[String: Any]])
        let heads = items.map { item in
            let path = (item["key_path"] as? String).map { "\($0): " } ?? ""
            return Head(file: item["file"] as? String, line: item["line"] as? Int, column: item["column"] as? Int,
                        severity: item["severity"] as? String ?? "?", code: item["code"] as? String, text: path + (item["message"] as? String ?? ""))
        }
        #expect(items.allSatisfy { Set($0.keys) == ["severity", "code", "file", "line", "column", "key_path", "message", "hint"] })
        return (Set(heads), object)
    }

    @Test func jsonCarriesTheSameDiagnosticsAsTheText() throws {
        let dir = try CLI.workspace()
        try CLI.edit(dir.appendingPathComponent("profiles/vultr-jp.yaml"), replacing: "    memory: 384m\n", with: "    memroy: 384m\n")
        try CLI.edit(dir.appendingPathComponent("templates/compose.yml.mustache"), replacing: "restart: {{restart}}", with: "restart: {{restrat}}")
        for command in [["validate"], ["plan"], ["check"], ["render", "--out", "fresh"], ["validate", "--strict"]] {
            let text = try CLI.run(command, in: dir)
            let json = try CLI.run(command + ["--format", "json"], in: dir)
            #expect(json.stderr.isEmpty, "\(command): JSON mode keeps stderr empty")
            #expect(json.status == text.status)
            let (parsed, object) = try jsonHeads(json.stdout)
            #expect(!parsed.isEmpty)
            #expect(parsed == heads(text.stderr), "\(command)")
            #expect(object["command"] as? String == command[0])
            #expect(object["exit_code"] as? Int == Int(text.status))
        }
        for command in [["explain", "unknown-key"], ["init", "json-site"]] {
            let json = try CLI.run(command + ["--format", "json"], in: dir)
            #expect(json.status == 0)
            #expect(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) is [String: Any], "\(command)")
        }
    }

    @Test func gitHubActionsGetsAnnotationsOnlyWhenRunThere() throws {
        let dir = try CLI.workspace()
        try CLI.unacknowledged(dir)
        let ci = try CLI.run(["validate", "vultr-jp"], in: dir, environment: ["GITHUB_ACTIONS": "true"])
        let annotation = try #require(ci.stdout.split(separator: "\n").first { $0.hasPrefix("::warning ") })
        #expect(annotation.hasPrefix("::warning file=profiles/vultr-jp.yaml,line="))
        #expect(annotation.contains(",title=topogen preflight-ports::") || ci.stdout.contains("title=topogen preflight-ports::"))
        #expect(!annotation.contains("\n"))
        let local = try CLI.run(["validate", "vultr-jp"], in: dir)
        #expect(!local.stdout.contains("::warning"))
    }

    @Test func strictReportsWarningsAsErrors() throws {
        let dir = try CLI.workspace()
        try CLI.unacknowledged(dir)
        let strict = try CLI.run(["validate", "--strict", "vultr-jp"], in: dir)
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("error: gateway.preflight_ports[1]:"))
        #expect(strict.stderr.contains("--strict makes it an error"))
        #expect(!strict.stderr.contains("warning:"), "under --strict nothing that fails the run is called a warning")
    }

    @Test func colourOnlyOnATerminalAndNeverWithNoColor() throws {
        let dir = try CLI.workspace()
        try CLI.unacknowledged(dir)
        let piped = try CLI.run(["validate", "vultr-jp"], in: dir)
        #expect(!piped.stderr.contains("\u{1B}["))
        #expect(try PseudoTerminal.stderr(of: ["validate", "vultr-jp"], in: dir, environment: ["TERM": "xterm"]).contains("\u{1B}[1;33mwarning:"))
        #expect(!(try PseudoTerminal.stderr(of: ["validate", "vultr-jp"], in: dir, environment: ["TERM": "xterm", "NO_COLOR": "1"]).contains("\u{1B}[")))
    }

    @Test func helpFitsEightyColumns() throws {
        let dir = try CLI.workspace()
        let root = try CLI.run(["--help"], in: dir, environment: ["COLUMNS": "80"])
        let source = try String(contentsOfFile: repoPath("Sources/topogen/Topogen.swift"), encoding: .utf8)
        for example in source.split(separator: "\n").filter({ $0.hasPrefix("          topogen ") || $0.range(of: #"^          \d+ "#, options: .regularExpression) != nil }) {
            #expect(root.stdout.contains(example.dropFirst(8)), "help must show \(example.debugDescription) unbroken")
        }
        for command in ["", "render", "plan", "check", "validate", "explain", "init"] {
            let help = try CLI.run((command.isEmpty ? [] : [command]) + ["--help"], in: dir, environment: ["COLUMNS": "80"])
            for line in help.stdout.split(separator: "\n") { #expect(line.count <= 80, "topogen \(command) --help: \(line)") }
        }
    }
}

/// Runs topogen with stderr on a pseudo-terminal, as a person at a terminal would.
enum PseudoTerminal {
    /// Collects what the terminal side receives, read on another thread so a full pty buffer
    /// can never block the child.
    final class Collected: @unchecked Sendable {
        var data = Data()
    }

    /// glibc declares the pty calls only for _XOPEN_SOURCE, which Swift's Glibc module does
    /// not set; they are in libc all the same.
    static func libc<T>(_ name: String, as type: T.Type) throws -> T {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), name) else { throw TestFailure("libc has no \(name)") }
        return unsafeBitCast(symbol, to: type)
    }

    static func stderr(of arguments: [String], in directory: URL, environment: [String: String]) throws -> String {
        typealias IntCall = @convention(c) (Int32) -> Int32
        let openpt = try libc("posix_openpt", as: IntCall.self), grantpt = try libc("grantpt", as: IntCall.self)
        let unlockpt = try libc("unlockpt", as: IntCall.self)
        let ptsname = try libc("ptsname", as: (@convention(c) (Int32) -> UnsafeMutablePointer<CChar>?).self)
        let master = openpt(O_RDWR | O_NOCTTY)
        guard master >= 0, grantpt(master) == 0, unlockpt(master) == 0, let name = ptsname(master) else { throw TestFailure("no pty") }
        let slave = open(String(cString: name), O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw TestFailure("cannot open the pty") }
        let collected = Collected()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(master, &buffer, buffer.count)
                if count <= 0 { break }  // EIO once every terminal-side descriptor is closed
                collected.data.append(contentsOf: buffer[0..<count])
            }
            done.signal()
        }
        let handle = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        _ = try CLI.run(arguments, in: directory, environment: environment, standardError: handle)
        close(slave)
        done.wait()
        close(master)
        return String(decoding: collected.data, as: UTF8.self)
    }
}

/// `acknowledge:` in a profile, end to end: what `--strict` in CI needs.
@Suite(.serialized) struct CLIAcknowledgeTests {
    let all = """
    acknowledge:
      - {code: preflight-ports, reason: the plan's port list is kept as written}
      - {code: unpinned-image, reason: pinned with NEWAPI_IMAGE in the host's .env}
      - {code: memory-cap-fits-host, reason: headroom accepted until the audit frees memory}
      - {code: service-install-unit-name, reason: the RUNBOOK installs the hardened unit}
      - {code: default-deny-no-op, reason: the plan keeps its UI at / on the API's hostname}
      - {code: rate-limit-hostname-scope, reason: the zone has one gateway hostname}

    """

    @Test func acknowledgedWarningsAreListedOnceAndLetStrictPass() throws {
        let dir = try CLI.workspace()
        try CLI.unacknowledged(dir)
        let profile = dir.appendingPathComponent("profiles/vultr-jp.yaml")
        try (String(contentsOf: profile, encoding: .utf8) + "\n" + all).write(to: profile, atomically: true, encoding: .utf8)
        let validate = try CLI.run(["validate", "vultr-jp"], in: dir)
        #expect(validate.status == 0, "\(validate.stderr)")
        #expect(!validate.stderr.contains("warning:"))
        let line = "profiles/vultr-jp.yaml: acknowledged preflight-ports (1 warning): the plan's port list is kept as written"
        #expect(validate.stderr.components(separatedBy: line).count == 2, "listed exactly once:\n\(validate.stderr)")
        let strict = try CLI.run(["validate", "--strict", "vultr-jp"], in: dir)
        #expect(strict.status == 0, "\(strict.stderr)")
        let json = try CLI.run(["validate", "--strict", "vultr-jp", "--format", "json"], in: dir)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let acknowledged = try #require(object["acknowledged"] as? [[String: Any]])
        #expect(acknowledged.map { $0["code"] as? String } == ["preflight-ports", "unpinned-image", "memory-cap-fits-host", "service-install-unit-name",
                                                              "default-deny-no-op", "rate-limit-hostname-scope"])
    }

    @Test func onlyTheAcknowledgedCodeIsSilencedAndAStaleOneIsReported() throws {
        let dir = try CLI.workspace()
        try CLI.unacknowledged(dir)
        let profile = dir.appendingPathComponent("profiles/vultr-jp.yaml")
        let text = try String(contentsOf: profile, encoding: .utf8)
        let extra = "\nacknowledge:\n  - {code: preflight-ports, reason: kept as written}\n  - {code: preflight-portz, reason: a typo}\n"
        try (text + extra).write(to: profile, atomically: true, encoding: .utf8)
        let lines = (text + extra).split(separator: "\n", omittingEmptySubsequences: false).count
        let strict = try CLI.run(["validate", "--strict", "vultr-jp"], in: dir)
        #expect(strict.status == 1)
        #expect(!strict.stderr.contains("gateway.preflight_ports[1]"))
        #expect(strict.stderr.contains("error: gateway.tag:"), "the unacknowledged warning fails --strict")
        #expect(strict.stderr.contains("profiles/vultr-jp.yaml:\(lines - 1):"), "\(strict.stderr)")
        #expect(strict.stderr.contains("'preflight-portz' is acknowledged but no warning has that code"))
    }
}
