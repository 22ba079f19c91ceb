import TopologyModel

/// The few kinds of problem the loader reports, as stable diagnostic codes. The loader's
/// messages are worded per key; the code says which kind of mistake it is, so `acknowledge:`,
/// JSON consumers and `topogen explain` do not depend on the wording.
public enum LoaderCode {
    public static let yamlSyntax = "yaml-syntax"
    public static let duplicateKey = "duplicate-key"
    public static let unknownKey = "unknown-key"
    public static let missingKey = "missing-key"
    public static let wrongType = "wrong-type"
    public static let yaml11Trap = "yaml11-trap"
    public static let secretValue = "secret-value"
    public static let invalidValue = "invalid-value"
    public static let unreadable = "profile-unreadable"
    public static let anchor = "yaml-anchor"
    public static let unsafeCharacter = "unsafe-character"

    public static let all = [yamlSyntax, duplicateKey, unknownKey, missingKey, wrongType, yaml11Trap,
                             secretValue, invalidValue, unreadable, anchor, unsafeCharacter]

    /// The code of a loader diagnostic that has none yet, from the shape of its message. A
    /// declaration-driven loader can set codes itself; this keeps the older call sites coded.
    public static func classify(_ diagnostic: Diagnostic) -> String {
        let message = diagnostic.message
        func starts(_ prefixes: String...) -> Bool { prefixes.contains { message.hasPrefix($0) } }
        if starts("YAML syntax", "YAML structure", "the profile holds", "cannot parse the profile") { return yamlSyntax }
        if starts("cannot read the profile", "the profile is not UTF-8", "the profile is empty") { return unreadable }
        if starts("the profile uses an anchor", "the profile uses an alias") { return anchor }
        if starts("the value holds") { return unsafeCharacter }
        if starts("the profile is "), message.contains("bytes, more than") { return unreadable }
        if message.contains("duplicate key") { return duplicateKey }
        if starts("unknown key") { return unknownKey }
        if starts("missing required key") { return missingKey }
        if starts("expected ") { return wrongType }
        if message.contains("YAML 1.1") || message.contains("base-60") { return yaml11Trap }
        if message.contains("looks like a secret") { return secretValue }
        return invalidValue
    }

    /// Codes every uncoded diagnostic of a load.
    public static func coded(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.map { diagnostic in
            guard diagnostic.code == nil else { return diagnostic }
            var coded = diagnostic
            coded.code = classify(diagnostic)
            return coded
        }
    }
}
