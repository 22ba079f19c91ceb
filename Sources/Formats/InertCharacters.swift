/// Characters that no reader topogen writes for treats specially: a POSIX shell, python-dotenv,
/// Compose's `env_file`. A value made only of these may be written bare; anything else is quoted.
/// One set, so the shell and dotenv writers cannot drift apart.
public enum InertCharacters {
    public static let set: Set<Character> = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_./:@%+,-=")

    public static func contains(only text: String) -> Bool { text.allSatisfy(set.contains) }
}
