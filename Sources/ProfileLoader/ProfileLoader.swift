import Foundation
import TopologyModel
import Yams

/// The result of reading one profile: a topology when the profile was readable, and every
/// problem found on the way.
public struct LoadResult: Sendable {
    /// Only when the profile loaded without an error: the one a render may use.
    public var topology: Topology?
    /// The sections that loaded and those that failed, when the top level was readable: what
    /// validation runs its rules on, so one run reports the loader's errors and the rules'.
    /// Never rendered.
    public var partial: PartialTopology? = nil
    /// Secret-looking values already masked.
    public var diagnostics: [Diagnostic]
    /// The profile's lines, split once: later diagnostics (validation) take their snippets here.
    public var lines: SourceLines = SourceLines("")
    /// The secret-looking values of the profile, for masking later diagnostics too.
    public var mask = SecretMask()
}

/// YAML profile -> `Topology`. Goes through libyaml's node tree (not `Decodable` on YAML) so
/// every diagnostic can name `file:line:col` and the key path, and all problems are reported at
/// once: the node tree is checked against the key declarations (`SectionReader`), then the
/// checked values are decoded into the model (`ModelDecoder`).
public enum ProfileLoader {
    /// Profiles larger than this are refused before parsing. A real profile is a few KB; a
    /// scaled one with a thousand hostnames is well under 1 MiB.
    public static let maximumBytes = 4 << 20

    /// Reads `path` from disk. `displayPath` is what diagnostics print (relative, stable).
    public static func load(path: String, displayPath: String? = nil) -> LoadResult {
        let shown = displayPath ?? path
        let start = SourceLocation(file: shown, line: 1, column: 1)
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber, size.intValue > maximumBytes {
            return LoadResult(topology: nil, diagnostics: [tooLarge(size.intValue, at: start)])
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return LoadResult(topology: nil, diagnostics: [unreadable("cannot read the profile \(shown)", at: nil,
                                                                  hint: "check that it exists and is readable; profiles are named by file (profiles/NAME.yaml)")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return LoadResult(topology: nil, diagnostics: [unreadable("the profile is not UTF-8 text", at: start, hint: "save the file as UTF-8")])
        }
        return load(text: text, file: shown)
    }

    /// Parses profile text; `file` names it in diagnostics and decides the profile name.
    public static func load(text: String, file: String) -> LoadResult {
        guard text.utf8.count <= maximumBytes else {
            return LoadResult(topology: nil, diagnostics: [tooLarge(text.utf8.count, at: SourceLocation(file: file, line: 1, column: 1))])
        }
        let reader = NodeReader(file: file, text: text)
        let partial = topology(text, reader: reader)
        let complete = reader.diagnostics.hasErrors || partial?.failed.isEmpty != true ? nil : partial?.topology
        return LoadResult(topology: complete, partial: partial, diagnostics: reader.maskedDiagnostics, lines: reader.lines, mask: reader.mask)
    }

    private static func topology(_ text: String, reader: NodeReader) -> PartialTopology? {
        guard let root = ProfileParsing.root(of: text, reader: reader) else { return nil }
        SecretValueScan.scan(root, path: "", reader: reader)
        guard let (fields, _) = SectionReader(reader: reader).fields(.profile, root, path: "") else { return nil }
        let name = URL(fileURLWithPath: reader.file).deletingPathExtension().lastPathComponent
        do {
            var partial = try ProfileSections.decode(fields).partial(name: name, file: reader.file, attempted: ProfileSections.attempted(in: root))
            partial.topology.sourceMap = SourceMap(reader.locations)
            return partial
        } catch {
            reader.error(.invalidValue, "topogen cannot build its model from this profile: \(error)", at: SourceLocation(file: reader.file, line: 1, column: 1),
                         path: "", hint: "this is a bug in topogen's key declarations; please report it with the profile")
            return nil
        }
    }

    static func tooLarge(_ bytes: Int, at location: SourceLocation) -> Diagnostic {
        unreadable("the profile is \(bytes) bytes, more than the \(maximumBytes) bytes (4 MiB) a profile may have", at: location,
                   hint: "a profile describes one deployment in a few KB; split it, or check that this is the file you meant")
    }

    /// The file itself cannot be taken as a profile; before any `NodeReader` exists.
    static func unreadable(_ message: String, at location: SourceLocation?, hint: String) -> Diagnostic {
        Diagnostic(.error, at: location, path: "", message, hint: hint, code: LoaderCode.unreadable.rawValue)
    }
}
