import Formats
import Foundation
import PropertyBased
@testable import Rendering
import Testing
import Yams

/// Characters that change meaning in YAML, plus ordinary text.
let nastyYAML = Gen<Character?>.element(of: Array(":#-?{}[],&*!|>'\"%@`\\ \t\nyesNOon0x1.e~") as [Character]).map { $0! }
let mixedText = Gen.oneOf(nastyYAML, Gen.latin1, Gen.character(in: "\u{2000}"..."\u{20FF}"))

@Suite struct YAMLQuotingTests {
    @Test func quotedScalarRoundTripsThroughLibyaml() async {
        await seededPropertyCheck(count: 500, input: mixedText.string(of: 0...24)) { text in
            let document = "key: \(YAMLScalar.doubleQuoted(text))\n"
            let parsed = try Yams.load(yaml: document) as? [String: Any]
            #expect(parsed?["key"] as? String == text, "document was \(document.debugDescription)")
        }
    }

    @Test(arguments: ["no", "on", "22:22", "0750", "~", "null", "", "# not a comment", "a: b", "*alias", "'q'"])
    func yaml11TrapsStayStrings(_ text: String) throws {
        let parsed = try Yams.load(yaml: "k: \(YAMLScalar.doubleQuoted(text))\n") as? [String: Any]
        #expect(parsed?["k"] as? String == text)
    }
}

@Suite struct DotenvTests {
    @Test func quotedValuesReadBackExactly() async {
        let safe = Gen<Character?>.element(of: Array("abcXYZ019 {}\":,<>#=!&*()[]/-_.@%+~`") as [Character]).map { $0! }
        await seededPropertyCheck(count: 300, input: safe.string(of: 0...30)) { value in
            let quoted = try #require(Dotenv.quoted(value))
            let parsed = try Dotenv.parse("NAME=\(quoted)\n")
            #expect(parsed.count == 1 && parsed[0].0 == "NAME" && parsed[0].1 == value)
        }
    }

    @Test func valuesNoReaderAgreesOnAreRefused() {
        #expect(Dotenv.quoted("it's") == nil)
        #expect(Dotenv.quoted("cr\rhere") == nil, "sh keeps the carriage return, other readers do not")
        #expect(Dotenv.quoted("two\nlines") == "'two\nlines'", "a line feed inside single quotes reads back alike")
        #expect(Dotenv.quoted("two\r\nlines") == nil)
        #expect(Dotenv.quoted(#"a\\b"#) == nil)
        #expect(Dotenv.quoted("esc\u{1B}[31m") == nil)
        #expect(Dotenv.quoted("${HOME}") == nil, "python-dotenv expands it even in single quotes")
        #expect(Dotenv.quoted("https://llm.example/v1") == "https://llm.example/v1")
        #expect(Dotenv.quoted("{\"a\": 1}") == "'{\"a\": 1}'")
    }

    /// Multi-line values (the SDKs' `Name: value` header lines) span lines inside one pair of
    /// quotes; blank and `#` lines inside belong to the value.
    @Test func multiLineValuesReadBackExactly() throws {
        let value = "CF-Access-Client-Id: <keychain:id>\n\n# not a comment\nX=1"
        let quoted = try #require(Dotenv.quoted(value))
        let parsed = try Dotenv.parse("# head\nA=\(quoted)\nB=x\n")
        #expect(parsed.map(\.0) == ["A", "B"])
        #expect(parsed.first?.1 == value)
        #expect(throws: Dotenv.Problem.self) { try Dotenv.parse("A='one\ntwo\n") }
        #expect(throws: Dotenv.Problem.self) { try Dotenv.parse("A='one\ntwo' trailing\n") }
    }

    @Test func parseRejectsWhatReadersDisagreeOn() {
        #expect(throws: Dotenv.Problem.self) { try Dotenv.parse("A=has space\n") }
        #expect(throws: Dotenv.Problem.self) { try Dotenv.parse("A='open\n") }
        #expect(throws: Dotenv.Problem.self) { try Dotenv.parse("1A=x\n") }
        #expect(throws: Dotenv.Problem.self) { try Dotenv.parse("export A=x\n") }
    }
}

@Suite struct TemplateLibraryTests {
    func library(_ templates: [String: String]) throws -> TemplateLibrary {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("topogen-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in templates {
            let url = folder.appendingPathComponent("\(name).mustache")
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return try TemplateLibrary(directory: folder.path)
    }

    struct Doc { let image: String; let ports: [String]; let count: Int }

    @Test func yamlContentTypeQuotesStringsAndLeavesNumbers() throws {
        let lib = try library(["t": "{{% CONTENT_TYPE: YAML}}\nimage: {{image}}\nreplicas: {{{count}}}\nports:\n{{#ports}}\n  - {{.}}\n{{/ports}}\n"])
        let text = try lib.render("t", context: Doc(image: "a & <b>: yes", ports: ["22:22"], count: 2))
        #expect(text == "image: \"a & <b>: yes\"\nreplicas: 2\nports:\n  - \"22:22\"\n")
    }

    @Test func misspelledNamesFailTheRender() throws {
        let lib = try library(["t": "{{% CONTENT_TYPE: TEXT}}\n{{imgae}} {{#prots}}x{{/prots}}\n"])
        let names = [UnresolvedName(name: "imgae", line: 2, column: 3, source: "{{imgae}} {{#prots}}x{{/prots}}", suggestion: "image"),
                     UnresolvedName(name: "prots", line: 2, column: 14, source: "{{imgae}} {{#prots}}x{{/prots}}", suggestion: "ports")]
        #expect(throws: TemplateError.unresolvedNames(template: "\(lib.directory)/t.mustache", names: names)) {
            try lib.render("t", context: Doc(image: "x", ports: [], count: 0))
        }
    }

