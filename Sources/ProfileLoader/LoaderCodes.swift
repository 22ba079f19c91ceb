/// The few kinds of problem the loader reports, as stable diagnostic codes. The loader's
/// messages are worded per key; the code says which kind of mistake it is, so `acknowledge:`,
/// JSON consumers and `topogen explain` do not depend on the wording. Every loader error is
/// made with one of these at its call site (`NodeReader.error`, `GrammarProblem`), never
/// derived from the message afterwards.
public enum LoaderCode: String, CaseIterable, Sendable {
    case yamlSyntax = "yaml-syntax"
    case duplicateKey = "duplicate-key"
    case unknownKey = "unknown-key"
    case missingKey = "missing-key"
    case wrongType = "wrong-type"
    case yaml11Trap = "yaml11-trap"
    case secretValue = "secret-value"
    case invalidValue = "invalid-value"
    case unreadable = "profile-unreadable"
    case anchor = "yaml-anchor"
    case unsafeCharacter = "unsafe-character"

    public static let all = allCases.map(\.rawValue)
}
