import Formats
import Foundation

/// Why an output folder was not written. Nothing on disk has changed when these are thrown.
public enum OutputError: Error, CustomStringConvertible, Equatable {
    case notTopogenFolder(String)
    case foreignFiles(folder: String, files: [String])
    case notADirectory(String)
    case io(String)

    public var description: String {
        switch self {
        case .notTopogenFolder(let folder): return Self.text(OutputTree.Obstacle.notTopogenFolder.explained(folder))
        case let .foreignFiles(folder, files): return Self.text(OutputTree.Obstacle.foreignFiles(files).explained(folder))
        case .notADirectory(let path): return Self.text(OutputTree.Obstacle.notADirectory.explained(path))
        case .io(let message): return "error: \(message)"
        }
    }

    private static func text(_ explained: (message: String, hint: String)) -> String {
        "error: \(explained.message)\n  hint: \(explained.hint)"
    }
}

/// Writes rendered profiles into `OUT/<profile>/` atomically and compares them with what is
/// there. A profile folder is only ever replaced whole: rendered into a staging folder beside
/// it, flushed to disk once, then swapped in by one atomic exchange of names (see
/// `FileSystemSteps`), so a reader, or a render killed at any moment, sees the old tree or the
/// new one, never a mix and never none. Renders into one folder are serialized by a lock, and
/// whatever a killed render left behind (under a `.topogen-` dot-name, which .gitignore covers)
/// is put back or removed by the next one.
public struct OutputTree {
    public let root: URL
    private let fileManager = FileManager.default
    /// How staged files are flushed before the swap (one `syncfs` on Linux).
    var flush: FileSystemSteps.Flush = FileSystemSteps.defaultFlush

    public init(root: String) { self.root = URL(fileURLWithPath: root) }

    static let stagingPrefix = ".topogen-staging-"
    static let previousPrefix = ".topogen-previous-"

    // MARK: write

    /// Writes `profiles`. With `pruneOthers`, topogen's folders for profiles that no longer
    /// exist are removed too (only when they hold nothing but what their manifest lists).
    /// Returns the paths of folders removed as stale.
    @discardableResult
    public func write(_ profiles: [RenderedProfile], pruneOthers: Bool) throws -> [String] {
        try ensureDirectory(root)
        let lock = try FileSystemSteps.lock(root)
        defer { lock.release() }
        try recover()
        // 1. Refuse before touching anything.
        for profile in profiles { try checkPaths(profile) }
        for profile in profiles { try checkReplaceable(folder(profile.name)) }
        var stale: [URL] = []
        if pruneOthers {
            let names = Set(profiles.map(\.name))
            for existing in try profileFolders() where !names.contains(existing.lastPathComponent) {
                try checkReplaceable(existing)
                stale.append(existing)
            }
        }
        // 2. Stage every profile, then flush them all at once.
        var staged: [(RenderedProfile, URL)] = []
        do {
            var written: [URL] = []
            var folders: Set<String> = []
            for profile in profiles {
                let staging = root.appendingPathComponent(OutputTree.stagingPrefix + profile.name)
                try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
                staged.append((profile, staging))
                folders.insert(staging.path)
                for file in profile.allFiles { written.append(try write(file, under: staging, made: &folders)) }
            }
            try FileSystemSteps.flush(root, files: written, strategy: flush)
        } catch {
            for (_, staging) in staged { try? fileManager.removeItem(at: staging) }
            throw OutputError.io("cannot write the staging folder: \(error)")
        }
        // 3. Swap each into place; the old tree ends up under the staging name and is removed.
        for (profile, staging) in staged {
            try swap(staging, into: folder(profile.name))
        }
        try FileSystemSteps.fsyncPath(root.path)
        for (_, staging) in staged { try? fileManager.removeItem(at: staging) }
        // 4. Stale folders leave in one rename too, then are removed out of sight.
        for folder in stale {
            let doomed = root.appendingPathComponent(OutputTree.stagingPrefix + folder.lastPathComponent)
            try fileManager.moveItem(at: folder, to: doomed)
            try? fileManager.removeItem(at: doomed)
        }
        return stale.map { relative($0) }
    }

