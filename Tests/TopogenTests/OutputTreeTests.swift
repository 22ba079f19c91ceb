import Foundation
import Pipeline
@testable import Rendering
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

    /// `plan` and `check` predict render's refusal in render's own words.
    @Test func planAndRenderWordARefusalAlike() throws {
        let root = try scratch()
        let tree = OutputTree(root: root)
        try tree.write([profile], pruneOthers: true)
        try "keep me".write(toFile: "\(root)/p/notes.txt", atomically: true, encoding: .utf8)
        let refusal = try #require(try RenderPlan.make([profile], out: root, includeOthers: true).refusals.first)
        #expect(refusal.files == ["notes.txt"])
        #expect(refusal.message.hasSuffix("/p holds files topogen did not write: notes.txt"))
        do {
            try tree.write([profile], pruneOthers: true)
            Issue.record("write must refuse")
        } catch let error as OutputError {
            #expect(error.description == "error: \(refusal.message)\n  hint: \(refusal.hint)")
        }
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

@Suite struct OutputTreeSafetyTests {
    func scratch() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("topogen-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    func profile(_ text: String) -> RenderedProfile {
        RenderedProfile(name: "p", files: [GeneratedFile(path: "a.txt", contents: text), GeneratedFile(path: "sub/b.txt", contents: text + text)])
    }

    func contents(_ folder: String) -> [String: String] {
        var files: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let path = enumerator?.nextObject() as? String {
            if let data = FileManager.default.contents(atPath: "\(folder)/\(path)") { files[path] = String(decoding: data, as: UTF8.self) }
        }
        return files
    }

    /// A killed run's staging folder (new tree never swapped in, or old tree swapped out) is
    /// removed; an old tree set aside by the two-rename fallback goes back if its folder is gone.
    @Test func leftoversOfAKilledRunAreRecovered() throws {
        let root = try scratch()
        let tree = OutputTree(root: root)
        try tree.write([profile("one\n")], pruneOthers: false)
        try FileManager.default.createDirectory(atPath: "\(root)/.topogen-staging-p/sub", withIntermediateDirectories: true)
        try "half".write(toFile: "\(root)/.topogen-staging-p/a.txt", atomically: false, encoding: .utf8)
        let other = RenderedProfile(name: "q", files: [GeneratedFile(path: "x", contents: "x\n")])
        try OutputTree(root: "\(root)/elsewhere").write([other], pruneOthers: false)
        try FileManager.default.moveItem(atPath: "\(root)/elsewhere/q", toPath: "\(root)/.topogen-previous-q")
        try tree.write([profile("two\n")], pruneOthers: false)
        #expect(contents("\(root)/p")["a.txt"] == "two\n")
        #expect(contents("\(root)/q")["x"] == "x\n", "the set-aside tree is back")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).filter { $0.hasPrefix(".topogen") }.isEmpty)
    }

    /// A path that would climb out of the profile folder is refused before anything is written.
    @Test func pathsOutsideTheProfileFolderAreRefused() throws {
        let root = try scratch()
        for path in ["../escape.txt", "/etc/x", "sub/../../x", "a\nb", "a\r\nb"] {
            let bad = RenderedProfile(name: "p", files: [GeneratedFile(path: path, contents: "x")])
            #expect(throws: OutputError.self) { try OutputTree(root: "\(root)/out").write([bad], pruneOthers: false) }
        }
        #expect(!FileManager.default.fileExists(atPath: "\(root)/escape.txt"))
        #expect(!FileManager.default.fileExists(atPath: "\(root)/out/p"))
    }

    /// Two renders into one folder at once are serialized by the lock: neither fails, and the
    /// folder is always one whole tree. Without the lock they share one staging folder.
    @Test func concurrentRendersAreSerialized() async throws {
        let root = try scratch()
        let trees = [profile("one\n"), profile("two\n")]
        try OutputTree(root: root).write([trees[0]], pruneOthers: false)
        let failures = await withTaskGroup(of: Int.self) { group in
            for worker in 0..<2 {
                group.addTask {
                    var failed = 0
                    for _ in 0..<15 {
                        do { try OutputTree(root: root).write([trees[worker]], pruneOthers: false) } catch { failed += 1 }
                    }
                    return failed
                }
            }
            return await group.reduce(0, +)
        }
        #expect(failures == 0)
        let final = contents("\(root)/p")
        #expect(final == ["a.txt": "one\n", "sub/b.txt": "one\none\n", "MANIFEST.sha256": trees[0].manifest.contents]
            || final == ["a.txt": "two\n", "sub/b.txt": "two\ntwo\n", "MANIFEST.sha256": trees[1].manifest.contents])
    }

    /// Both flush strategies leave the same tree (one syncfs on Linux, one fsync per file elsewhere).
    @Test(arguments: [FileSystemSteps.Flush.fileSystem, .eachFile])
    func eitherFlushWritesTheSameTree(_ flush: FileSystemSteps.Flush) throws {
        let root = try scratch()
        var tree = OutputTree(root: root)
        tree.flush = flush
        try tree.write([profile("one\n")], pruneOthers: false)
        try tree.write([profile("two\n")], pruneOthers: false)
        #expect(contents("\(root)/p")["sub/b.txt"] == "two\ntwo\n")
    }
}
