/// The declaration behind a key path, for checks that run on the raw node tree before the
/// sections are read (the secret scan), so they can honour what a key is declared to hold.
extension ProfileSection {
    /// The grammar declared for the string at `path` (`tunnel.release.sha256`, `hosts[0].name`,
    /// `gateway.env.TZ`), or nil when the path names no declared string key.
    func grammar(at path: String) -> Grammar? {
        var kind = ValueKind.mapping(self)
        for component in path.split(separator: ".", omittingEmptySubsequences: false) {
            let name = component.prefix { $0 != "[" }
            let indices = component.dropFirst(name.count).filter { $0 == "[" }.count
            switch kind {
            case .mapping(let section):
                guard let key = section.key(named: String(name)) else { return nil }
                kind = key.kind
            case .map(let value, _):
                kind = value
            default:
                return nil
            }
            for _ in 0..<indices {
                guard case .list(let element) = kind else { return nil }
                kind = element
            }
        }
        if case .string(let grammar) = kind { return grammar }
        return nil
    }
}