    /// Puts `staging` at `target` in one step when the platform can (the old tree then sits at
    /// `staging`), else with two renames and the old tree kept until the new one is in.
    func swap(_ staging: URL, into target: URL) throws {
        guard fileManager.fileExists(atPath: target.path) else {
            do { try fileManager.moveItem(at: staging, to: target) } catch {
                throw OutputError.io("cannot move \(relative(staging)) into place: \(error)")
            }
            return
        }
        if try FileSystemSteps.exchange(staging, target) { return }
        let previous = root.appendingPathComponent(OutputTree.previousPrefix + target.lastPathComponent)
        try? fileManager.removeItem(at: previous)
        do {
            try fileManager.moveItem(at: target, to: previous)
            try fileManager.moveItem(at: staging, to: target)
            try? fileManager.removeItem(at: previous)
        } catch {
            if !fileManager.fileExists(atPath: target.path), fileManager.fileExists(atPath: previous.path) {
                try? fileManager.moveItem(at: previous, to: target)
            }
            throw OutputError.io("cannot move \(relative(staging)) into place: \(error)")
        }
    }

    /// What a killed render left: a staging folder (a new tree never swapped in, or an old one
    /// swapped out) is removed; an old tree set aside by the two-rename fallback goes back where
    /// it was if its folder is missing.
    func recover() throws {
        for name in try fileManager.contentsOfDirectory(atPath: root.path).sorted() {
            let url = root.appendingPathComponent(name)
            if name.hasPrefix(OutputTree.stagingPrefix) {
                try fileManager.removeItem(at: url)
            } else if name.hasPrefix(OutputTree.previousPrefix) {
                let target = folder(String(name.dropFirst(OutputTree.previousPrefix.count)))
                if fileManager.fileExists(atPath: target.path) { try fileManager.removeItem(at: url) } else { try fileManager.moveItem(at: url, to: target) }
            }
        }
    }

    /// Every path stays inside its profile's folder, and the folder inside the output.
    func checkPaths(_ profile: RenderedProfile) throws {
        if FileName.problem(profile.name) != nil {
            throw OutputError.io("refusing to write a profile folder named '\(Visible.line(profile.name))'")
        }
        for file in profile.allFiles where !FileName.isSafeRelativePath(file.path) {
            throw OutputError.io("refusing to write '\(Visible.line(file.path))' under \(profile.name)/: not a plain relative path")
        }
    }

    /// `made` remembers the folders already created, so a folder of many files is made once.
    private func write(_ file: GeneratedFile, under folder: URL, made: inout Set<String>) throws -> URL {
        let url = folder.appendingPathComponent(file.path)
        let parent = url.deletingLastPathComponent()
        if made.insert(parent.path).inserted {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        }
        try FileSystemSteps.writeFile(url.path, contents: file.contents, mode: file.executable ? 0o755 : 0o644)
        return url
    }

    /// What stops `write` from replacing a profile folder.
    public enum Obstacle: Sendable, Equatable {
        case notADirectory
        /// It has no manifest, so topogen did not write it.
        case notTopogenFolder
        /// Files its manifest does not list (relative to the folder, sorted).
        case foreignFiles([String])

        /// What it means and what to do, in the one wording `render` (when it refuses) and
        /// `plan`/`check` (when they predict the refusal) print.
        public func explained(_ shown: String) -> (message: String, hint: String) {
            switch self {
            case .notADirectory:
                return ("\(shown) is not a folder", "remove it or choose another --out")
            case .notTopogenFolder:
                return ("\(shown) exists but has no \(RenderedProfile.manifestName), so topogen did not generate it",
                        "move it away or choose another --out; topogen never replaces a folder it did not write")
            case .foreignFiles(let foreign):
                return ("\(shown) holds files topogen did not write: \(foreign.joined(separator: ", "))",
                        "move them out of \(shown) (render replaces the folder as a whole), then run topogen render")
            }
        }
    }

    /// The one replaceability rule: a folder may be replaced when it does not exist, or when
    /// topogen wrote it (it has a manifest) and it holds nothing the manifest does not list.
    /// `write` refuses on it; `plan` and `check` predict with it. Reads only.
    public func obstacle(toReplacing name: String) -> Obstacle? { obstacle(folder(name)) }

