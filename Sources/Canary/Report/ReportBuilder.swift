import Foundation

/// Builds a ``RunReport`` from what the store holds for one run, judged by the ``Judge``.
///
/// Attempts are streamed once through a tally, so a run of a million attempts is reported in bounded memory.
public struct ReportBuilder: Sendable {
    public var store: any RunStore

    public init(store: any RunStore) { self.store = store }

    /// Builds the report of `runID`, judging it unless the caller already did.
    public func build(runID: String, judgment: Judgment? = nil) async throws -> RunReport {
        let judgment = if let judgment { judgment } else { try await Judge(store: store).judge(runID: runID) }
        let run = judgment.run, plan = judgment.plan
        // Latency buckets cover the plan, or only as far as the run got when it ended early.
        var planSeconds = plan.duration.seconds
        if judgment.end != .completed, judgment.reach > 0 { planSeconds = min(planSeconds, judgment.reach * run.speed) }
        let tally = try await store.scanAttempts(
            of: runID, into: ReportTally(planSeconds: planSeconds, speed: run.speed)
        ) { tally, attempt in
            tally.add(attempt)
        }
        let outcome = judgment.outcome
        let executed = try await store.rollbackSteps(of: runID)
        var rollback: RunReport.RollbackSection?
        if outcome.decision == .rollback || !executed.isEmpty {
            rollback = RunReport.RollbackSection(runbook: RollbackRunbook(plan.rollback), executed: executed)
        }
        let iso = ISO8601DateFormatter()
        let endedAt = judgment.end == .unfinished ? nil : run.endedAt
        var report = RunReport(
            schemaVersion: RunReport.currentSchemaVersion,
            run: RunReport.RunInfo(
                id: run.id, plan: run.planName, planPath: run.planPath, target: run.target, speed: run.speed,
                faults: run.faults, harnessVersion: run.harnessVersion, startedAt: iso.string(from: run.startedAt),
                endedAt: endedAt.map(iso.string), end: judgment.end,
                durationSeconds: endedAt.map { $0.timeIntervalSince(run.startedAt) }, reachSeconds: judgment.reach,
                tls: run.tls, metricsSource: judgment.metricsSource),
            decision: outcome.decision, reasons: ReasonText.headline(outcome.reasons, speed: run.speed),
            reasonDetails: outcome.reasons, gates: judgment.gates, phases: Self.phases(of: plan),
            probes: tally.probeStats, alerts: judgment.alerts, failures: tally.failureGroups(),
            findings: judgment.findings, gaps: judgment.gaps,
            latencySeries: tally.latencySeries(thresholds: Self.thresholds(of: plan)),
            latencyBreakdownMeasured: false, rollback: rollback, comparison: try await comparison(of: runID))
        if !judgment.locations.isEmpty {
            report.locations = judgment.locations
            report.minLocationFailed = plan.minLocationFailed
        }
        return report
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
                        label: "\(label): p\(NumberText.format(q * 100)) "
                            + QuantityText.threshold(condition.comparison, condition.threshold, .seconds),
                        seconds: condition.threshold))
            }
        }
        return result
    }
}
