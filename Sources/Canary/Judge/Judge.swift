import Foundation
import Probes

/// The one place a run is judged: rebuilds its observations from the store, replays its alert rules, judges its
/// gates, says why gates had no data, and asks ``DecisionEngine`` for the decision.
///
/// The end of `canary run`, `canary resume` and `canary report` all call it, so the printed decision, the exit
/// code and every rebuilt report agree, whether the run completed, was interrupted or was killed.
///
/// ```swift
/// let judgment = try await Judge(store: store).judge(runID: "20261205-101530-7f3a")
/// print(judgment.outcome.decision)
/// ```
public struct Judge: Sendable {
    public var store: any RunStore

    public init(store: any RunStore) { self.store = store }

    /// Judges `runID`. `end` and `reach` (real seconds since the start) describe a run ending now; by default
    /// they are the stored ones, or for a run that never recorded its end, how far its results reach.
    public func judge(runID: String, end: RunEnd? = nil, reach: Double? = nil) async throws -> Judgment {
        guard let run = try await store.run(runID) else { throw CanaryError.runNotFound(runID, database: store.location) }
        let plan = try Self.plan(of: run)
        var read = try await store.scanResults(of: runID, into: RunObservations()) { read, result in read.add(result) }
        read.observations.baseline = try await baselineLatencies(of: runID)
        let readings = try await store.prometheusReadings(of: runID)
        var metricsSource: String?
        if plan.target.metricsSource != nil || !readings.isEmpty {
            let answers = PrometheusReadings(readings)
            read.observations.prometheus = answers
            let servers = answers.sources.isEmpty ? plan.target.metricsSource.map { [$0.url] } ?? [] : answers.sources
            metricsSource = "Prometheus " + servers.joined(separator: ", ")
        }
        let end = end ?? run.end
        let reach = reach ?? run.reach ?? read.reach
        var monitor = AlertMonitor(rules: plan.alerts, speed: run.speed)
        let alerts = monitor.advance(read.observations, to: reach)
        let reasonsForNoData = NoDataReasons(
            plan: plan, observations: read.observations, reach: reach, speed: run.speed)
        let gates = plan.gates.map { gate in
            var verdict = gate.judge(read.observations, at: reach, speed: run.speed)
            if verdict.verdict == .noData { verdict.noDataCause = reasonsForNoData.cause(of: gate) }
            return verdict
        }
        let segments = try await store.segments(of: runID)
        let gaps = segments.filter { $0.position > 0 }.map { RunGap(at: $0.fromSeconds, seconds: $0.gapSeconds) }
        let findings = read.findings
        let outcome = DecisionEngine.decide(
            DecisionInput(
                end: end, speed: run.speed, alerts: alerts, gates: gates, findings: findings, attempts: read.attempts,
                reach: reach, gaps: gaps, shortestAlertWindow: plan.shortestAlertWindow))
        return Judgment(
            run: run, plan: plan, end: end, reach: reach, alerts: alerts, gates: gates, findings: findings,
            attempts: read.attempts, segments: segments, gaps: gaps, outcome: outcome, metricsSource: metricsSource)
    }

    /// The run's plan, read from the text stored with it.
    /// - Throws: ``CanaryError`` naming the problems when this version of canary cannot read it.
    public static func plan(of run: RunRecord) throws -> Plan {
        do {
            return try PlanLoader.parse(run.planSource, file: run.planPath)
        } catch let invalid as PlanInvalid {
            throw CanaryError.storedPlanInvalid(run.id, version: run.harnessVersion, invalid)
        }
    }

    private func baselineLatencies(of runID: String) async throws -> [ProbeKey: [Double]]? {
        guard let baselineID = try await store.baseline(of: runID)?.baselineRunID else { return nil }
        return try await store.latencies(of: baselineID)
    }
}

/// Everything the judge read and decided about one run.
public struct Judgment: Sendable {
    public var run: RunRecord
    public var plan: Plan
    /// How the run ended, and how far (real seconds since its start) its results reach.
    public var end: RunEnd
    public var reach: Double
    /// Alert transitions, replayed from the stored results.
    public var alerts: [AlertEvent]
    public var gates: [GateVerdict]
    public var findings: [Finding]
    /// Finished attempts of any outcome.
    public var attempts: Int
    public var segments: [RunSegment]
    public var gaps: [RunGap]
    public var outcome: DecisionOutcome
    /// Where metric rules were evaluated when not over the harness's own scrapes: `Prometheus http://…`.
    public var metricsSource: String?
}

extension Plan {
    /// Plan seconds of the shortest window any alert rule looks back over; nil when none has a window.
    public var shortestAlertWindow: Double? {
        alerts.compactMap { rule -> Double? in
            switch rule.condition.query.range {
            case .last(let duration): duration.seconds
            case .run: nil
            case nil: Query.staleness.seconds
            }
        }.min()
    }

    /// Whether any entry of the plan runs probe `id`.
    func runs(_ id: String) -> Bool {
        (watch + phases.flatMap(\.probes)).contains { $0.id == id }
    }
}

extension RunStore {
    /// Records how a run ended and the judgment of it.
    public func finish(_ runID: String, endedAt: Date, judgment: Judgment) async throws {
        try await finish(
            runID, endedAt: endedAt, end: judgment.end, reach: judgment.reach, alerts: judgment.alerts,
            gates: judgment.gates, outcome: judgment.outcome)
    }
}
