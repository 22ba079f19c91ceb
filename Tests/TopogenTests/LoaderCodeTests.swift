import Foundation
import ProfileLoader
import Testing
import TopologyModel

/// Loader diagnostics carry the code their call site gives them, never one guessed from the
/// message: each way the loader can refuse a profile is one edit of the frozen base profile
/// here, with the code it must carry, so rewording a message cannot move it to another code.
@Suite struct LoaderCodeTests {
    struct Mistake: Sendable, CustomTestStringConvertible {
        var what: String
        var find: String
        var replace: String
        /// Where the diagnostic is reported.
        var path: String
        var code: LoaderCode
        var testDescription: String { what }
    }

    static let mistakes: [Mistake] = [
        Mistake(what: "a list where a string belongs", find: "  host: vultr-jp\n  owner: root\n", replace: "  host: [vultr-jp]\n  owner: root\n",
                path: "gateway.host", code: .wrongType),
        Mistake(what: "a list where a boolean belongs", find: "    websockets: true\n", replace: "    websockets: [true]\n",
                path: "zone.settings.websockets", code: .wrongType),
        Mistake(what: "a word where a boolean belongs", find: "    websockets: true\n", replace: "    websockets: maybe\n",
                path: "zone.settings.websockets", code: .wrongType),
        Mistake(what: "a YAML 1.1 boolean", find: "    websockets: true\n", replace: "    websockets: on\n",
                path: "zone.settings.websockets", code: .yaml11Trap),
        Mistake(what: "a list where an integer belongs", find: "  port: 3000\n", replace: "  port: [3000]\n", path: "gateway.port", code: .wrongType),
        Mistake(what: "a quoted integer", find: "    retries: 3\n", replace: "    retries: '3'\n", path: "gateway.healthcheck.retries", code: .wrongType),
        Mistake(what: "a leading zero", find: "  port: 3000\n", replace: "  port: 03000\n", path: "gateway.port", code: .yaml11Trap),
        Mistake(what: "a base-60 number", find: "  port: 3000\n", replace: "  port: 30:00\n", path: "gateway.port", code: .yaml11Trap),
        Mistake(what: "an integer with letters", find: "    retries: 3\n", replace: "    retries: 3x\n", path: "gateway.healthcheck.retries", code: .invalidValue),
        Mistake(what: "an integer out of range", find: "  port: 3000\n", replace: "  port: 99999\n", path: "gateway.port", code: .invalidValue),
        Mistake(what: "a value where a mapping belongs", find: "  logging:\n    max_size: 10m\n    max_files: 3\n", replace: "  logging: big\n",
                path: "gateway.logging", code: .wrongType),
        Mistake(what: "a value outside its grammar", find: "  bind: 127.0.0.1\n", replace: "  bind: localhost\n", path: "gateway.bind", code: .invalidValue),
        Mistake(what: "an invisible character", find: "  container_name: new-api\n", replace: "  container_name: \"new\\u200Bapi\"\n",
                path: "gateway.container_name", code: .unsafeCharacter),
        Mistake(what: "an unquoted file mode", find: "    mode: \"0600\"\n    generate: openssl", replace: "    mode: 0600\n    generate: openssl",
                path: "secrets[0].mode", code: .yaml11Trap),
        Mistake(what: "an unknown consumer client", find: "    reaches_gateway: tunnel\n    env_file: ~/twilight/.env\n",
                replace: "    reaches_gateway: tunnel\n    client: curl\n    env_file: ~/twilight/.env\n", path: "consumers[0].client", code: .invalidValue),
        Mistake(what: "a prefix no variable name can start with", find: "    reaches_gateway: tunnel\n    env_file: ~/twilight/.env\n",
                replace: "    reaches_gateway: tunnel\n    prefix: 9X_\n    env_file: ~/twilight/.env\n", path: "consumers[0].prefix", code: .invalidValue),
        Mistake(what: "a value outside an enumeration", find: "  install: apt\n", replace: "  install: snap\n", path: "tunnel.install", code: .invalidValue),
        Mistake(what: "a size without a unit", find: "    memory: 384m\n", replace: "    memory: lots\n", path: "gateway.limits.memory", code: .invalidValue),
        Mistake(what: "a bare number as a duration", find: "    interval: 30s\n", replace: "    interval: 30\n", path: "gateway.healthcheck.interval", code: .invalidValue),
        Mistake(what: "a value where a list belongs", find: "  upstreams: [OpenRouter, SiliconFlow, Anthropic]", replace: "  upstreams: OpenRouter",
                path: "gateway.upstreams", code: .wrongType),
        Mistake(what: "a list where a name-value mapping belongs", find: "  environment:\n    TIKTOKEN_CACHE_DIR: /data/tiktoken\n",
                replace: "  environment: [TIKTOKEN_CACHE_DIR]\n", path: "gateway.environment", code: .wrongType),
        Mistake(what: "an entry name outside its grammar", find: "    TIKTOKEN_CACHE_DIR: /data/tiktoken\n", replace: "    9TIKTOKEN: /data/tiktoken\n",
                path: "gateway.environment.9TIKTOKEN", code: .invalidValue),
        Mistake(what: "a required key left out", find: "  unit: newapi-cloudflared.service\n", replace: "", path: "tunnel", code: .missingKey),
        Mistake(what: "an unknown key", find: "    memory: 384m\n", replace: "    memroy: 384m\n", path: "gateway.limits.memroy", code: .unknownKey),
        Mistake(what: "a key written twice", find: "  timezone: Asia/Tokyo\n", replace: "  timezone: Asia/Tokyo\n  timezone: UTC\n",
                path: "", code: .duplicateKey),
        Mistake(what: "none of the keys of which one is needed", find: "      - name: NEWAPI_API_KEY\n        secret: newapi-token\n",
                replace: "      - name: NEWAPI_API_KEY\n", path: "consumers[0].variables[1]", code: .invalidValue),
        Mistake(what: "a key another one requires, left out", find: "        value: access_headers_json\n        service_token: newapi-consumers\n",
                replace: "        value: access_headers_json\n", path: "consumers[1].variables[2].value", code: .invalidValue),
        Mistake(what: "an anchor", find: "  tag: latest ", replace: "  tag: &t latest ", path: "", code: .anchor),
        Mistake(what: "a second YAML document", find: "secrets:\n", replace: "---\nsecrets:\n", path: "", code: .yamlSyntax),
        Mistake(what: "a tab in the indentation", find: "    memory: 384m\n", replace: "\tmemory: 384m\n", path: "", code: .yamlSyntax),
        Mistake(what: "an unclosed flow sequence", find: "  container_name: new-api\n", replace: "  container_name: [new-api\n", path: "", code: .yamlSyntax),
        Mistake(what: "a secret value", find: "      - name: NEWAPI_API_KEY\n        secret: newapi-token\n",
                replace: "      - name: NEWAPI_API_KEY\n        literal: sk-4f9a8B7c6D5e4F3a2B1c0D9e8F7a6B5c\n", path: "consumers[0].variables[1].literal",
                code: .secretValue),
    ]

