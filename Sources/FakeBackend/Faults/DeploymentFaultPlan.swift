import FakeSupport

/// The faults a fake deployment runs with, and the decision a canary should reach against them.
///
/// Build one in code, or load it from YAML with ``load(path:speed:)``. Keys:
/// - `expect` (string, optional): `go`, `fix-and-retest` or `rollback`.
/// - `seed` (whole number, default 0): drives every random choice, e.g. which jobs fail.
/// - `time` (`real` or `plan`, default `real`): whether the faults' delays (webhook-latency `delay` and
///   `jitter`, provider latencies, a storm's `window`, a slow body's `interval`) and the fake CRMs' own
///   rate-limit windows are real time, or plan time divided by the speed like the fault windows. Delays that
///   feed latency gates must stay real: a gate's threshold is real time.
/// - `faults` (list, default empty), each with `kind` and an optional window `from` (default 0)
///   and `until` (default never), in plan time, divided by the speed. Per kind:
///   - `worker-stopped`: the worker takes no jobs.
///   - `sync-errors`: `rate` (fraction of jobs, default 1), `failing_attempts` (default 1),
///     `error` (`rejected`, `rate-limited` or `connection-failed`; default `rejected`), `provider`.
///   - `webhook-latency`: `delay` (required), `jitter` (default 0), `provider`; real time unless `time: plan`.
///   - `refuse-connections`: connections are reset.
///   - `accept-forged-webhooks`: signatures are not checked, so forged and stale webhooks are accepted.
///   - `import-drops-rows`: `rate` (default 0.05, at least one row per import) of imported rows never reach
///     the CRM while the import reports them imported; `provider`.
/// - `profile` (mapping, optional): how the deployment strays from the contract; see ``DeploymentProfile``.
/// - `providers` (mapping, optional): per fake CRM (`hubspot`, `zoho`, `odoo`), a list of provider faults or
///   `{seed, faults}`; see ``ProviderFaultPlan`` and the README's "Provider faults".
/// ```yaml
/// expect: fix-and-retest
/// seed: 7
/// faults:
///   - kind: sync-errors
///     rate: 0.2
///     from: 10m
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
    /// How many times faster than real time the delays and the fakes' windows run: 1, or the speed with `time: plan`.
    public var timeScale = 1.0
    /// Faults for the fake CRMs themselves, per provider.
    public var providers: [CRMProvider: ProviderFaultPlan]
    /// How the deployment strays from the contract (`profile:`), the contract itself by default.
    public var profile = DeploymentProfile()

    /// The faults `provider`'s fake runs with: its own section, or none under the plan's seed.
    public func faults(for provider: CRMProvider) -> ProviderFaultPlan {
        providers[provider] ?? ProviderFaultPlan(seed: seed)
    }

    /// Creates a plan from faults whose windows are already in real time.
    public init(
        seed: UInt64 = 0, faults: [DeploymentFault] = [], expectedDecision: String? = nil,
        providers: [CRMProvider: ProviderFaultPlan] = [:]
    ) {
        self.seed = seed
        self.faults = faults
        self.expectedDecision = expectedDecision
        self.providers = providers
    }
}
