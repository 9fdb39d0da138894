import Probes

/// A validated scenario: what to probe, when, what to watch, and how to judge.
///
/// Made by ``PlanLoader`` from YAML; every duration is in plan time (speed 1).
/// `Plan.scaled(by:)` compresses it for a faster run.
public struct Plan: Sendable {
    /// Short name of the plan, e.g. `pilot`.
    public var name: String
    /// Where the plan was read from.
    public var sourcePath: String
    /// The YAML text itself; kept so a report can be rebuilt from the database alone.
    public var source: String
    /// The deployment under test and how it speaks.
    public var target: TargetSpec
    /// Timed phases, in order of start.
    public var phases: [PhaseSpec]
    /// Probes that run for the whole plan.
    public var watch: [ProbeSpec]
    /// Warning and critical alert rules, evaluated as samples arrive.
    public var alerts: [AlertRule]
    /// Go-live gates, judged when the run ends.
    public var gates: [Gate]
    /// What to do on `rollback`, in order.
    public var rollback: [RollbackHook]
    /// Whether a critical alert ends the run early.
    public var stopOnCritical: Bool
    /// Timeout of a probe attempt that sets none of its own.
    public var defaultTimeout: Duration
    /// Locations the run is expected to be recorded from (`locations:`); one that never reports is named.
    public var locations: [String] = []
    /// How many locations must see a failure at once for it to count (`min_location_failed:`, as Datadog's).
    public var minLocationFailed = 1

    /// Length of the whole plan: the end of its last phase.
    public var duration: Duration { phases.map(\.end).max() ?? .zero }
}

/// One timed phase of the plan.
public struct PhaseSpec: Sendable {
    /// Name used in progress lines, the store and reports.
    public var name: String
    /// Offset from the start of the run at which the phase begins.
    public var start: Duration
    /// Offset at which it ends.
    public var end: Duration
    /// Probes run during the phase.
    public var probes: [ProbeSpec]
}

/// One probe entry of a plan: which probe, how often, for which providers.
public struct ProbeSpec: Sendable {
    /// Probe id from ``ProbeCatalog``.
    public var id: String
    /// How often it starts.
    public var cadence: Cadence
    /// Per-attempt timeout; nil means the plan's default.
    public var timeout: Duration?
    /// Providers to fan out to; empty for probes that are not per provider.
    public var providers: [String]
}

/// How often a probe starts.
public enum Cadence: Sendable, Equatable {
    /// Once, at the start of its phase.
    case once
    /// Repeatedly, this far apart.
    case every(Duration)
}

/// A command or HTTP call to run on `rollback`.
public struct RollbackHook: Sendable {
    /// What the step does, for the runbook.
    public var name: String
    /// What to run.
    public var action: Action
    /// How long the step may take when executed.
    public var timeout: Duration

    public init(name: String, action: Action, timeout: Duration) {
        self.name = name
        self.action = action
        self.timeout = timeout
    }

    /// What a hook runs.
    public enum Action: Sendable {
        /// A shell command, e.g. `railway rollback`.
        case command(String)
        /// An HTTP call against the backend, e.g. `POST /crm/admin/pause-sync?provider=hubspot&pause=true`.
        case http(method: String, path: String)
    }
}
