/// A warning the profile's owners have read and accepted, with their reason: `acknowledge:
/// [{code, reason}]` in a profile. It silences that warning code for this profile only (the
/// summary still lists it once), so `--strict` can gate CI on new warnings. Errors cannot be
/// acknowledged.
public struct Acknowledgement: Sendable, Hashable {
    public var code: String
    public var reason: String
    /// Where it was written, for the "acknowledges nothing" warning.
    public var location: SourceLocation?

    public init(code: String, reason: String, location: SourceLocation? = nil) {
        self.code = code
        self.reason = reason
        self.location = location
    }
}
