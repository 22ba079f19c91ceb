import Formats
import Foundation
import Mustache

/// Problems a template can have. Each names the template file and, where known, the line.
public enum TemplateError: Error, CustomStringConvertible, Equatable {
    case directoryMissing(String)
    case unreadable(String)
    case syntax(file: String, line: Int, column: Int, problem: String, source: String)
    case missingTemplate(name: String, directory: String)
    case unresolvedNames(template: String, names: [UnresolvedName])
    case missingPartial(file: String, line: Int, name: String)

    public var description: String {
        switch self {
        case .directoryMissing(let dir):
            return "error: template folder '\(dir)' does not exist\n  hint: run topogen from the repository root, or pass --templates DIR"
        case .unreadable(let file):
            return "\(file): error: cannot read the template as UTF-8 text"
        case let .syntax(file, line, column, problem, source):
            let pad = String(repeating: " ", count: max(0, column - 1))
            return "\(file):\(line):\(column): error: template syntax: \(problem)\n  \(source)\n  \(pad)^\n  hint: check the {{…}} tags on this line"
        case let .missingTemplate(name, directory):
            return "error: template '\(name)' not found in \(directory)/\n  hint: add \(directory)/\(name).mustache"
        case let .missingPartial(file, line, name):
            return "\(file):\(line): error: partial '\(name)' does not exist (it would render as empty text)\n  hint: add templates/\(name).mustache or fix the name"
        case let .unresolvedNames(template, names):
            return names.map { $0.description(template: template) }.joined(separator: "\n")
        }
    }
}

/// The templates folder, loaded synchronously and checked: a missing folder or template is an
/// error (swift-mustache would silently give an empty library or `nil`).
public struct TemplateLibrary: Sendable {
    public let directory: String
    private let library: MustacheLibrary
    public let names: [String]
    /// Each template's text by name, to locate a problem at the template's own line.
    private let sources: [String: String]

    /// Registers the custom content types once, before any template is parsed (they are
    /// looked up at parse time).
    private static let registered: Bool = {
        MustacheContentTypes.register(YAMLScalarContentType(), named: "YAML")
        return true
    }()

    public init(directory: String) throws {
        _ = TemplateLibrary.registered
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw TemplateError.directoryMissing(directory)
        }
        let root = URL(fileURLWithPath: directory)
        var library = MustacheLibrary()
        var names: [String] = []
        var sources: [(String, String)] = []
        let files = (FileManager.default.enumerator(atPath: directory)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".mustache") }.sorted()
        for relative in files {
            let url = root.appendingPathComponent(relative)
            guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
                throw TemplateError.unreadable("\(directory)/\(relative)")
            }
            let name = String(relative.dropLast(".mustache".count))
            do {
                try library.register(text, named: name)
            } catch let error as MustacheTemplate.ParserError {
                throw TemplateError.syntax(file: "\(directory)/\(relative)", line: error.context.lineNumber,
                                           column: error.context.columnNumber, problem: "\(error.error)",
                                           source: error.context.line)
            }
            names.append(name)
            sources.append((relative, text))
        }
        // swift-mustache renders a missing partial as "": check every `{{> name}}` up front.
        for (relative, text) in sources {
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                var rest = Substring(line)
                while let open = rest.range(of: "{{>") {
                    guard let close = rest[open.upperBound...].range(of: "}}") else { break }
                    let partial = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                    if !partial.hasPrefix("*"), !names.contains(partial) {
                        throw TemplateError.missingPartial(file: "\(directory)/\(relative)", line: index + 1, name: partial)
                    }
                    rest = rest[close.upperBound...]
                }
            }
        }
        self.directory = directory
        self.library = library
        self.names = names
        self.sources = Dictionary(sources.map { (String($0.0.dropLast(".mustache".count)), $0.1) }, uniquingKeysWith: { a, _ in a })
    }

    /// The text of template `name`, as read.
    public func source(_ name: String) -> String? { sources[name] }

    /// Renders `name` with `context` as the root. Any name the template uses that the context
    /// does not define fails the render.
    public func render(_ name: String, context: Any) throws -> String {
        guard names.contains(name) else { throw TemplateError.missingTemplate(name: name, directory: directory) }
        let root = StrictRoot(context)
        guard let text = library.render(root, withTemplate: name) else {
            throw TemplateError.missingTemplate(name: name, directory: directory)
        }
        let missed = root.missedNames
        if !missed.isEmpty {
            let candidates = ContextNames.all(in: context)
            let located = missed.map { missing in
                UnresolvedName.locate(missing, in: sources[name] ?? "", suggestion: DidYouMean.closest(missing, in: candidates))
            }
            throw TemplateError.unresolvedNames(template: "\(directory)/\(name).mustache", names: located)
        }
        return text
    }

    public func templatePath(_ name: String) -> String { "\(directory)/\(name).mustache" }
}
