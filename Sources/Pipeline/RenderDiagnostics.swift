import Artifacts
import Deployment
import Foundation
import Rendering
import TopologyModel

/// Rendered profiles, or the diagnostics that stopped them.
public struct RenderOutcome: Sendable {
    public var rendered: [RenderedProfile]
    public var diagnostics: [Diagnostic]
}

extension Pipeline {
    /// Renders like `render`, but turns every failure into located diagnostics naming the
    /// profile: a template problem at the template's own `file:line:col`, a read-back failure
    /// at the template line that wrote the bad output line. Every profile is tried, so one run
    /// reports the failures of all of them.
    public static func renderReporting(_ topologies: [Topology], templatesDirectory: String) -> RenderOutcome {
        let templates: TemplateLibrary
        do { templates = try TemplateLibrary(directory: templatesDirectory) } catch {
            return RenderOutcome(rendered: [], diagnostics: FailureDiagnostics.of(error, profile: nil, templates: nil, topology: nil))
        }
        var rendered: [RenderedProfile] = [], diagnostics: [Diagnostic] = []
        let renderer = ProfileRenderer(templates: templates)
        for topology in topologies {
            do { rendered.append(try renderer.render(topology)) } catch {
                diagnostics += FailureDiagnostics.of(error, profile: topology.name, templates: templates, topology: topology)
            }
        }
        return RenderOutcome(rendered: rendered, diagnostics: diagnostics)
    }
}

/// Errors of the render step as diagnostics with codes.
public enum FailureDiagnostics {
    public static func of(_ error: Error, profile: String?, templates: TemplateLibrary?, topology: Topology?) -> [Diagnostic] {
        let prefix = profile.map { "profile \($0): " } ?? ""
        switch error {
        case let error as TemplateError:
            return template(error, prefix: prefix)
        case let failure as RoundTripFailure:
            return [readBack(failure, prefix: prefix, templates: templates, topology: topology)]
        case let violation as ArtifactInvariantViolation:
            return [Diagnostic(.error, at: nil, path: "", "\(prefix)internal: the \(violation.artifact) artifact cannot be built: \(violation.message)",
                               hint: "this is a bug of topogen, not of the profile or a template: validate should have refused the profile; please report it with the profile",
                               code: "internal-error")]
        default:
            return [Diagnostic(.error, at: nil, path: "", "\(prefix)cannot render: \(error)",
                               hint: "fix the profile or the template this names", code: "render-failed")]
        }
    }

    static func template(_ error: TemplateError, prefix: String) -> [Diagnostic] {
        func at(_ file: String, _ line: Int?, _ column: Int?) -> SourceLocation? {
            line.map { SourceLocation(file: file, line: $0, column: column ?? 1) }
        }
        switch error {
        case let .unresolvedNames(template, names):
            return names.map { name in
                Diagnostic(.error, at: at(template, name.line, name.column), path: "", prefix + name.message, hint: name.hint,
                           snippet: snippet(name.source, column: name.column), code: "template-unknown-name")
            }
        case let .syntax(file, line, column, problem, source):
            return [Diagnostic(.error, at: at(file, line, column), path: "", "\(prefix)template syntax: \(problem)",
                               hint: "check the {{…}} tags on this line", snippet: snippet(source, column: column), code: "template-syntax")]
        case let .missingPartial(file, line, name):
            return [Diagnostic(.error, at: at(file, line, 1), path: "", "\(prefix)partial '\(name)' does not exist (it would render as empty text)",
                               hint: "add \(name).mustache to the templates folder or fix the name", code: "template-missing-partial")]
        case let .missingTemplate(name, directory):
            return [Diagnostic(.error, at: nil, path: "", "\(prefix)template '\(name)' not found in \(directory)/",
                               hint: "add \(directory)/\(name).mustache", code: "template-missing")]
        case .directoryMissing(let directory):
            return [Diagnostic(.error, at: nil, path: "", "template folder '\(directory)' does not exist",
                               hint: "run topogen inside the project (any folder below the one holding profiles/ and templates/), or pass --templates DIR",
                               code: "template-missing")]
        case .unreadable(let file):
            return [Diagnostic(.error, at: SourceLocation(file: file, line: 1, column: 1), path: "", "cannot read the template as UTF-8 text",
                               hint: "save the template as UTF-8", code: "template-syntax")]
        }
    }

