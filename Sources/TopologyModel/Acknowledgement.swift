/// A warning the profile's owners have read and accepted, with their reason: `acknowledge:
/// [{code, reason}]` in a profile. It silences that warning code for this profile only (the
/// summary still lists it once), so `--strict` can gate CI on new warnings. Errors cannot be
/// acknowledged.
public struct Acknowledgement: Sendable, Hashable, Decodable {
    /// A diagnostic code, as printed in brackets and listed by `topogen explain`.
    public var code: String
    public var reason: String

    public init(code: String, reason: String) {
        self.code = code
        self.reason = reason
    }
}
