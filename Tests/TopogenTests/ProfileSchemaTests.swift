import Foundation
import ProfileLoader
import Testing

/// The JSON Schema and the profile reference are generated from the key declarations; the
/// committed copies stay equal to them, and the schema refuses what the loader refuses.
@Suite struct ProfileSchemaTests {
    static func committed(_ path: String, equals generated: String) throws {
        if updatingGoldens { try generated.write(toFile: repoPath(path), atomically: true, encoding: .utf8); return }
        let text = try String(contentsOfFile: repoPath(path), encoding: .utf8)
        #expect(text == generated, "\(path) is stale: run `swift run topogen schema\(path.hasSuffix(".md") ? " --reference" : "") > \(path)`")
    }

    @Test func theCommittedSchemaIsTheGeneratedOne() throws {
        try Self.committed(ProfileSchema.committedPath, equals: ProfileSchema.json())
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(ProfileSchema.json().utf8)) as? [String: Any])
        let properties = try #require(schema["properties"] as? [String: Any])
        #expect(Set(properties.keys) == Set(ProfileSection.profile.keys.map(\.name)))
        #expect(schema["additionalProperties"] as? Bool == false)
        let gateway = try #require(properties["gateway"] as? [String: Any])
        let port = try #require((gateway["properties"] as? [String: Any])?["port"] as? [String: Any])
        #expect(port["description"] as? String == ProfileSection.gateway.key(named: "port")?.doc)
        #expect(port["maximum"] as? Int == 65535)
    }

    @Test func theCommittedReferenceIsTheGeneratedOne() throws {
        try Self.committed(ProfileReference.committedPath, equals: ProfileReference.markdown())
        let reference = ProfileReference.markdown()
        #expect(reference.contains("| `container_port` | integer 1–65535 | required | Port new-api listens on inside the container. |"))
    }

    @Test(arguments: ["vultr-jp", "hetzner-de"])
    func shippedProfilesNameTheSchemaForEditors(_ name: String) throws {
        let text = try String(contentsOfFile: repoPath("profiles/\(name).yaml"), encoding: .utf8)
        #expect(text.hasPrefix("# yaml-language-server: $schema=../\(ProfileSchema.committedPath)\n"))
    }

    static let mistakes: [(String, String, String)] = [
        ("an unknown key", "  container_name: new-api\n", "  contianer_name: new-api\n"),
        ("a wrong type", "  port: 3000\n", "  port: \"3000\"\n"),
    ]

    /// check-jsonschema (as CI runs it) and the loader agree: the shipped profile passes both,
    /// an unknown key and a wrong type fail both.
    @Test(arguments: mistakes)
    func theSchemaAndTheLoaderRefuseTheSameMistakes(_ what: String, _ find: String, _ replace: String) throws {
        let text = try String(contentsOfFile: repoPath("profiles/vultr-jp.yaml"), encoding: .utf8)
        let mutated = text.replacingOccurrences(of: find, with: replace)
        #expect(mutated != text)
        #expect(loadText(mutated).diagnostics.hasErrors, "the loader accepts \(what)")
        guard let tool = externalTool("check-jsonschema") else {
            #expect(!toolsRequired, "check-jsonschema is required under TOPOGEN_REQUIRE_TOOLS=1")
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("topogen-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func schemaAccepts(_ profile: String) throws -> Bool {
            let path = folder.appendingPathComponent("profile.yaml").path
            try profile.write(toFile: path, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = ["--schemafile", repoPath(ProfileSchema.committedPath), path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus == 0
        }
        #expect(try schemaAccepts(text), "the schema refuses the shipped profile")
        #expect(try !schemaAccepts(mutated), "the schema accepts \(what)")
    }
}
