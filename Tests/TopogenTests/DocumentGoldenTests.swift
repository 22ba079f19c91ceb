import Artifacts
import Deployment
import Formats
import Foundation
import Testing
import TopologyModel

/// The second stage of the goldens (SwiftGen's habit): each artifact's typed document is committed
/// beside the rendered file, under `Tests/Goldens/documents/<profile>/<output path>.json`. When a
/// change touches only the logic, the document golden moves; when it touches only a template,
/// only `generated/` moves; a review can tell which. Terraform files are left out: their document
/// is the JSON that is written, so `generated/` already is its golden.
@Suite struct DocumentGoldenTests {
    static let profiles = ["vultr-jp", "hetzner-de", "ovh-split", "free-two-tokens"]
    static let folder = "Tests/Goldens/documents"

    @Test(arguments: profiles)
    func typedDocumentsMatchTheirGoldens(_ profile: String) throws {
        let topology = try shippedTopology(profile)
        let deployment = Deployment(topology)
        var expected: [String: String] = [:]
        for artifact in ArtifactCatalog.all {
            for planned in try artifact.plan(deployment) where !planned.path.hasSuffix(".tf.json") {
                expected["\(planned.path).json"] = DocumentDump.json(planned.context) + "\n"
            }
        }
        let root = repoPath("\(Self.folder)/\(profile)")
        if updatingGoldens {
            try? FileManager.default.removeItem(atPath: root)
            for (path, text) in expected {
                let url = URL(fileURLWithPath: root).appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try text.write(to: url, atomically: true, encoding: .utf8)
            }
            return
        }
        let committed = try DeterminismTests.files(under: URL(fileURLWithPath: root))
        #expect(Set(committed.keys) == Set(expected.keys), "document goldens are stale: run UPDATE_GOLDEN=1 swift test and review the diff")
        for (path, text) in expected.sorted(by: { $0.key < $1.key }) {
            let found = committed[path].map { String(decoding: $0, as: UTF8.self) }
            #expect(found == text, "\(profile)/\(path): the typed document changed; run UPDATE_GOLDEN=1 swift test and review the diff")
        }
    }

    @Test func theDumpIsStableAndTyped() {
        struct Inner { var b: Bool; var n: Int? }
        struct Sample { var name: String; var items: [Inner]; var map: [String: Int]; var none: String? }
        let sample = Sample(name: "a\"b", items: [Inner(b: true, n: 3), Inner(b: false, n: nil)], map: ["z": 1, "a": 2], none: nil)
        #expect(DocumentDump.json(sample) == """
        {
          "name": "a\\"b",
          "items": [
            {
              "b": true,
              "n": 3
            },
            {
              "b": false,
              "n": null
            }
          ],
          "map": {
            "a": 2,
            "z": 1
          },
          "none": null
        }
        """)
    }
}

/// Any typed document as JSON text, by reflection: stored properties in declaration order,
/// dictionaries by sorted key, optionals as null, enums by case name. Reflection rather than
/// `Encodable` because every document must dump alike, including those whose `Encodable` shape
/// is the output file's (with renamed keys) or that have none.
enum DocumentDump {
    static func json(_ value: Any, indent: String = "") -> String {
        let mirror = Mirror(reflecting: value)
        let inner = indent + "  "
        switch value {
        case let text as String: return quoted(text)
        case let flag as Bool: return flag ? "true" : "false"
        case let number as any BinaryInteger: return "\(number)"
        case let number as Double: return "\(number)"
        default: break
        }
        switch mirror.displayStyle {
        case .optional:
            guard let wrapped = mirror.children.first?.value else { return "null" }
            return json(wrapped, indent: indent)
        case .collection, .set, .tuple:
            let items = mirror.children.map { json($0.value, indent: inner) }
            let ordered = mirror.displayStyle == .set ? items.sorted() : items
            return ordered.isEmpty ? "[]" : "[\n" + ordered.map { inner + $0 }.joined(separator: ",\n") + "\n\(indent)]"
        case .dictionary:
            let pairs = mirror.children.compactMap { child -> (String, Any)? in
                let pair = Mirror(reflecting: child.value).children.map(\.value)
                return pair.count == 2 ? ("\(pair[0])", pair[1]) : nil
            }.sorted { $0.0 < $1.0 }
            return object(pairs, indent: indent)
        case .enum:
            guard let payload = mirror.children.first else { return quoted("\(value)") }
            return object([(payload.label ?? "case", payload.value)], indent: indent)
        default:
            let fields = mirror.children.map { ($0.label ?? "_", $0.value) }
            return fields.isEmpty ? quoted("\(value)") : object(fields, indent: indent)
        }
    }

    static func object(_ fields: [(String, Any)], indent: String) -> String {
        guard !fields.isEmpty else { return "{}" }
        let inner = indent + "  "
        return "{\n" + fields.map { "\(inner)\(quoted($0.0)): \(json($0.1, indent: inner))" }.joined(separator: ",\n") + "\n\(indent)}"
    }

    /// YAMLScalar writes JSON-style double-quoted strings, which JSON reads alike.
    static func quoted(_ text: String) -> String { YAMLScalar.doubleQuoted(text) }
}
