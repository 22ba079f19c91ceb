/// One component of a path topogen writes under `generated/<profile>/` (a profile, gateway,
/// consumer or unit name). Anything else could climb out of the folder (`..`, `/`), hide in a
/// listing (a leading `.`), pass for an option to the tools that read the manifest (a leading
/// `-`), or break `MANIFEST.sha256`, whose format is one path per line.
public enum FileName {
    static let allowed: Set<Unicode.Scalar> = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._+@-".unicodeScalars)

    /// Why `name` cannot be a file name in the output, or nil.
    public static func problem(_ name: String) -> String? {
        guard let first = name.unicodeScalars.first else { return "it is empty" }
        if name == "." || name == ".." { return "it names a folder, not a file" }
        if first == "." { return "a leading '.' hides the file" }
        if first == "-" { return "a leading '-' reads as an option to the tools that take the file name" }
        if let bad = name.unicodeScalars.first(where: { !allowed.contains($0) }) {
            let shown = Visible.isHidden(bad) || bad == " " ? "U+\(hex4(bad.value))" : "'\(String(bad))'"
            return "it holds \(shown); file names here use letters, digits and . _ + @ -"
        }
        return nil
    }

    /// A relative path of `problem`-free components, none of them `..`: what a generated file's
    /// path must be before it is joined to the output folder.
    public static func isSafeRelativePath(_ path: String) -> Bool {
        let parts = path.unicodeScalars.split(separator: "/", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
        return !path.hasPrefix("/") && parts.allSatisfy { problem($0) == nil }
    }
}
