import Foundation

/// Builds a ``RunReport`` from what the store holds for one run, re-deciding with ``DecisionEngine``.
public struct ReportBuilder: Sendable {
    public var store: CanaryStore

    public init(store: CanaryStore) { self.store = store }

    /// Builds the report of `runID`.
    public func build(runID: String) async throws -> RunReport {
        guard let run = try await store.run(runID) else { throw CanaryError.runNotFound(runID, database: store.path) }
        let results = try await store.results(of: runID)
        let alerts = try await store.alerts(of: runID)
        let gates = try await store.gates(of: runID)
        let findings = results.compactMap { result in result.finding.map { Finding(probe: result.probe, detail: $0) } }
        let outcome = DecisionEngine.decide(
            DecisionInput(
                end: run.end, speed: run.speed, alerts: alerts, gates: gates, findings: findings,
                attempts: results.count))
        let iso = ISO8601DateFormatter()
        return RunReport(
            schemaVersion: RunReport.currentSchemaVersion,
            run: RunReport.RunInfo(
                id: run.id, plan: run.planName, planPath: run.planPath, target: run.target, speed: run.speed,
                faults: run.faults, harnessVersion: run.harnessVersion, startedAt: iso.string(from: run.startedAt),
                endedAt: run.endedAt.map(iso.string), end: run.end,
                durationSeconds: run.endedAt.map { $0.timeIntervalSince(run.startedAt) }),
            decision: outcome.decision, reasons: outcome.reasons, gates: gates,
            phases: Self.phases(of: run), probes: Self.probeStats(results), alerts: alerts,
            failures: Self.failureGroups(results, speed: run.speed), findings: findings)
    }

    static func phases(of run: RunRecord) -> [RunReport.PhaseInfo] {
        guard let plan = try? PlanLoader.parse(run.planSource, file: run.planPath) else { return [] }
        return plan.phases.map { .init(name: $0.name, fromSeconds: $0.start.seconds, untilSeconds: $0.end.seconds) }
    }

    static func probeStats(_ results: [ProbeResult]) -> [RunReport.ProbeStats] {
        struct Key: Hashable { var probe: String; var provider: String? }
        var histograms: [Key: LatencyHistogram] = [:]
        var counts: [Key: (passed: Int, failed: Int)] = [:]
        for result in results {
            let key = Key(probe: result.probe, provider: result.provider)
            histograms[key, default: LatencyHistogram()].record(seconds: result.latency)
            counts[key, default: (0, 0)].passed += result.passed ? 1 : 0
            counts[key, default: (0, 0)].failed += result.passed ? 0 : 1
        }
        return histograms.keys.sorted { ($0.probe, $0.provider ?? "") < ($1.probe, $1.provider ?? "") }.map { key in
            let histogram = histograms[key]!
            let count = counts[key]!
            return RunReport.ProbeStats(
                probe: key.probe, provider: key.provider, attempts: count.passed + count.failed,
                passed: count.passed, failed: count.failed, p50: histogram.quantile(0.5),
                p95: histogram.quantile(0.95), p99: histogram.quantile(0.99), max: histogram.max)
        }
    }

    static func failureGroups(_ results: [ProbeResult], speed: Double) -> [RunReport.FailureGroup] {
        var groups: [String: RunReport.FailureGroup] = [:]
        for result in results where !result.passed {
            let errorClass = result.errorClass ?? "unknown"
            var group = groups[errorClass] ?? .init(errorClass: errorClass, count: 0, examples: [])
            group.count += 1
            if group.examples.count < 3 {
                let who = result.provider.map { "\(result.probe) (\($0))" } ?? result.probe
                group.examples.append("\(ClockText.format(result.intendedAt, speed: speed)) \(who): \(result.detail)")
            }
            groups[errorClass] = group
        }
        return groups.values.sorted { ($0.count, $1.errorClass) > ($1.count, $0.errorClass) }
    }
}
