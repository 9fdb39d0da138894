import AsyncHTTPClient
import Foundation

extension CanaryRun {
    /// Records the run's baseline (if it asked for one) and returns the baseline's latencies for the rules.
    func prepareBaseline(of runID: String) async throws -> [ProbeKey: [Double]]? {
        guard let request = settings.baseline else { return nil }
        let baseline = try await BaselineComparer(store: store).resolve(request, excluding: runID)
        try await store.setBaseline(baseline, of: runID)
        guard let baselineID = baseline.baselineRunID else {
            settings.progress("⚠ no baseline run for \(request): latencies will not be compared")
            return nil
        }
        settings.progress("baseline: run \(baselineID) (\(request))")
        return try await store.latencies(of: baselineID)
    }

    /// Prints the rollback runbook; with `executeRollback`, runs each hook and records how it ended.
    func rollBack(_ runID: String, http: HTTPClient) async throws {
        guard !plan.rollback.isEmpty else {
            settings.progress("rollback: the plan has no rollback steps; roll back by hand")
            return
        }
        let runbook = RollbackRunbook(plan.rollback)
        guard settings.executeRollback else {
            settings.progress("rollback runbook (not executed; pass --execute-rollback to execute):")
            for line in runbook.lines(backend: settings.target.backendURL) { settings.progress(line) }
            return
        }
        settings.progress("executing the rollback runbook:")
        let executor = RollbackExecutor(
            backendURL: settings.target.backendURL, http: http,
            redactor: SecretRedactor(settings.secrets.allValues.map { $0.unredacted() }))
        let progress = settings.progress
        let steps = await executor.execute(plan.rollback) { position, hook in
            progress("  \(position). \(hook.name): \(RollbackRunbook.action(hook.action)) …")
        } finished: { step in
            let status = step.exitStatus.map { ", status \($0)" } ?? ""
            progress("     \(step.outcome.rawValue)\(status), \(String(format: "%.1f", step.durationSeconds)) s")
        }
        try await store.recordRollback(steps, of: runID)
    }
}
