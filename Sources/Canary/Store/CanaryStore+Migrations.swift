import GRDB

extension CanaryStore {
    /// Schema additions after `v1`: the baseline a run was compared with, and executed rollback steps.
    static func registerReportMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2-reports") { db in
            try db.execute(sql: """
                CREATE TABLE run_baselines (
                    run_id TEXT PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
                    baseline_run_id TEXT, chosen_by TEXT NOT NULL);
                CREATE TABLE rollback_steps (
                    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL, name TEXT NOT NULL, action TEXT NOT NULL, timeout REAL NOT NULL,
                    outcome TEXT NOT NULL, exit_status INTEGER, output TEXT NOT NULL, duration REAL NOT NULL,
                    PRIMARY KEY (run_id, position));
                """)
        }
    }
}