    func obstacle(_ folder: URL) -> Obstacle? {
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: folder.path, isDirectory: &isDirectory) else { return nil }
        guard isDirectory.boolValue else { return .notADirectory }
        let manifestURL = folder.appendingPathComponent(RenderedProfile.manifestName)
        guard let data = fileManager.contents(atPath: manifestURL.path), let manifest = String(data: data, encoding: .utf8) else {
            return .notTopogenFolder
        }
        let listed = Set(Lines.split(manifest).compactMap { line -> String? in
            guard let space = line.range(of: "  ") else { return nil }
            return String(line[space.upperBound...])
        } + [RenderedProfile.manifestName])
        let foreign = files(in: folder).filter { !listed.contains($0) }
        return foreign.isEmpty ? nil : .foreignFiles(foreign)
    }

    func checkReplaceable(_ folder: URL) throws {
        switch obstacle(folder) {
        case nil: return
        case .notADirectory: throw OutputError.notADirectory(relative(folder))
        case .notTopogenFolder: throw OutputError.notTopogenFolder(relative(folder))
        case .foreignFiles(let files): throw OutputError.foreignFiles(folder: relative(folder), files: files)
        }
    }

    // MARK: compare

    public enum Drift: Equatable, CustomStringConvertible {
        case changed(path: String, diff: String)
        case modeChanged(path: String, executable: Bool)
        case missing(path: String)
        case extra(path: String)

        public var description: String {
            switch self {
            case .changed(_, let diff): return diff
            case let .modeChanged(path, executable): return "mode: \(path) should be \(executable ? "executable (0755)" : "not executable (0644)")\n"
            case .missing(let path): return "missing: \(path) (would be created)\n"
            case .extra(let path): return "extra: \(path) (would be removed)\n"
            }
        }
    }

    /// What `write` would change, file by file. Reads only.
    public func compare(_ profiles: [RenderedProfile], includeOthers: Bool) throws -> [Drift] {
        var drift: [Drift] = []
        for profile in profiles {
            let folder = folder(profile.name)
            let prefix = relative(folder)
            let onDisk = Set(files(in: folder))
            for file in profile.allFiles {
                let path = "\(prefix)/\(file.path)"
                let url = folder.appendingPathComponent(file.path)
                guard onDisk.contains(file.path), let data = fileManager.contents(atPath: url.path) else {
                    drift.append(.missing(path: path))
                    continue
                }
                let current = String(decoding: data, as: UTF8.self)
                if current != file.contents {
                    drift.append(.changed(path: path, diff: UnifiedDiff.render(old: current, new: file.contents,
                                                                              oldLabel: "\(path) (on disk)", newLabel: "\(path) (rendered)")))
                }
                let mode = ((try? fileManager.attributesOfItem(atPath: url.path)[.posixPermissions]) as? NSNumber)?.intValue ?? 0
                if (mode & 0o100 != 0) != file.executable { drift.append(.modeChanged(path: path, executable: file.executable)) }
            }
            let expected = Set(profile.allFiles.map(\.path))
            for path in onDisk.sorted() where !expected.contains(path) { drift.append(.extra(path: "\(prefix)/\(path)")) }
        }
        if includeOthers {
            let names = Set(profiles.map(\.name))
            for other in try profileFolders() where !names.contains(other.lastPathComponent) {
                drift.append(.extra(path: relative(other) + "/"))
            }
        }
        return drift
    }

    // MARK: helpers

    func folder(_ name: String) -> URL { root.appendingPathComponent(name) }

    /// Profile folders topogen owns: visible subfolders with a manifest.
    public func profileFolders() throws -> [URL] {
        guard fileManager.fileExists(atPath: root.path) else { return [] }
        return try fileManager.contentsOfDirectory(atPath: root.path).sorted()
            .filter { !$0.hasPrefix(".") }
            .map { root.appendingPathComponent($0) }
            .filter { fileManager.fileExists(atPath: $0.appendingPathComponent(RenderedProfile.manifestName).path) }
    }

    /// Regular files below `folder`, relative, sorted.
    func files(in folder: URL) -> [String] {
        guard let enumerator = fileManager.enumerator(atPath: folder.path) else { return [] }
        var result: [String] = []
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if fileManager.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory), !isDirectory.boolValue {
                result.append(path)
            }
        }
        return result.sorted()
    }

    private func ensureDirectory(_ url: URL) throws {
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: url.path, isDirectory: &isDirectory) {
            if !isDirectory.boolValue { throw OutputError.notADirectory(url.path) }
            return
        }
        try fileManager.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Paths in messages as the user wrote `--out`, not absolute.
    func relative(_ url: URL) -> String {
        let base = root.path.hasSuffix("/") ? root.path : root.path + "/"
        let displayRoot = root.relativePath.hasSuffix("/") ? String(root.relativePath.dropLast()) : root.relativePath
        return url.path.hasPrefix(base) ? displayRoot + "/" + url.path.dropFirst(base.count) : url.path
    }
}
