/// The written deployment plan a profile implements, when it implements one. Only then does the
/// output cite the plan's sections and say where the plan is stale: a profile that names no plan
/// gets none of the plan's text.
public struct PlanReference: Sendable, Equatable {
    /// How the output names it, e.g. "the NewAPI deployment plan v2 (2026-05-14)".
    public var title: String

    public init(title: String) { self.title = title }
}
