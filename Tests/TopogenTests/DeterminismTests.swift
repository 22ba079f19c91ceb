import Foundation
import Testing

/// Byte-for-byte identical output across processes: each process gets its own hash seed (so a
/// dictionary's order differs between them), and here also another locale, time zone, home and
/// working directory. Two renders inside one process share a seed and could not see that.
@Suite struct DeterminismTests {
    static let environments: [[String: String]] = [
        ["LANG": "C", "LC_ALL": "C", "TZ": "UTC", "HOME": "/nonexistent-a"],
        // Turkish case rules (dotless i), a time zone 14 hours ahead, another home.
        ["LANG": "tr_TR.UTF-8", "LC_ALL": "tr_TR.UTF-8", "TZ": "Pacific/Kiritimati", "HOME": "/nonexistent-b", "USER": "someone-else"],
    ]

    @Test func twoProcessesWithDifferentLocaleTimeZoneAndEnvironmentRenderTheSameBytes() throws {
        var trees: [[String: Data]] = []
        for environment in Self.environments {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("topogen-det-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: dir) }
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            for folder in ["profiles", "templates"] {
                try FileManager.default.copyItem(atPath: repoPath(folder), toPath: dir.appendingPathComponent(folder).path)
            }
            let run = try CLI.run(["render", "--out", "out"], in: dir, environment: environment)
            #expect(run.status == 0, "render under \(environment) exited \(run.status): \(run.stderr)")
            trees.append(try Self.files(under: dir.appendingPathComponent("out")))
        }
        #expect(!trees[0].isEmpty)
        #expect(trees[0].keys.sorted() == trees[1].keys.sorted())
        for (path, data) in trees[0] {
            #expect(trees[1][path] == data, "\(path) differs between the two processes")
        }
    }

    static func files(under root: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let full = root.appendingPathComponent(path).path
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = FileManager.default.contents(atPath: full)
            }
        }
        return files
    }
}
