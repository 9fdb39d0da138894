import Probes

/// Everything a report shows, built from the database alone. Encoded as `report.json`
/// (schema version ``RunReport/currentSchemaVersion``; fields are only ever added within a version).
public struct RunReport: Sendable, Codable {
    /// Version of the JSON layout.
    public static let currentSchemaVersion = 2

    public var schemaVersion: Int
    public var run: RunInfo
    public var decision: Decision
    /// The decision's headline: its first reasons as sentences, most serious first, then `and N more …`.
    public var reasons: [String]
    /// Every reason, as data: cause, rules, probe instance, counts, the most common detail, values with units.
    public var reasonDetails: [Reason]
    public var gates: [GateVerdict]
    public var phases: [PhaseInfo]
    public var probes: [ProbeStats]
    /// Alert transitions in time order; `at` is seconds since the run began.
    public var alerts: [AlertEvent]
    public var failures: [FailureGroup]
    public var findings: [Finding]
    /// Stretches nothing watched the target (the run was killed and resumed); `at` is real seconds on the run's clock.
    public var gaps: [RunGap]
    /// Latency over plan time per probe id, bucketed, with the thresholds that apply to it.
    public var latencySeries: [LatencySeries]
    /// Whether connect, TLS, first-byte and transfer times were measured (they are not yet).
    public var latencyBreakdownMeasured: Bool
    /// The rollback runbook and any executed steps; nil unless the decision is `rollback` or steps ran.
    public var rollback: RollbackSection?
    /// The comparison with a baseline run; nil unless the run was started with one.
    public var comparison: ComparisonSection?
    /// Each location of a run recorded from several, by name; nil for a run recorded from one unnamed place.
    public var locations: [LocationSummary]? = nil
    /// How many locations must see a failure for it to count, for a run with locations.
    public var minLocationFailed: Int? = nil

    /// Run metadata.
    public struct RunInfo: Sendable, Codable {
        public var id: String
        public var plan: String
        public var planPath: String
        public var target: String
        public var speed: Double
        public var faults: String?
        public var harnessVersion: String
        /// ISO 8601.
        public var startedAt: String
        public var endedAt: String?
        public var end: RunEnd
        /// Wall-clock seconds the run took (from its start to its last end, gaps included).
        public var durationSeconds: Double?
        /// Real seconds on the run's own clock that its results reach (plan seconds divided by the speed).
        public var reachSeconds: Double
        /// How the target's TLS certificate was trusted, when not by the system's roots alone.
        public var tls: String? = nil
        /// Where metric alerts and gates were evaluated, when not over the harness's own scrapes
        /// (`Prometheus http://prometheus:9090`).
        public var metricsSource: String? = nil

        /// Whether the run accepted any certificate, which reports say loudly.
        public var skippedTLSVerification: Bool { tls == ProbeTLS.unverifiedSummary }
    }

    /// One phase of the plan, in plan time.
    public struct PhaseInfo: Sendable, Codable {
        public var name: String
        public var fromSeconds: Double
        public var untilSeconds: Double
    }

    /// Latency and outcome counts of one probe instance; latencies in seconds from the due time.
    public struct ProbeStats: Sendable, Codable {
        public var probe: String
        public var provider: String?
        public var attempts: Int
        public var passed: Int
        public var failed: Int
        /// Attempts the harness could not judge; they count neither way and are left out of the latencies.
        public var unverified: Int
        public var p50: Double?
        public var p95: Double?
        public var p99: Double?
        public var max: Double?
    }

    /// Failures of one error class, with a few examples.
    public struct FailureGroup: Sendable, Codable {
        public var errorClass: String
        public var count: Int
        public var examples: [String]
    }
}
