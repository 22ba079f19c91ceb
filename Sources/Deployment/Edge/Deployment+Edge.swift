import TopologyModel

extension Deployment {
    /// The Cloudflare edge (Access coverage, default deny, plan-aware rate limits).
    public var edge: EdgePlan { EdgePlan(topology) }

    /// Every request expectation, written and derived.
    public var expectations: [RequestExpectation] { EdgeExpectations.all(topology, plan: edge) }
}
