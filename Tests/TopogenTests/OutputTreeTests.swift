import Foundation
import Rendering
import Testing

@Suite struct OutputTreeTests {
    func scratch() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("topogen-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    let profile = RenderedProfile(name: "p", files: [
        GeneratedFile(path: "deploy/a.yml", contents: "a: 1\n"),
        GeneratedFile(path: "verify.sh", contents: "#!/bin/sh\n", executable: true),
    ])

    @Test func writtenTreeComparesClean() throws {
        let root = try scratch()
        let tree = OutputTree(root: root)
        try tree.write([profile], pruneOthers: true)
        #expect(try tree.compare([profile], includeOthers: true).isEmpty)
        let manifest = try String(contentsOfFile: "\(root)/p/MANIFEST.sha256", encoding: .utf8)
        #expect(manifest.contains("  deploy/a.yml\n") && manifest.contains("  verify.sh\n"))
        let mode = try FileManager.default.attributesOfItem(atPath: "\(root)/p/verify.sh")[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o755)
    }

    @Test func driftIsReportedAsDiffMissingAndExtra() throws {
        let root = try scratch()
        let tree = OutputTree(root: root)
        try tree.write([profile], pruneOthers: true)
        try "a: 2\n".write(toFile: "\(root)/p/deploy/a.yml", atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: "\(root)/p/verify.sh")
        try "x".write(toFile: "\(root)/p/deploy/stray.yml", atomically: true, encoding: .utf8)
        let drift = try tree.compare([profile], includeOthers: true)
        let rootName = URL(fileURLWithPath: root).path
        #expect(drift.contains(.changed(path: "\(rootName)/p/deploy/a.yml", diff: """
            --- \(rootName)/p/deploy/a.yml (on disk)
            +++ \(rootName)/p/deploy/a.yml (rendered)
            @@ -1,1 +1,1 @@
            -a: 2
            +a: 1

            """)))
        #expect(drift.contains(.missing(path: "\(rootName)/p/verify.sh")))
        #expect(drift.contains(.extra(path: "\(rootName)/p/deploy/stray.yml")))
    }

    @Test func aFolderTopogenDidNotWriteIsNeverReplaced() throws {
        let root = try scratch()
        try FileManager.default.createDirectory(atPath: "\(root)/p", withIntermediateDirectories: true)
        try "mine".write(toFile: "\(root)/p/notes.txt", atomically: true, encoding: .utf8)
        #expect(throws: OutputError.self) { try OutputTree(root: root).write([profile], pruneOthers: true) }
        #expect(try String(contentsOfFile: "\(root)/p/notes.txt", encoding: .utf8) == "mine")
    }

    @Test func userFilesInsideAGeneratedFolderBlockTheWrite() throws {
        let root = try scratch()
        let tree = OutputTree(root: root)
        try tree.write([profile], pruneOthers: true)
        try "keep me".write(toFile: "\(root)/p/deploy/.env", atomically: true, encoding: .utf8)
        do {
            try tree.write([profile], pruneOthers: true)
            Issue.record("write must refuse")
        } catch let error as OutputError {
            guard case .foreignFiles(_, let files) = error else { Issue.record("\(error)"); return }
            #expect(files == ["deploy/.env"])
        }
        #expect(FileManager.default.fileExists(atPath: "\(root)/p/deploy/.env"))
        #expect(FileManager.default.fileExists(atPath: "\(root)/p/deploy/a.yml"))
    }

    @Test func staleFilesAndProfilesAreRemoved() throws {
        let root = try scratch()
        let tree = OutputTree(root: root)
        let old = RenderedProfile(name: "gone", files: [GeneratedFile(path: "x", contents: "x\n")])
        let bigger = RenderedProfile(name: "p", files: profile.files + [GeneratedFile(path: "old.txt", contents: "o\n")])
        try tree.write([bigger, old], pruneOthers: true)
        let removed = try tree.write([profile], pruneOthers: true)
        #expect(removed.count == 1 && removed[0].hasSuffix("/gone"))
        #expect(!FileManager.default.fileExists(atPath: "\(root)/p/old.txt"))
        #expect(!FileManager.default.fileExists(atPath: "\(root)/gone"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root).filter { $0.hasPrefix(".topogen") }
        #expect(leftovers.isEmpty)
    }

    @Test func renderingOneProfileLeavesOthersAlone() throws {
        let root = try scratch()
        let tree = OutputTree(root: root)
        let other = RenderedProfile(name: "q", files: [GeneratedFile(path: "x", contents: "x\n")])
        try tree.write([profile, other], pruneOthers: true)
        try tree.write([profile], pruneOthers: false)
        #expect(FileManager.default.fileExists(atPath: "\(root)/q/x"))
    }
}
