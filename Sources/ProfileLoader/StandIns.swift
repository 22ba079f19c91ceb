import TopologyModel

/// Why stand-ins exist: a `Topology` has a value for every section, but when a profile's
/// `gateway:` has a typo the loader has no gateway. To still run, in the same run, every
/// validation rule that does not read the gateway (so the user sees all their mistakes at
/// once), the partial topology holds a stand-in where each failed section would be. A stand-in
/// is never judged: `Validator` runs only rules whose `reads` all loaded, `RuleReadsTests`
/// proves the `reads` lists honest, and a partial topology is never rendered
/// (`LoadResult.topology` stays nil whenever there were errors).
///
/// Each stand-in is the section decoded from its declarations with the plainest value of each
/// kind (empty text and lists, 0, false, the first choice; optional keys absent), so a key added
/// to a section reaches its stand-in without a change here.
public enum StandIns {
    /// Every section as a stand-in, in one topology (named after nothing).
    public static let topology: Topology = {
        guard case .record(let record) = neutral(.mapping(.profile)),
              let topology = try? ProfileSections.decode(record.fields).topology(name: "", file: "") else {
            preconditionFailure("the stand-in sections do not decode: a key declaration and its model disagree")
        }
        return topology
    }()

    static func neutral(_ kind: ValueKind) -> CheckedValue {
        switch kind {
        case .string: return .text("")
        case .integer: return .integer(0)
        case .boolean: return .boolean(false)
        case .choice(let options): return .text(options.first ?? "")
        case .byteSize, .byteSizeOrZero: return .text("0")
        case .duration: return .text("0s")
        case .list, .map: return .list([])
        case .mapping(let section):
            var fields: [String: CheckedValue] = [:]
            for key in section.keys where key.presence != .optional { fields[key.field] = neutral(key.kind) }
            return .record(CheckedRecord(section: section, fields: fields))
        }
    }
}