    static func snippet(_ source: String?, column: Int?) -> String? {
        guard let source, let column else { return nil }
        return "  \(source)\n  \(String(repeating: " ", count: max(0, column - 1)))^"
    }

    /// A read-back failure names the rendered line; report the template line that wrote it.
    static func readBack(_ failure: RoundTripFailure, prefix: String, templates: TemplateLibrary?, topology: Topology?) -> Diagnostic {
        let name = templateName(failure.template)
        let file = templates.map { $0.templatePath(name) } ?? failure.template
        var location: SourceLocation? = nil
        var snippet: String? = nil
        var renderedText = ""
        if let templates, let topology, let line = failure.line,
           let output = renderedOutput(template: name, topology: topology, templates: templates) {
            let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
            if line >= 1, line <= lines.count {
                renderedText = String(lines[line - 1])
                if let source = templates.source(name),
                   let position = TemplateLineMap.locate(rendered: renderedText, in: source, near: line) {
                    location = SourceLocation(file: file, line: position.line, column: position.column)
                    snippet = FailureDiagnostics.snippet(position.source, column: position.column)
                }
            }
        }
        let renderedNote = failure.line.map { " (rendered line \($0)\(renderedText.isEmpty ? "" : ": `\(renderedText.trimmingCharacters(in: .whitespaces))`"))" } ?? ""
        return Diagnostic(.error, at: location ?? SourceLocation(file: file, line: 1, column: 1), path: "",
                          "\(prefix)rendered output does not read back as its document: \(failure.message)\(renderedNote)",
                          hint: "the template breaks quoting or structure here, or writes a field the document lacks",
                          snippet: snippet, code: "read-back-mismatch")
    }

    static func templateName(_ path: String) -> String {
        var name = URL(fileURLWithPath: path).lastPathComponent
        if name.hasSuffix(".mustache") { name = String(name.dropLast(".mustache".count)) }
        return name
    }

    /// The text `template` renders for the first planned file that fails its read-back.
    static func renderedOutput(template: String, topology: Topology, templates: TemplateLibrary) -> String? {
        let deployment = Deployment(topology)
        for artifact in ArtifactCatalog.all {
            guard let planned = try? artifact.plan(deployment) else { continue }
            for file in planned where file.template == template {
                guard let text = try? templates.render(template, context: file.context) else { continue }
                if (try? file.verify(text)) == nil { return text }
            }
        }
        return nil
    }

    /// An output-folder failure as a diagnostic; a system error becomes one plain sentence.
    public static func output(_ error: Error, out: String) -> Diagnostic {
        if let error = error as? OutputError {
            switch error {
            case .io(let message):
                return Diagnostic(.error, at: nil, path: "", message, hint: writableHint(out), code: "output-io")
            default:
                let parts = error.description.components(separatedBy: "\n  hint: ")
                let message = parts[0].hasPrefix("error: ") ? String(parts[0].dropFirst(7)) : parts[0]
                return Diagnostic(.error, at: nil, path: "", message, hint: parts.count > 1 ? parts[1] : nil, code: "output-refused")
            }
        }
        return Diagnostic(.error, at: nil, path: "", "cannot write the output folder '\(out)': \(IOReason.describe(error))",
                          hint: writableHint(out), code: "output-io")
    }

    static func writableHint(_ out: String) -> String {
        "check that '\(out)' (or its parent) exists, is a folder and is writable by you, or choose another --out"
    }
}

/// The reason of a Foundation error in a few words (`Permission denied`), never the raw
/// `Error Domain=… UserInfo={…}` dump.
public enum IOReason {
    public static func describe(_ error: Error) -> String {
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain, let text = strerror(Int32(ns.code)) { return String(cString: text) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError { return describe(underlying) }
        switch CocoaError.Code(rawValue: ns.code) {
        case .fileNoSuchFile, .fileReadNoSuchFile: return "No such file or directory"
        case .fileWriteNoPermission, .fileReadNoPermission: return "Permission denied"
        case .fileWriteOutOfSpace: return "No space left on device"
        case .fileWriteVolumeReadOnly: return "Read-only file system"
        case .fileWriteFileExists: return "File exists"
        default:
            let text = ns.localizedDescription
            return text.contains("Error Domain=") ? "the operation failed (code \(ns.code))" : text
        }
    }
}
