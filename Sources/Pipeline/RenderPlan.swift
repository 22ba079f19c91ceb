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
        let names = Set(rendered.map(\.name))
        let stale = includeOthers ? try tree.profileFolders().map(\.lastPathComponent).filter { !names.contains($0) } : []
        for name in rendered.map(\.name) + stale {
            guard let obstacle = tree.obstacle(toReplacing: name) else { continue }
            let refusal = Refusal(obstacle, folder: "\(display)/\(name)")
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
}

extension RenderPlan.Refusal {
    /// `render`'s refusal, in the wording `render` itself prints (`OutputTree.Obstacle.explained`).
    init(_ obstacle: OutputTree.Obstacle, folder shown: String) {
        let explained = obstacle.explained(shown)
        let files: [String]
        if case .foreignFiles(let foreign) = obstacle { files = foreign } else { files = [] }
        self.init(folder: shown, message: explained.message, hint: explained.hint, files: files)
    }
}
