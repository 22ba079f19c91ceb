import Foundation
import Rendering

/// What `render --out OUT` would do, file by file, decided by the same rules `OutputTree.write`
/// applies, so `plan` and `check` never promise something `render` then refuses.
public struct RenderPlan: Sendable, Equatable {
    public enum Action: String, Sendable, Equatable { case create, change, remove }

    public struct Entry: Sendable, Equatable {
        public var action: Action
        public var path: String
        /// A unified diff for changed contents; nil for a mode-only change, create and remove.
        public var diff: String?
        /// Set for a permission change: what the file's mode becomes.
        public var mode: String?
    }

    /// A folder `render` will not replace, and why.
    public struct Refusal: Sendable, Equatable {
        public var folder: String
        public var message: String
        public var hint: String
        /// The files that cause the refusal (empty when the folder itself is the problem).
        public var files: [String]
    }

    public var entries: [Entry]
    /// When not empty, `render` refuses and writes nothing at all (exit 3).
    public var refusals: [Refusal]

    public var isEmpty: Bool { entries.isEmpty && refusals.isEmpty }
    public func count(_ action: Action) -> Int { entries.filter { $0.action == action }.count }

    /// `1 to create, 2 to change, 0 to remove`.
    public var summary: String {
        "\(count(.create)) to create, \(count(.change)) to change, \(count(.remove)) to remove"
    }

    /// Compares `rendered` with `out`. With `includeOthers`, folders of profiles that no longer
    /// exist count as removals (what `render` without a profile selection does).
    public static func make(_ rendered: [RenderedProfile], out: String, includeOthers: Bool) throws -> RenderPlan {
        let tree = OutputTree(root: out)
        let drift = try tree.compare(rendered, includeOthers: includeOthers)
        let display = displayRoot(out)
        var refusals: [Refusal] = []
        var foreign: Set<String> = []
        let stale = includeOthers ? staleFolders(rendered, root: tree.root) : []
        for name in rendered.map(\.name) + stale {
            guard let refusal = OutputFolder(root: tree.root, display: display, name: name).refusal() else { continue }
            refusals.append(refusal)
            foreign.formUnion(refusal.files.map { "\(refusal.folder)/\($0)" })
        }
        let entries = drift.compactMap { item -> Entry? in
            switch item {
            case let .changed(path, diff): return Entry(action: .change, path: path, diff: diff)
            case let .modeChanged(path, executable): return Entry(action: .change, path: path, mode: executable ? "0755" : "0644")
            case .missing(let path): return Entry(action: .create, path: path)
            case .extra(let path):
                // A file render would refuse over is not a removal: render stops before it.
                return foreign.contains(path) ? nil : Entry(action: .remove, path: path)
            }
        }
        return RenderPlan(entries: entries, refusals: refusals)
    }

    /// `--out` as the user wrote it, the way OutputTree prints it.
    static func displayRoot(_ out: String) -> String {
        let relative = URL(fileURLWithPath: out).relativePath
        return relative.hasSuffix("/") ? String(relative.dropLast()) : relative
    }

    /// Visible subfolders of `root` that carry a manifest but match no rendered profile.
    static func staleFolders(_ rendered: [RenderedProfile], root: URL) -> [String] {
        let names = Set(rendered.map(\.name))
        let children = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return children.sorted().filter { child in
            !child.hasPrefix(".") && !names.contains(child)
                && FileManager.default.fileExists(atPath: root.appendingPathComponent(child).appendingPathComponent(RenderedProfile.manifestName).path)
        }
    }
}

/// One `OUT/<profile>/` folder, judged by OutputTree's rule: replaceable when absent, or when
/// it has a manifest and holds nothing the manifest does not list.
struct OutputFolder {
    let root: URL
    let display: String
    let name: String

    var url: URL { root.appendingPathComponent(name) }
    var shown: String { "\(display)/\(name)" }

    func refusal() -> RenderPlan.Refusal? {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return nil }
        guard isDirectory.boolValue else {
            return .init(folder: shown, message: "\(shown) is not a folder", hint: "remove it or choose another --out", files: [])
        }
        let manifest = url.appendingPathComponent(RenderedProfile.manifestName)
        guard let data = fileManager.contents(atPath: manifest.path) else {
            return .init(folder: shown, message: "\(shown) exists but has no \(RenderedProfile.manifestName), so topogen did not generate it",
                         hint: "move it away or choose another --out; topogen never replaces a folder it did not write", files: [])
        }
        let listed = Set(String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line -> String? in
            line.range(of: "  ").map { String(line[$0.upperBound...]) }
        } + [RenderedProfile.manifestName])
        let foreign = files().filter { !listed.contains($0) }
        guard !foreign.isEmpty else { return nil }
        return .init(folder: shown, message: "\(shown) holds files topogen did not write: \(foreign.joined(separator: ", "))",
                     hint: "move them out of \(shown) (render replaces the folder as a whole), then run topogen render", files: foreign)
    }

    /// Regular files below the folder, relative, sorted.
    func files() -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: url.path) else { return [] }
        var result: [String] = []
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.appendingPathComponent(path).path, isDirectory: &isDirectory), !isDirectory.boolValue {
                result.append(path)
            }
        }
        return result.sorted()
    }
}
