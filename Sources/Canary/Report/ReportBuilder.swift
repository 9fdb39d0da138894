import Foundation

/// Builds a ``RunReport`` from what the store holds for one run, re-deciding with ``DecisionEngine``.
///
/// Attempts are streamed once through a tally, so a run of a million attempts is reported in bounded memory.
public struct ReportBuilder: Sendable {
    public var store: CanaryStore

    public init(store: CanaryStore) { self.store = store }

    /// Builds the report of `runID`.
    public func build(runID: String) async throws -> RunReport {
        guard let run = try await store.run(runID) else { throw CanaryError.runNotFound(runID, database: store.path) }
        let plan = try? PlanLoader.parse(run.planSource, file: run.planPath)
        let alerts = try await store.alerts(of: runID)
        let gates = try await store.gates(of: runID)
        // Latency buckets cover the plan, or only as far as the run got when it ended early.
        let reached = (run.endedAt?.timeIntervalSince(run.startedAt) ?? 0) * run.speed
        var planSeconds = plan?.duration.seconds ?? reached
        if run.end != .completed, reached > 0 { planSeconds = min(planSeconds, reached) }
        let tally = try await store.scanAttempts(
            of: runID, into: ReportTally(planSeconds: planSeconds, speed: run.speed)
        ) { tally, attempt in
            tally.add(attempt)
        }
        let findings = tally.sortedFindings
        let outcome = DecisionEngine.decide(
            DecisionInput(
                end: run.end, speed: run.speed, alerts: alerts, gates: gates, findings: findings,
                attempts: tally.attempts))
        let executed = try await store.rollbackSteps(of: runID)
        var rollback: RunReport.RollbackSection?
        if outcome.decision == .rollback || !executed.isEmpty {
            rollback = RunReport.RollbackSection(runbook: RollbackRunbook(plan?.rollback ?? []), executed: executed)
        }
        let iso = ISO8601DateFormatter()
        return RunReport(
            schemaVersion: RunReport.currentSchemaVersion,
            run: RunReport.RunInfo(
                id: run.id, plan: run.planName, planPath: run.planPath, target: run.target, speed: run.speed,
                faults: run.faults, harnessVersion: run.harnessVersion, startedAt: iso.string(from: run.startedAt),
                endedAt: run.endedAt.map(iso.string), end: run.end,
                durationSeconds: run.endedAt.map { $0.timeIntervalSince(run.startedAt) }),
            decision: outcome.decision, reasons: outcome.reasons, gates: gates,
            phases: plan.map(Self.phases) ?? [], probes: tally.probeStats, alerts: alerts,
            failures: tally.failureGroups(), findings: findings,
            latencySeries: tally.latencySeries(thresholds: plan.map(Self.thresholds) ?? [:]),
            latencyBreakdownMeasured: false, rollback: rollback, comparison: try await comparison(of: runID))
    }

    /// The comparison with the run's baseline, if it was run with one.
    func comparison(of runID: String) async throws -> RunReport.ComparisonSection? {
        guard let baseline = try await store.baseline(of: runID) else { return nil }
        guard let baselineID = baseline.baselineRunID else { return .init(baseline: baseline, result: nil) }
        let result = try await BaselineComparer(store: store).compare(baseline: baselineID, candidate: runID)
        return .init(baseline: baseline, result: result)
    }

    static func phases(of plan: Plan) -> [RunReport.PhaseInfo] {
        plan.phases.map { .init(name: $0.name, fromSeconds: $0.start.seconds, untilSeconds: $0.end.seconds) }
    }

    /// Per probe id: its attempt timeout, and the threshold of every `probe_quantile` rule naming it.
    static func thresholds(of plan: Plan) -> [String: [RunReport.LatencyThreshold]] {
        var result: [String: [RunReport.LatencyThreshold]] = [:]
        for spec in plan.phases.flatMap(\.probes) + plan.watch {
            let timeout = (spec.timeout ?? plan.defaultTimeout).seconds
            if !(result[spec.id] ?? []).contains(where: { $0.label == "timeout" && $0.seconds >= timeout }) {
                result[spec.id, default: []].removeAll { $0.label == "timeout" }
                result[spec.id, default: []].append(.init(label: "timeout", seconds: timeout))
            }
        }
        let rules = plan.gates.map { ("gate \"\($0.name)\"", $0.condition) } + plan.alerts.map { ("\($0.level.rawValue) \"\($0.name)\"", $0.condition) }
        for (label, condition) in rules {
            guard case .probeQuantile(let q, let selector, _) = condition.query else { continue }
            for probe in result.keys where selector.matchesName(probe) {
                result[probe]!.append(
                    .init(
                        label: "\(label): p\(NumberText.format(q * 100)) \(condition.comparison.rawValue) \(NumberText.format(condition.threshold))",
                        seconds: condition.threshold))
            }
        }
        return result
    }
}
