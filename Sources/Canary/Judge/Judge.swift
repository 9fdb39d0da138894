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
        var read = try await store.scanResults(of: runID, into: LocatedObservations()) { read, result in read.add(result) }
        let baseline = try await baselineLatencies(of: runID)
        let readings = try await store.prometheusReadings(of: runID)
        var metricsSource: String?
        var prometheus: PrometheusReadings?
        if plan.target.metricsSource != nil || !readings.isEmpty {
            let answers = PrometheusReadings(readings)
            prometheus = answers
            let servers = answers.sources.isEmpty ? plan.target.metricsSource.map { [$0.url] } ?? [] : answers.sources
            metricsSource = "Prometheus " + servers.joined(separator: ", ")
        }
        read.share(baseline: baseline, prometheus: prometheus)
        let end = end ?? run.end
        let reach = reach ?? run.reach ?? read.all.reach
        let joined = try await store.locations(of: runID)
        let names = Array(Set(joined.map(\.name) + plan.locations)).sorted()
        let alerts: [AlertEvent], gates: [GateVerdict], uncounted: [String]
        if names.isEmpty {
            (alerts, gates) = Self.rules(plan, over: read.all, reach: reach, speed: run.speed)
            uncounted = []
        } else {
            (alerts, gates, uncounted) = Self.rulesByLocation(plan, names: names, read: read, reach: reach, speed: run.speed)
        }
        let locations = LocationSummary.of(
            names, joined: joined, read: read, reach: reach, limit: RunLocation.silenceLimit(plan, speed: run.speed))
        let segments = try await store.segments(of: runID)
        let gaps = segments.filter { $0.position > 0 }.map { RunGap(at: $0.fromSeconds, seconds: $0.gapSeconds) }
        let findings = read.all.findings
        var input = DecisionInput(
            end: end, speed: run.speed, alerts: alerts, gates: gates, findings: findings, attempts: read.all.attempts,
            reach: reach, gaps: gaps, shortestAlertWindow: plan.shortestAlertWindow)
        input.silentLocations = locations.filter { $0.state == .silent }
        input.uncountedLocations = uncounted
        input.minLocationFailed = plan.minLocationFailed
        let outcome = DecisionEngine.decide(input)
        return Judgment(
            run: run, plan: plan, end: end, reach: reach, alerts: alerts, gates: gates, findings: findings,
            attempts: read.all.attempts, segments: segments, gaps: gaps, outcome: outcome, metricsSource: metricsSource,
            locations: locations)
    }

    /// The plan's alert transitions and gate verdicts over one set of observations.
    private static func rules(
        _ plan: Plan, over read: RunObservations, reach: Double, speed: Double
    ) -> ([AlertEvent], [GateVerdict]) {
        var monitor = AlertMonitor(rules: plan.alerts, speed: speed)
        let events = monitor.advance(read.observations, to: reach)
        let reasonsForNoData = NoDataReasons(plan: plan, observations: read.observations, reach: reach, speed: speed)
        let verdicts = plan.gates.map { gate in
            var verdict = gate.judge(read.observations, at: reach, speed: speed)
            if verdict.verdict == .noData { verdict.noDataCause = reasonsForNoData.cause(of: gate) }
            return verdict
        }
        return (events, verdicts)
    }

    /// Alerts and gates of a run recorded from several locations: each rule replayed over each location's results,
    /// counted by ``LocationQuorum``; a rule that selects a location itself (`{location="eu"}`) reads all results.
    /// Also the locations where an alert fired or a gate missed, counted or not.
    private static func rulesByLocation(
        _ plan: Plan, names: [String], read: LocatedObservations, reach: Double, speed: Double
    ) -> ([AlertEvent], [GateVerdict], [String]) {
        let quorum = LocationQuorum(minimum: min(plan.minLocationFailed, names.count))
        let perLocation = names.map { name in
            (name, rules(plan, over: read.at(name), reach: reach, speed: speed))
        }
        let naming = Set(plan.alerts.filter { $0.condition.query.selectsLocation }.map(\.name))
        let pooled =
            naming.isEmpty && !plan.gates.contains(where: \.condition.query.selectsLocation)
            ? ([], []) : rules(plan, over: read.all, reach: reach, speed: speed)
        var alerts = quorum.alerts(perLocation.map { name, judged in (name, judged.0.filter { !naming.contains($0.rule) }) })
        alerts += pooled.0.filter { naming.contains($0.rule) }
        alerts = alerts.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
        let gates = plan.gates.indices.compactMap { index -> GateVerdict? in
            if plan.gates[index].condition.query.selectsLocation { return pooled.1[index] }
            return quorum.gate(perLocation.map { name, judged in (name, judged.1[index]) })
        }
        let failing = perLocation.filter { _, judged in
            judged.0.contains { $0.state == .fired } || judged.1.contains { $0.verdict == .fail }
        }.map(\.0)
        return (alerts, gates, failing)
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
    /// For a run recorded from several locations: each location and how it fared, by name; empty otherwise.
    public var locations: [LocationSummary] = []
}

extension Query {
    /// Whether the query names a location itself (`{location="eu-west"}`), so it reads every location's results.
    var selectsLocation: Bool { selector.labels["location"] != nil }
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
