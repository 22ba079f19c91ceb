import Artifacts
import Formats
import Foundation
import Rendering
import Testing
import TopologyModel
import Validation

/// What a profile with one hostile value comes to: located errors, or the rendered files.
enum HostileOutcome {
    case refused([Diagnostic])
    case rendered([String: String])
}

enum Hostile {
    /// The shipped profile plus one gateway variable, so the environment's quoting is exercised
    /// (the shipped profile sets none since TIKTOKEN_CACHE_DIR went away).
    static let shippedText: String = ((try? String(contentsOfFile: repoPath("profiles/vultr-jp.yaml"), encoding: .utf8)) ?? "")
        .replacingOccurrences(of: "  secrets: [session-secret]\n", with: "  environment:\n    TIKTOKEN_CACHE_DIR: /data/tiktoken\n  secrets: [session-secret]\n")

    /// The shipped profile with the one line `old` replaced by `new` (the whole line, indentation
    /// included). Fails the test when `old` is not exactly one line of the profile.
    static func profile(replacing old: String, with new: String) throws -> String {
        let lines = Lines.split(shippedText)
        let hits = lines.indices.filter { lines[$0] == old }
        guard hits.count == 1 else { throw TestFailure("'\(old)' is \(hits.count) lines of the profile, not one") }
        var changed = lines
        changed[hits[0]] = new
        return changed.joined(separator: "\n")
    }

    /// `key: "value"` with the value YAML-escaped, at the indentation of `old`.
    static func profile(replacing old: String, key: String, value: String) throws -> String {
        let indent = String(old.prefix(while: { $0 == " " || $0 == "-" }))
        return try profile(replacing: old, with: "\(indent)\(key): \(YAMLScalar.doubleQuoted(value))")
    }

    static func outcome(_ text: String) throws -> HostileOutcome {
        let loaded = loadText(text, name: "vultr-jp")
        guard let topology = loaded.topology else { return .refused(loaded.diagnostics.errors) }
        let errors = Validator.validate(topology).errors
        if !errors.isEmpty { return .refused(errors) }
        let templates = try TemplateLibrary(directory: repoPath("templates"))
        let rendered = try ProfileRenderer(templates: templates).render(topology)
        return .rendered(Dictionary(rendered.allFiles.map { ($0.path, $0.contents) }, uniquingKeysWith: { first, _ in first }))
    }

    /// A refusal that names the profile's file, line and column.
    static func isLocatedRefusal(_ outcome: HostileOutcome, at path: String? = nil) -> Bool {
        guard case .refused(let errors) = outcome, !errors.isEmpty else { return false }
        return errors.allSatisfy { $0.location != nil } && (path.map { p in errors.contains { $0.keyPath == p } } ?? true)
    }

