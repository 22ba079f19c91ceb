import Foundation
@testable import ProfileLoader
import Testing
import TopologyModel
import Yams

/// The key declarations, the loader and the model agree on every key: a profile written from
/// the declarations alone loads, every declared key reaches a model field, every model field
/// asks for a declared key, and the shipped profiles use declared keys only.
@Suite struct ProfileKeyTests {
    /// Every declared key path, `hosts[].workloads[].memory` style.
    static func declaredPaths(_ section: ProfileSection = .profile) -> [String] {
        section.keys.flatMap { key -> [String] in
            let here = SectionReader.child(section.path, key.name)
            guard let nested = ProfileKeyTests.section(of: key.kind) else { return [here] }
            return [here] + declaredPaths(nested)
        }
    }

    static func section(of kind: ValueKind) -> ProfileSection? {
        switch kind {
        case .mapping(let section): return section
        case .list(let element), .map(let element, _): return section(of: element)
        default: return nil
        }
    }

    /// A value for every key a mapping allows (of each `exactlyOne` group only the first), as
    /// JSON-compatible data: a profile written from the declarations alone.
    static func sample(_ kind: ValueKind) -> Any {
        switch kind {
        case .string(let grammar): return grammar.example
        case .integer(let range): return range.lowerBound
        case .boolean: return true
        case .choice(let options): return options[0]
        case .byteSize, .byteSizeOrZero: return "1m"
        case .duration: return "1s"
        case .list(let element): return [sample(element)]
        case .map(let element, let names): return [names.example: sample(element)]
        case .mapping(let section):
            let excluded = Set(section.constraints.flatMap { constraint -> [String] in
                if case .exactlyOne(let keys, _) = constraint { return Array(keys.dropFirst()) }
                return []
            })
            var object: [String: Any] = [:]
            for key in section.keys where !excluded.contains(key.name) { object[key.name] = sample(key.kind) }
            return object
        }
    }

    static func sampleProfile() throws -> String {
        let data = try JSONSerialization.data(withJSONObject: sample(.mapping(.profile)), options: [.sortedKeys, .prettyPrinted])
        return String(decoding: data, as: UTF8.self)
    }

    @Test func aProfileWrittenFromTheDeclarationsLoads() throws {
        let result = loadText(try Self.sampleProfile(), name: "sample")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        let topology = try #require(result.topology)
        #expect(topology.summary == Grammar.text.example)
        #expect(topology.gateway.environment == [EnvironmentEntry(name: Grammar.envName.example, value: Grammar.text.example)])
    }

    /// The model's initialisers ask for exactly the declared keys: none is declared but never
    /// read into the model (the ledger would miss it), and a model field without a declaration
    /// fails decoding (`undeclaredField`), which would break the load above.
    @Test func everyDeclaredKeyLandsInTheModel() throws {
        let node = try #require(try Yams.compose(yaml: try Self.sampleProfile()))
        let reader = NodeReader(file: "sample.yaml", text: "")
        let (fields, complete) = try #require(SectionReader(reader: reader).fields(.profile, node, path: ""))
        #expect(complete && reader.diagnostics.isEmpty)
        let ledger = ModelDecoder.Ledger()
        _ = try ProfileSections.decode(fields, ledger: ledger)
        #expect(Set(Self.declaredPaths()).subtracting(ledger.requested).sorted() == [])
        #expect(ledger.requested.subtracting(Self.declaredPaths()).sorted() == [])
    }

    @Test func aModelFieldWithoutADeclarationIsCaught() throws {
        struct Widened: Decodable { var name: String; var colour: String? }
        let section = ProfileSection("widget", model: Widened.self, "test", [ProfileKey("name", .text, .required, lands: "name", "n")])
        let record = CheckedValue.record(CheckedRecord(section: section, fields: ["name": .text("a")]))
        #expect(throws: ModelDecoder.Failure.self) { try ModelDecoder.decode(Widened.self, from: record, ledger: .init()) }
    }

    @Test(arguments: ["vultr-jp", "hetzner-de"])
    func shippedProfilesUseDeclaredKeysOnly(_ name: String) throws {
        let text = try String(contentsOfFile: repoPath("profiles/\(name).yaml"), encoding: .utf8)
        let node = try #require(try Yams.compose(yaml: text))
        var undeclared: [String] = []
        func walk(_ node: Node, _ kind: ValueKind, _ path: String) {
            switch (kind, node) {
            case (.mapping(let section), .mapping(let mapping)):
                for (key, value) in mapping {
                    let name = key.string ?? "?"
                    guard let declared = section.key(named: name) else { undeclared.append("\(path).\(name)"); continue }
                    walk(value, declared.kind, "\(path).\(name)")
                }
            case (.list(let element), .sequence(let items)):
                for item in items { walk(item, element, "\(path)[]") }
            default: break
            }
        }
        walk(node, .mapping(.profile), "")
        #expect(undeclared == [])
        #expect(loadText(text, name: name).topology != nil)
    }

    @Test func declarationsAreWellFormed() {
        func check(_ section: ProfileSection) {
            #expect(Set(section.keys.map(\.name)).count == section.keys.count, "\(section.path): a key declared twice")
            #expect(Set(section.keys.map(\.field)).count == section.keys.count, "\(section.path): two keys land in one field")
            for key in section.keys {
                #expect(!key.doc.isEmpty, "\(section.path).\(key.name) has no doc line")
                if key.presence == .empty, case .mapping(let nested) = key.kind {
                    #expect(!nested.keys.contains { $0.presence == .required }, "\(nested.path): an empty default needs no required keys")
                }
                if let nested = Self.section(of: key.kind) { check(nested) }
            }
            for constraint in section.constraints {
                let named: [String]
                switch constraint {
                case .exactlyOne(let keys, _): named = keys
                case .requires(let required, let key, _, _, _): named = [required, key]
                }
                #expect(named.allSatisfy { section.key(named: $0) != nil }, "\(section.path): a constraint names an undeclared key")
            }
        }
        check(.profile)
    }

    /// `.defaults(text)` reads an absent key as if the text had been written.
    @Test func anAbsentKeyWithADefaultReadsAsWritten() throws {
        let section = ProfileSection("thing", model: Void.self, "test", [
            ProfileKey("retries", .integer(0...9), .defaults("3"), lands: "retries", "r"),
            ProfileKey("label", .text, .optional, lands: "label", "l"),
        ])
        let node = try #require(try Yams.compose(yaml: "label: x\n"))
        let reader = NodeReader(file: "t.yaml", text: "label: x\n")
        let (fields, complete) = try #require(SectionReader(reader: reader).fields(section, node, path: "thing"))
        #expect(complete)
        guard case .integer(3)? = fields["retries"] else { Issue.record("retries: \(String(describing: fields["retries"]))"); return }
    }

    @Test func integersOutsideTheirRangeAreRefused() throws {
        let text = try String(contentsOfFile: repoPath("profiles/vultr-jp.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "  port: 3000\n", with: "  port: 70000\n")
        let errors = loadText(text).diagnostics.errors
        #expect(errors.map(\.keyPath) == ["gateway.port"])
        #expect(errors.first?.message == "70000 is out of range")
        #expect(errors.first?.hint == "write a whole number from 1 to 65535")
    }
}
