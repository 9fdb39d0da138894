import CoreMetrics
import Logging
import Probes

/// Everything one run needs besides the plan.
public struct RunSettings: Sendable {
    /// How much faster than plan time the run goes (60 runs two hours in two minutes).
    public var speed: Double
    /// The deployment under test, resolved from flags, environment and plan.
    public var target: ProbeTarget
    /// Secrets for probes, read from the environment.
    public var secrets: ProbeSecrets
    /// Fault plan the fakes run with, for the record.
    public var faults: String?
    /// Version of the harness, for the record.
    public var harnessVersion: String
    /// Where `reports/<run-id>/` folders go.
    public var reportDirectory: String
    /// Progress lines for people watching.
    public var progress: @Sendable (String) -> Void
    /// Live status snapshots for a progress view, about four a second; nil sends none.
    public var status: (@Sendable (RunStatus) -> Void)?
    /// Baseline to compare latencies with: `last-go` or a run id; nil compares with nothing.
    public var baseline: String?
    /// Whether a `rollback` decision executes the plan's rollback hooks (otherwise they are only printed).
    public var executeRollback = false
    /// Where the harness's own metrics go (`canary_attempts_total`, …); nothing is recorded by default.
    public var metrics: any MetricsFactory = NOOPMetricsHandler.instance
    /// Whether the target is the bundled fakes (a resume starts them anew) or a deployment.
    public var mode: RunRecord.Mode = .target
    /// How probes trust the target's certificate; recorded with the run so reports show it.
    public var tls = ProbeTLS()
    /// The location this runner records from, in a run recorded from several (`--location`); nil otherwise.
    public var location: String?
    public var logger: Logger

    public init(
        speed: Double, target: ProbeTarget, secrets: ProbeSecrets = ProbeSecrets(), faults: String? = nil,
        harnessVersion: String = CanaryVersion.current, reportDirectory: String = "reports",
        progress: @escaping @Sendable (String) -> Void = { _ in }, logger: Logger
    ) {
        self.speed = speed
        self.target = target
        self.secrets = secrets
        self.faults = faults
        self.harnessVersion = harnessVersion
        self.reportDirectory = reportDirectory
        self.progress = progress
        self.logger = logger
    }
}

/// The harness version recorded with each run.
public enum CanaryVersion {
    public static let current = "0.1.0"
}
