import Foundation
import Pipeline
import TopologyModel

/// The document `--format json` prints on stdout: every diagnostic the text would show (same
/// order, same fields), what was acknowledged, the plan of file changes, and the exit code.
struct JSONReport: Encodable {
    struct Item: Encodable {
        var diagnostic: Diagnostic
        enum Keys: String, CodingKey { case severity, code, file, line, column, keyPath = "key_path", message, hint }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(diagnostic.severity.rawValue, forKey: .severity)
            try c.encode(diagnostic.code, forKey: .code)
            try c.encode(diagnostic.location?.file, forKey: .file)
            try c.encode(diagnostic.location?.line, forKey: .line)
            try c.encode(diagnostic.location?.column, forKey: .column)
            try c.encode(diagnostic.keyPath.isEmpty ? nil : diagnostic.keyPath, forKey: .keyPath)
            try c.encode(diagnostic.message, forKey: .message)
            try c.encode(diagnostic.hint, forKey: .hint)
        }
    }

    struct Acknowledged: Encodable {
        var profile: String
        var code: String
        var reason: String
        var count: Int
    }

    struct Change: Encodable {
        var action: String
        var path: String
        var mode: String?
        var diff: String?
        enum Keys: String, CodingKey { case action, path, mode, diff }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(action, forKey: .action)
            try c.encode(path, forKey: .path)
            try c.encode(mode, forKey: .mode)
            try c.encode(diff, forKey: .diff)
        }
    }

    var command: String
    var version: String
    var project: String?
    var exitCode: Int32
    var errors: Int
    var warnings: Int
    var diagnostics: [Item]
    var acknowledged: [Acknowledged]
    var changes: [Change]?
    var messages: [String]

    enum CodingKeys: String, CodingKey {
        case command, version, project, exitCode = "exit_code", errors, warnings, diagnostics, acknowledged, changes, messages
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(command, forKey: .command)
        try c.encode(version, forKey: .version)
        try c.encode(project, forKey: .project)
        try c.encode(exitCode, forKey: .exitCode)
        try c.encode(errors, forKey: .errors)
        try c.encode(warnings, forKey: .warnings)
        try c.encode(diagnostics, forKey: .diagnostics)
        try c.encode(acknowledged, forKey: .acknowledged)
        try c.encode(changes, forKey: .changes)
        try c.encode(messages, forKey: .messages)
    }

    func text() -> String { Self.text(of: self) }

    /// Every JSON document topogen prints: sorted keys, so the output is byte-stable.
    static func text(of value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self) + "\n"
    }
}
