import GRDB

extension CanaryStore {
    /// Records the rollback steps executed for `runID`, replacing any earlier record.
    public func recordRollback(_ steps: [RollbackStepRecord], of runID: String) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM rollback_steps WHERE run_id = ?", arguments: [runID])
            for step in steps {
                try db.execute(
                    sql: """
                        INSERT INTO rollback_steps (run_id, position, name, action, timeout, outcome, exit_status, output,
                                                    duration)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        runID, step.position, step.name, step.action, step.timeoutSeconds, step.outcome.rawValue,
                        step.exitStatus, step.output, step.durationSeconds,
                    ])
            }
        }
    }

    /// The rollback steps executed for `runID`, in order; empty when none were executed.
    public func rollbackSteps(of runID: String) async throws -> [RollbackStepRecord] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM rollback_steps WHERE run_id = ? ORDER BY position", arguments: [runID])
                .map { row in
                    RollbackStepRecord(
                        position: row["position"], name: row["name"], action: row["action"],
                        timeoutSeconds: row["timeout"],
                        outcome: RollbackStepRecord.Outcome(rawValue: row["outcome"]) ?? .failed,
                        exitStatus: row["exit_status"], output: row["output"], durationSeconds: row["duration"])
                }
        }
    }
}