    static let base: String = (try? String(contentsOfFile: repoPath("Tests/Fixtures/bad-profiles/base.yaml"), encoding: .utf8)) ?? ""

    static func diagnostics(_ text: String) -> [Diagnostic] { loadText(text, name: "coded").diagnostics }

    static func apply(_ mistake: Mistake) throws -> String {
        try Overlay(what: mistake.what, edits: [.init(find: mistake.find, replace: mistake.replace)]).apply(to: base)
    }

    @Test(arguments: mistakes)
    func eachMistakeCarriesTheCodeOfItsKind(_ mistake: Mistake) throws {
        let found = Self.diagnostics(try Self.apply(mistake))
        let at = found.filter { $0.keyPath == mistake.path }
        #expect(!at.isEmpty, "no diagnostic at '\(mistake.path)': \(found.map(\.description))")
        for diagnostic in at { #expect(diagnostic.code == mistake.code.rawValue, "\(diagnostic)") }
    }

    @Test func theFileItselfIsCodedUnreadable() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("topogen-codes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let latin1 = scratch.appendingPathComponent("latin1.yaml")
        try Data([0x64, 0x3A, 0x20, 0xE9, 0x0A]).write(to: latin1)
        let results = [ProfileLoader.load(path: scratch.appendingPathComponent("absent.yaml").path), ProfileLoader.load(path: latin1.path),
                       loadText(""), loadText(String(repeating: "#", count: ProfileLoader.maximumBytes + 1))]
        for result in results.map(\.diagnostics) {
            #expect(result.map(\.code) == [LoaderCode.unreadable.rawValue], "\(result.map(\.description))")
        }
    }

    /// Whatever the mistake, the loader's diagnostic has a code `topogen explain` knows: every
    /// edit above, every bad-profile fixture, and the base with any one line deleted.
    @Test func noLoaderDiagnosticIsUncoded() throws {
        var texts = try Self.mistakes.map(Self.apply)
        texts += try BadProfileTests.cases.map(BadProfileTests.overlaid)
        let lines = Self.base.split(separator: "\n", omittingEmptySubsequences: false)
        texts += lines.indices.map { index in lines.enumerated().filter { $0.offset != index }.map(\.element).joined(separator: "\n") }
        var seen = Set<String>()
        for text in texts {
            for diagnostic in Self.diagnostics(text) {
                let code = try #require(diagnostic.code, "uncoded: \(diagnostic)")
                #expect(LoaderCode.all.contains(code), "\(code) is not a loader code: \(diagnostic)")
                seen.insert(code)
            }
        }
        // The corpus reaches every code but the file-level one (tested above), so a new code
        // without a case here is noticed.
        #expect(seen == Set(LoaderCode.all).subtracting([LoaderCode.unreadable.rawValue]))
    }
}
