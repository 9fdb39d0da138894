import GRDB

/// Which earlier run a run's latencies are compared with, and how it was chosen.
public struct RunBaseline: Sendable, Equatable, Codable {
    /// The baseline run; nil when none could be found (e.g. no earlier `go` run).
    public var baselineRunID: String?
    /// How it was asked for: `last-go` or an explicit run id.
    public var chosenBy: String

    public init(baselineRunID: String?, chosenBy: String) {
        self.baselineRunID = baselineRunID
        self.chosenBy = chosenBy
    }
}

extension CanaryStore {
    /// Records the baseline of `runID`.
    public func setBaseline(_ baseline: RunBaseline, of runID: String) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO run_baselines (run_id, baseline_run_id, chosen_by) VALUES (?, ?, ?)",
                arguments: [runID, baseline.baselineRunID, baseline.chosenBy])
        }
    }

    /// The baseline recorded for `runID`, if it was run with one.
    public func baseline(of runID: String) async throws -> RunBaseline? {
        try await writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT baseline_run_id, chosen_by FROM run_baselines WHERE run_id = ?", arguments: [runID]
            ).map { RunBaseline(baselineRunID: $0[0], chosenBy: $0[1]) }
        }
    }
}
