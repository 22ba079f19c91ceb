/// Characters that no reader topogen writes for treats specially: a POSIX shell, python-dotenv,
/// Compose's `env_file`. A value made only of these may be written bare; anything else is quoted.
/// One set, so the shell and dotenv writers cannot drift apart.
public enum InertCharacters {
    public static let set: Set<Character> = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_./:@%+,-=")

    /// The same set as scalars; checks walk scalars, since a `Character` can hide a quote or a
    /// line break behind a combining mark (`"\r\n"` is one `Character`).
    public static let scalars: Set<Unicode.Scalar> = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_./:@%+,-=".unicodeScalars)

    public static func contains(only text: String) -> Bool { text.unicodeScalars.allSatisfy(scalars.contains) }
}
