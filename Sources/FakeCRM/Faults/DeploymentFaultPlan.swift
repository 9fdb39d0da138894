/// The faults a fake deployment runs with, and the decision a canary should reach against them.
///
/// Build one in code, or load it from YAML with ``load(path:speed:)``:
/// ```yaml
/// expect: rollback          # go | fix-and-retest | rollback
/// seed: 7                   # drives which jobs are affected; default 0
/// faults:
///   - kind: sync-errors     # worker-stopped | sync-errors | webhook-latency | refuse-connections
///     rate: 0.2
///     from: 10m             # plan time, divided by the speed; `until` likewise
/// ```
public struct DeploymentFaultPlan: Sendable, Hashable {
    /// No faults: the deployment behaves.
    public static let none = DeploymentFaultPlan()

    /// The decisions a plan may expect.
    public static let decisions = ["go", "fix-and-retest", "rollback"]

    /// The decision a canary should reach against this plan (`go`, `fix-and-retest` or `rollback`).
    public var expectedDecision: String?
    /// Seed for every random choice the faults make.
    public var seed: UInt64
    /// The faults, in the order they were written.
    public var faults: [DeploymentFault]

    /// Creates a plan from faults whose windows are already in real time.
    public init(seed: UInt64 = 0, faults: [DeploymentFault] = [], expectedDecision: String? = nil) {
        self.seed = seed
        self.faults = faults
        self.expectedDecision = expectedDecision
    }
}
