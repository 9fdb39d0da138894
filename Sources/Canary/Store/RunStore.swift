import Foundation
import Probes

/// Where runs are recorded and read back, e.g. the SQLite file of ``CanaryStore``. Every store keeps the same schema
/// and returns the same answers for the same writes, order included, so a report rebuilt from any has the same bytes.
public protocol RunStore: Sendable {
    /// Where the database lives, for messages: a file path, or a URL without its password.
    var location: String { get }

    /// Records the start of a run, its first segment, and the process recording it.
    func begin(_ run: RunRecord) async throws
    /// Records that `runID` goes on in a new segment, recorded by this process, and reopens it.
    func resume(_ runID: String, segment: RunSegment, pid: Int32, host: String) async throws
    /// Appends a batch of results, with their metric samples, in one transaction.
    func append(_ results: [ProbeResult], to runID: String) async throws
    /// Records how a run ended and what the judge made of it: alerts, gate verdicts, decision and reasons.
    func finish(
        _ runID: String, endedAt: Date, end: RunEnd, reach: Double, alerts: [AlertEvent], gates: [GateVerdict],
        outcome: DecisionOutcome) async throws
    /// Records the baseline of `runID`.
    func setBaseline(_ baseline: RunBaseline, of runID: String) async throws
    /// Records the rollback steps executed for `runID`, replacing any earlier record.
    func recordRollback(_ steps: [RollbackStepRecord], of runID: String) async throws
    /// Appends what Prometheus answered for a run's metric conditions, in one transaction.
    func append(_ readings: [PrometheusReading], to runID: String) async throws

    /// Records that a runner records into `runID` from `location.name`: a new location, or one rejoining (its
    /// pid, host, target and start replaced, its finish cleared).
    func join(_ runID: String, location: RunLocation) async throws
    /// Records that the runner of `location` is alive at `seconds` (real seconds on the run's clock); returns the
    /// run's decision once some runner has taken it, so a runner learns it without reading the whole run.
    @discardableResult
    func heartbeat(_ runID: String, location: String, at seconds: Double) async throws -> Decision?
    /// Records that `location` played its timeline to the end at `seconds`.
    func finishLocation(_ runID: String, location: String, at seconds: Double) async throws
    /// The locations recording into `runID`, by name; empty for a run recorded from one unnamed place.
    func locations(of runID: String) async throws -> [RunLocation]
    /// The location names of every run recorded from locations, by run id, each list by name: one read for a listing.
    func locationNames() async throws -> [String: [String]]
    /// Takes or renews, for `holder`, the lease to decide `runID` until `until`. True when it is `holder`'s now;
    /// false while another holder's lease runs, or once the run is decided. One conditional update, so two
    /// runners finishing at once never both decide, and a lease whose holder died runs out.
    func claimDecision(of runID: String, by holder: String, until: Date, now: Date) async throws -> Bool

    /// Every run, newest first (runs started at the same instant in recording order).
    func runs() async throws -> [RunRecord]
    /// One run, or nil.
    func run(_ id: String) async throws -> RunRecord?
    /// The newest run whose decision was `decision`, other than `id`, if any.
    func latestRun(withDecision decision: Decision, excluding id: String?) async throws -> RunRecord?
    /// All results of a run in finishing order, with the metric samples they collected.
    func results(of runID: String) async throws -> [ProbeResult]
    /// Alert transitions of a run, in time order.
    func alerts(of runID: String) async throws -> [AlertEvent]
    /// Gate verdicts of a run, in plan order.
    func gates(of runID: String) async throws -> [GateVerdict]
    /// The segments of a run, in order: the first from its start, one more per resume.
    func segments(of runID: String) async throws -> [RunSegment]
    /// The latest finish time of any stored result of `runID` (real seconds since it began), 0 with none.
    func lastFinish(of runID: String) async throws -> Double
    /// The baseline recorded for `runID`, if it was run with one.
    func baseline(of runID: String) async throws -> RunBaseline?
    /// The rollback steps executed for `runID`, in order; empty when none were executed.
    func rollbackSteps(of runID: String) async throws -> [RollbackStepRecord]
    /// What Prometheus answered for `runID`, in the order it was recorded; empty for a run that scraped.
    func prometheusReadings(of runID: String) async throws -> [PrometheusReading]

    /// Streams a run's attempts (by probe, then in recording order) into `accumulator`, without holding them all in memory.
    func scanAttempts<A: Sendable>(
        of runID: String, into accumulator: A, _ body: @escaping @Sendable (inout A, StoredAttempt) -> Void
    ) async throws -> A
    /// Streams a run's results in finishing order, each with the metric samples it collected, into `accumulator`.
    func scanResults<A: Sendable>(
        of runID: String, into accumulator: A, _ body: @escaping @Sendable (inout A, ProbeResult) -> Void
    ) async throws -> A
    /// Latencies of a run's attempts per probe instance (`probe` or `probe (provider)`), for comparisons.
    func latencies(of runID: String) async throws -> [ProbeKey: [Double]]
}

extension RunStore {
    /// Records how a run ended with no alert transitions.
    public func finish(
        _ runID: String, endedAt: Date, end: RunEnd, reach: Double, gates: [GateVerdict], outcome: DecisionOutcome
    ) async throws {
        try await finish(runID, endedAt: endedAt, end: end, reach: reach, alerts: [], gates: gates, outcome: outcome)
    }

    /// The newest run whose decision was `decision`, if any.
    public func latestRun(withDecision decision: Decision) async throws -> RunRecord? {
        try await latestRun(withDecision: decision, excluding: nil)
    }
}
