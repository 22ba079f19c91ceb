import TopologyModel

/// One profile's diagnostics after `acknowledge:` and `--strict` have been applied.
public struct Judged: Sendable {
    /// What to print, in order: errors, and the warnings nobody acknowledged.
    public var diagnostics: [Diagnostic]
    /// Each acknowledgement that matched, with how many warnings it covered (listed once).
    public var acknowledged: [(acknowledgement: Acknowledgement, count: Int)]

    public var failed: Bool { diagnostics.hasErrors }
}

public enum Acknowledging {
    public static let unusedCode = "unused-acknowledgement"
    public static let strictSuffix = " (a warning; --strict makes it an error)"

    /// Drops warnings whose code the profile acknowledges; an acknowledgement that matches no
    /// warning is itself a warning (it would hide the next, different problem of that code).
    /// Under `strict`, every warning left is reported as an error, so the text, the JSON and
    /// the exit code agree. `notRun` are the rules that did not run (they read a section that
    /// failed to load): an acknowledgement of one of them is not called unused.
    public static func judge(_ diagnostics: [Diagnostic], acknowledgements: [Acknowledgement], strict: Bool,
                             locations: SourceMap = SourceMap(), notRun: Set<String> = []) -> Judged {
        var kept: [Diagnostic] = []
        var counts = Array(repeating: 0, count: acknowledgements.count)
        for diagnostic in diagnostics {
            if diagnostic.severity == .warning,
               let index = acknowledgements.firstIndex(where: { $0.code == diagnostic.code }) {
                counts[index] += 1
            } else {
                kept.append(diagnostic)
            }
        }
        for (index, acknowledgement) in acknowledgements.enumerated() where counts[index] == 0 && !notRun.contains(acknowledgement.code) {
            kept.append(Diagnostic(.warning, at: locations.location(of: "acknowledge[\(index)].code"), path: "acknowledge[\(index)].code",
                                   "'\(acknowledgement.code)' is acknowledged but no warning has that code",
                                   hint: "remove the acknowledgement (the warning it was for is gone), or fix the code's spelling",
                                   code: unusedCode))
        }
        if strict {
            kept = kept.map { diagnostic in
                guard diagnostic.severity == .warning else { return diagnostic }
                var promoted = diagnostic
                promoted.severity = .error
                promoted.message += strictSuffix
                if promoted.hint == nil { promoted.hint = "fix it, or acknowledge it in the profile: acknowledge: [{code: \(diagnostic.code ?? "CODE"), reason: …}]" }
                return promoted
            }
        }
        let acknowledged = acknowledgements.enumerated().filter { counts[$0.offset] > 0 }.map { ($0.element, counts[$0.offset]) }
        return Judged(diagnostics: kept.sortedForDisplay(), acknowledged: acknowledged)
    }
}