    @Test func syntaxErrorsNameFileLineAndColumn() throws {
        do {
            _ = try library(["bad": "{{% CONTENT_TYPE: TEXT}}\na: {{#x}}\nb: {{/y}}\n"])
            Issue.record("a broken template must not load")
        } catch let error as TemplateError {
            guard case let .syntax(file, line, _, _, _) = error else { Issue.record("\(error)"); return }
            #expect(file.hasSuffix("/bad.mustache"))
            #expect(line == 3)
        }
    }

    @Test func aMissingPartialIsAnError() throws {
        #expect(throws: TemplateError.self) { _ = try library(["t": "{{% CONTENT_TYPE: TEXT}}\nx\n{{> nothere}}\n"]) }
        let lib = try library(["t": "{{% CONTENT_TYPE: TEXT}}\n{{> p}}\n", "p": "{{% CONTENT_TYPE: TEXT}}\n{{image}}"])
        #expect(try lib.render("t", context: Doc(image: "i", ports: [], count: 0)) == "i")
    }

    struct Port: CustomStringConvertible { let number: Int; var description: String { "port \(number)" } }
    struct Item { let name: String; let note: String?; let port: Port }
    struct Outer { let note: String; let items: [Item]; let missing: String?; let byName: [String: Item] }

    /// Contexts are read through a dictionary per object; what a template sees must be what
    /// Mustache's own lookup would give.
    @Test func lookupsSeeWhatMustacheWouldSee() throws {
        let lib = try library(["t": "{{% CONTENT_TYPE: TEXT}}\n{{#items}}{{name}}={{note}} {{port}} {{port.number}}|{{/items}}{{^missing}}none{{/missing}}[{{missing}}]{{byName.a.name}}\n"])
        let items = [Item(name: "a", note: "own", port: Port(number: 1)), Item(name: "b", note: nil, port: Port(number: 2))]
        let text = try lib.render("t", context: Outer(note: "outer", items: items, missing: nil, byName: ["a": items[0]]))
        // A nil optional falls through to the outer `note`; a nil one at the root is found and empty.
        #expect(text == "a=own port 1 1|b=outer port 2 2|none[]a\n")
    }

    @Test func missingFolderAndTemplateAreErrors() throws {
        #expect(throws: TemplateError.directoryMissing("/nonexistent/templates")) { try TemplateLibrary(directory: "/nonexistent/templates") }
        let lib = try library(["t": "{{% CONTENT_TYPE: TEXT}}\n"])
        #expect(throws: TemplateError.self) { try lib.render("other", context: Doc(image: "", ports: [], count: 0)) }
    }
}

@Suite struct YAMLRoundTripTests {
    struct Service: Encodable { let image: String; let port: String; let cpus: Double }

    @Test func equalDocumentsPassWhateverTheStyle() throws {
        try YAMLRoundTrip.verify(rendered: "cpus: 0.50\nimage: 'x'\nport: \"3000\"\n", against: Service(image: "x", port: "3000", cpus: 0.5))
    }

    @Test func aStringThatBecameANumberFails() {
        #expect(throws: YAMLMismatch(keyPath: "port", line: 2, expected: "\"3000\" (string)", found: "3000 (int)")) {
            try YAMLRoundTrip.verify(rendered: "image: x\nport: 3000\ncpus: 0.5\n", against: Service(image: "x", port: "3000", cpus: 0.5))
        }
    }

    @Test func anEmptiedValueFails() {
        #expect(throws: YAMLMismatch.self) {
            try YAMLRoundTrip.verify(rendered: "image:\nport: \"3000\"\ncpus: 0.5\n", against: Service(image: "x", port: "3000", cpus: 0.5))
        }
    }
}

@Suite struct UnifiedDiffTests {
    @Test func showsChangedLinesWithContext() {
        let diff = UnifiedDiff.render(old: "a\nb\nc\nd\n", new: "a\nB\nc\nd\n", oldLabel: "old", newLabel: "new", context: 1)
        #expect(diff == "--- old\n+++ new\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n")
    }

    @Test func identicalTextsHaveNoDiff() {
        #expect(UnifiedDiff.render(old: "x\n", new: "x\n", oldLabel: "a", newLabel: "b").isEmpty)
    }

    @Test func separateChangesMakeSeparateHunks() {
        let old = (1...20).map(String.init).joined(separator: "\n") + "\n"
        let new = old.replacingOccurrences(of: "\n2\n", with: "\ntwo\n").replacingOccurrences(of: "\n19\n", with: "\nnineteen\n")
        let diff = UnifiedDiff.render(old: old, new: new, oldLabel: "a", newLabel: "b", context: 2)
        #expect(diff.components(separatedBy: "\n@@ ").count == 3)
        #expect(diff.contains("-19\n+nineteen\n"))
    }
}

@Suite struct ContextKindsTests {
    /// Values of these modules skip Mustache's protocol checks, which is only right while none
    /// of them can see Mustache.
    @Test func modulesListedWithoutMustacheDoNotImportIt() throws {
        for module in ContextKinds.modulesWithoutMustache {
            let folder = repoRoot.appendingPathComponent("Sources/\(module)")
            let files = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
            #expect(!files.isEmpty, "Sources/\(module) holds no Swift file")
            for file in files {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                #expect(!text.contains("import Mustache"), "Sources/\(module)/\(file) imports Mustache")
            }
        }
    }
}
