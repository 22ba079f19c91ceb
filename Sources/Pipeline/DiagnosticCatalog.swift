import ProfileLoader
import Validation

/// What each diagnostic code means, for `topogen explain CODE`. Codes are stable: a code is
/// never renamed or reused, so `acknowledge:` entries and CI scripts keep working.
public enum DiagnosticCatalog {
    public struct Entry: Sendable, Equatable {
        public var code: String
        /// Where the code comes from: the loader, a validation rule, rendering or the output.
        public var kind: String
        public var summary: String
    }

    static let fixed: [String: (kind: String, summary: String)] = [
        LoaderCode.yamlSyntax.rawValue: ("profile", "The profile is not well-formed YAML (libyaml's own message; a tab in indentation is a common cause)."),
        LoaderCode.duplicateKey.rawValue: ("profile", "A key appears twice in one mapping; YAML readers disagree on which one wins."),
        LoaderCode.unknownKey.rawValue: ("profile", "A key the format does not have, usually a typo; the did-you-mean names the closest key."),
        LoaderCode.missingKey.rawValue: ("profile", "A required key is absent."),
        LoaderCode.wrongType.rawValue: ("profile", "A value has the wrong shape: a list where a mapping belongs, text where a number belongs, …"),
        LoaderCode.yaml11Trap.rawValue: ("profile", "A value YAML 1.1 readers would change (no -> false, 0750 -> 488, 22:22 -> 1342); quote it or write it plainly."),
        LoaderCode.secretValue.rawValue: ("profile", "A value looks like a real secret; profiles name secrets and where they live, never their value."),
        LoaderCode.invalidValue.rawValue: ("profile", "A value outside what the key accepts (an enum, a size, a duration, a file mode, …)."),
        LoaderCode.unreadable.rawValue: ("profile", "The profile file cannot be read, is not UTF-8, is empty, or is larger than 4 MiB."),
        LoaderCode.anchor.rawValue: ("profile", "The profile uses a YAML anchor or alias; they are refused because a few lines of aliases can expand to billions of values."),
        LoaderCode.unsafeCharacter.rawValue: ("profile", "A one-line value holds a line break, a control character or an invisible or bidirectional character a reviewer cannot see."),
        "usage": ("command line", "The command line is wrong: an unknown subcommand (with a did-you-mean), an unknown option, a missing argument or value, or a folder where a profile name belongs; exit 64."),
        "no-profiles": ("project", "No profile folder or no profile in it; run inside a project or pass --profiles DIR."),
        "unknown-profile": ("project", "A profile named on the command line does not exist in the profile folder."),
        "duplicate-profile": ("project", "Two files (NAME.yaml and NAME.yml) define the same profile name."),
        "profile-exists": ("project", "`topogen init NAME` never overwrites an existing profile."),
        Acknowledging.unusedCode: ("profile", "An `acknowledge:` entry matches no warning; remove it so it cannot hide a new problem."),
        "template-syntax": ("template", "A Mustache template does not parse; the location is the template's own line and column."),
        "template-unknown-name": ("template", "A template uses a name its artifact's document does not define (Mustache would print nothing)."),
        "template-missing-partial": ("template", "A template includes a partial that does not exist (Mustache would print nothing)."),
        "template-missing": ("template", "The template folder, or a template an artifact needs, is missing."),
        "read-back-mismatch": ("template", "A rendered file, parsed by its format's reader, differs from the document it was rendered from; the location is the template line that wrote the bad line."),
        "render-failed": ("render", "An artifact could not be built from the profile."),
        "internal-error": ("render", "An artifact's own invariant broke on a profile validate accepted: a bug of topogen; report it with the profile."),
        "output-refused": ("output", "render will not replace an output folder it did not write, or one holding files it did not write; nothing is written."),
        "output-io": ("output", "The output folder cannot be created or written (permissions, a read-only or virtual file system, a file in the way)."),
        "stale-output": ("output", "check: the output folder differs from what render would write."),
    ]

    public static func entry(_ code: String) -> Entry? {
        if let fixed = fixed[code] { return Entry(code: code, kind: fixed.kind, summary: fixed.summary) }
        guard Validator.rules.contains(where: { $0.name == code }) else { return nil }
        let summary = RuleSummaries.text[code] ?? "Validation rule '\(code)'; its message and hint say what to change."
        return Entry(code: code, kind: "validation rule", summary: summary)
    }

    /// Every code topogen can emit, sorted.
    public static var codes: [String] { (Array(fixed.keys) + Validator.rules.map(\.name)).sorted() }
}