    /// Runs `script` with `/bin/sh` in a fresh folder; returns the folder (to look for planted files).
    @discardableResult
    static func sh(_ script: String, arguments: [String] = [], path: String? = nil) throws -> (folder: URL, status: Int32, output: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("topogen-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, "sh"] + arguments
        process.currentDirectoryURL = folder
        process.environment = ["PATH": (path.map { $0 + ":" } ?? "") + "/usr/bin:/bin", "HOME": folder.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (folder, process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func planted(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasPrefix("PWN") }
    }

    /// Every line of a file as the most liberal reader splits it equals the lines of an LF split:
    /// no CR, NEL or Unicode separator hides a line inside another.
    static func noHiddenLines(_ text: String) -> Bool { Lines.paragraphs(text).count == Lines.split(text).count }
}

@Suite struct HostileReproductionTests {
    /// Issue 10, finding 1: a CRLF in `generate` became `EVIL=$(touch PWNED)` on its own line
    /// of the consumer env file, run by `set -a; . file`.
    @Test func crlfInGenerateStaysInsideItsComment() throws {
        let text = try Hostile.profile(replacing: "    instructions: NewAPI admin UI, Tokens, create token twilight-drive",
                                       key: "instructions", value: "NewAPI admin UI\r\nEVIL=$(touch PWNED)")
        let outcome = try Hostile.outcome(text)
        guard case .rendered(let files) = outcome else { #expect(Hostile.isLocatedRefusal(outcome)); return }
        for (path, contents) in files where path.hasPrefix("consumers/") {
            #expect(Hostile.noHiddenLines(contents), "\(path) hides a line")
            let parsed = try Dotenv.parse(contents)
            #expect(!parsed.contains { $0.0 == "EVIL" }, "\(path) defines EVIL")
            let run = try Hostile.sh("printf '%s' \"$1\" > env; set -a; . ./env; touch PWN-ok", arguments: [contents])
            #expect(run.status == 0, "\(path): \(run.output)")
            #expect(!FileManager.default.fileExists(atPath: run.folder.appendingPathComponent("PWNED").path), "\(path) ran the command")
        }
        for (path, contents) in files { #expect(Hostile.noHiddenLines(contents), "\(path) holds a hidden line break") }
    }

    /// Finding 1, second half: a CRLF in a consumer's name reached verify.sh, a file name and
    /// the manifest. It is refused where it is written.
    @Test func crlfInAConsumerNameIsALocatedError() throws {
        let text = try Hostile.profile(replacing: "  - name: twilight-backend", key: "name", value: "tb\r\ntouch PWNED3")
        let outcome = try Hostile.outcome(text)
        #expect(Hostile.isLocatedRefusal(outcome, at: "consumers[0].name"), "\(outcome)")
    }

    /// Finding 3: duplicate env names trapped in `Dictionary(uniqueKeysWithValues:)` (exit 132)
    /// while `validate` passed. Both are located errors at the second occurrence now.
    @Test func duplicateEnvNamesAreLocatedErrors() throws {
        let twice = try Hostile.profile(replacing: "  secrets: [session-secret]", with: "  secrets: [session-secret, session-secret]")
        let outcome = try Hostile.outcome(twice)
        #expect(Hostile.isLocatedRefusal(outcome, at: "gateway.secrets[1]"), "\(outcome)")

        let shadow = try Hostile.profile(replacing: "    TIKTOKEN_CACHE_DIR: /data/tiktoken", with: "    SESSION_SECRET: x")
        let second = try Hostile.outcome(shadow)
        #expect(Hostile.isLocatedRefusal(second, at: "gateway.environment.SESSION_SECRET"), "\(second)")
        if case .refused(let errors) = second, let error = errors.first(where: { $0.keyPath == "gateway.environment.SESSION_SECRET" }) {
            let line = Lines.split(shadow).firstIndex(of: "    SESSION_SECRET: x").map { $0 + 1 }
            #expect(error.location?.line == line)
        }
    }

    /// Finding 4: `gateway.owner` was pasted unquoted into `ssh vultr 'install … -o root; touch PWN # …'`.
    /// Each RUNBOOK ssh line is run with a stub `ssh` that runs its remote command under `sh`,
    /// with a stub `install` that prints its arguments: the owner arrives as one argument.
    @Test func ownerReachesTheRemoteInstallAsOneWord() throws {
        let owner = "root; touch PWN #"
        let text = try Hostile.profile(replacing: "  owner: root", key: "owner", value: owner)
        guard case .rendered(let files) = try Hostile.outcome(text) else { return }   // a grammar may refuse it: also inert
        let runbook = try #require(files["RUNBOOK.md"])
        let lines = Lines.split(runbook).filter { $0.hasPrefix("ssh -- vultr 'install") && $0.contains("touch PWN") }
        #expect(lines.count == 3, "\(lines)")
        let stubs = try stubFolder()
        for line in lines {
            let run = try Hostile.sh(line.replacingOccurrences(of: " < deploy/newapi-compose.yml", with: " < /dev/null"), path: stubs.path)
            #expect(Hostile.planted(run.folder).isEmpty, "\(line) ran a command: \(run.output)")
            #expect(run.output.contains("[-o] [\(owner)] [-g] [\(owner)]"), "\(line): \(run.output)")
        }
    }

    /// An ssh alias spelled like an option stays a host name: `--` ends ssh's options.
    @Test func anSshAliasStartingWithADashIsAHostName() throws {
        let text = try Hostile.profile(replacing: "    ssh: vultr", key: "ssh", value: "-oProxyCommand=touch PWN")
        guard case .rendered(let files) = try Hostile.outcome(text) else { return }
        for path in ["RUNBOOK.md", "scripts/verify.sh"] {
            let text = try #require(files[path])
            for line in Lines.split(text) where line.contains("ProxyCommand") {
                #expect(line.contains("-- '-oProxyCommand=touch PWN'") || line.hasPrefix("readonly SSH_HOST=") || line.contains("`ssh '-o"),
                        "\(path): \(line)")
            }
        }
    }

    /// Finding 5: `${HOME}` in a Compose value interpolated to the operator's home folder. It is
    /// written `$${HOME}`, and Compose's reading of it is the profile's text.
    @Test func composeValuesAreNotInterpolated() throws {
        let value = "/data/tiktoken${HOME}$(id)`id`$"
        let text = try Hostile.profile(replacing: "    TIKTOKEN_CACHE_DIR: /data/tiktoken", key: "TIKTOKEN_CACHE_DIR", value: value)
        guard case .rendered(let files) = try Hostile.outcome(text) else { Issue.record("refused"); return }
        let compose = try #require(files["deploy/newapi-compose.yml"])
        let line = try #require(Lines.split(compose).first { $0.contains("TIKTOKEN_CACHE_DIR") })
        #expect(line.contains("$${HOME}$$(id)`id`$$"), "\(line)")
        #expect(ComposeValue.interpolatedLiteral("/data/tiktoken$${HOME}") == "/data/tiktoken${HOME}")
        #expect(ComposeValue.interpolatedLiteral("/data/tiktoken${HOME}") == nil)
        try expectComposeReads(compose, variable: "TIKTOKEN_CACHE_DIR", as: value)
    }

    /// Finding 6: a line break in free text split RUNBOOK headings and Mermaid labels.
    @Test func lineBreaksStayInsideMarkdownAndMermaid() throws {
        let summary = try Hostile.profile(replacing: Lines.split(Hostile.shippedText).first { $0.hasPrefix("description: ") } ?? "",
                                          key: "description", value: "one\r\n# Injected heading\n```\n<script>x</script>")
        let upstream = try Hostile.profile(replacing: "  upstreams: [OpenRouter, SiliconFlow, Anthropic]   # plan §7 channels; Japan reaches them directly",
                                           with: "  upstreams: [\(YAMLScalar.doubleQuoted("Open\nRouter\"]\n  evil --> x"))]")
        for text in [summary, upstream] {
            guard case .rendered(let files) = try Hostile.outcome(text) else { continue }
            let runbook = try #require(files["RUNBOOK.md"])
            #expect(Hostile.noHiddenLines(runbook))
            #expect(!Lines.split(runbook).contains { $0.hasPrefix("# Injected") || $0.hasPrefix("  evil") })
            #expect(!runbook.contains("<script>"))
        }
    }

    /// A raw ESC never reaches a generated file as it is: spelled out in comments and Markdown,
    /// escaped in YAML, refused in dotenv values and systemd lines.
    @Test func anEscapeCharacterIsNeverWrittenRaw() throws {
        let cases = [
            try Hostile.profile(replacing: "    rotate: on any chat-paste leak", key: "rotate", value: "on leak\u{1B}[2J"),
            try Hostile.profile(replacing: "    TIKTOKEN_CACHE_DIR: /data/tiktoken", key: "TIKTOKEN_CACHE_DIR", value: "/data\u{1B}[31m"),
            try Hostile.profile(replacing: "  binary: /usr/bin/cloudflared", key: "binary", value: "/usr/bin/cloudflared\u{1B}"),
        ]
        for text in cases {
            let outcome: HostileOutcome
            do { outcome = try Hostile.outcome(text) } catch { continue }   // a render error names the template: nothing written
            guard case .rendered(let files) = outcome else { #expect(Hostile.isLocatedRefusal(outcome)); continue }
            for (path, contents) in files { #expect(!contents.unicodeScalars.contains("\u{1B}"), "\(path) holds a raw ESC") }
        }
    }

    // MARK: helpers

    /// `ssh` that runs its last argument (the remote command) under sh, and `install` that prints
    /// its arguments in brackets.
    func stubFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("topogen-stubs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let stubs = [
            "ssh": "#!/bin/sh\nwhile [ \"$1\" != -- ]; do shift; done\nshift 2\nexec /bin/sh -c \"$1\"\n",
            "install": "#!/bin/sh\nfor a in \"$@\"; do printf '[%s] ' \"$a\"; done\necho\n",
        ]
        for (name, body) in stubs {
            try writeStub(body, to: folder.appendingPathComponent(name))
        }
        return folder
    }

    /// With the real Compose (CI sets TOPOGEN_COMPOSE_BIN): `config` interpolates, then prints
    /// every `$` doubled again, so the container gets `value` exactly when the printed text is
    /// `value` with `$` doubled (an undoubled `${HOME}` prints as the home folder).
    func expectComposeReads(_ compose: String, variable: String, as value: String) throws {
        guard let binary = ProcessInfo.processInfo.environment["TOPOGEN_COMPOSE_BIN"], FileManager.default.isExecutableFile(atPath: binary) else {
            if ProcessInfo.processInfo.environment["TOPOGEN_REQUIRE_TOOLS"] == "1" { Issue.record("TOPOGEN_COMPOSE_BIN is not set") }
            return
        }
        let run = try Hostile.sh("printf '%s' \"$1\" > c.yml; printf 'SESSION_SECRET=x\\n' > .env; \"$2\" -f c.yml config --format json",
                                 arguments: [compose, binary])
        #expect(run.status == 0, "\(run.output)")
        let start = run.output.firstIndex(of: "{") ?? run.output.startIndex
        let json = try JSONSerialization.jsonObject(with: Data(run.output[start...].utf8)) as? [String: Any]
        let services = json?["services"] as? [String: Any]
        let environment = (services?.values.first as? [String: Any])?["environment"] as? [String: String]
        #expect(environment?[variable] == ComposeValue.literal(value), "\(String(describing: environment))")
    }
}
