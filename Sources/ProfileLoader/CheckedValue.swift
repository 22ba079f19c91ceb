/// A profile value once it has passed its declaration: the only shapes the model decoder sees.
/// Sizes, durations and choices stay text; their model types parse that text themselves.
indirect enum CheckedValue {
    case text(String)
    case integer(Int)
    case boolean(Bool)
    case list([CheckedValue])
    case record(CheckedRecord)
}

/// A checked mapping: its fields keyed by the model property they land in. `section` is nil for
/// the entries of a `map` key, which have the fields `name` and `value`.
struct CheckedRecord {
    var section: ProfileSection?
    var fields: [String: CheckedValue]

    static let entryFields = ["name", "value"]
}
