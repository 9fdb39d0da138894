import GRDB

extension CanaryStore {
    /// Schema additions after `v1`: baselines and rollback steps (`v2`); then how a run met its target, where it
    /// stopped and who records it, its segments (one per resume), and the severity, unit and instance of gates and
    /// alerts (`v3`); how TLS was verified (`v4`); what Prometheus answered for a run's metric conditions (`v5`); the locations recording a run, each result's
    /// location, and the lease to decide (`v6`).
    static func registerLaterMigrations(_ migrator: inout DatabaseMigrator) {
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
        migrator.registerMigration("v3-judge") { db in
            try db.execute(sql: """
                ALTER TABLE runs ADD COLUMN mode TEXT NOT NULL DEFAULT 'target';
                ALTER TABLE runs ADD COLUMN reach REAL;
                ALTER TABLE runs ADD COLUMN runner_pid INTEGER;
                ALTER TABLE runs ADD COLUMN runner_host TEXT;
                CREATE TABLE run_segments (
                    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL, started_at REAL NOT NULL, from_seconds REAL NOT NULL,
                    gap_seconds REAL NOT NULL, target TEXT NOT NULL,
                    PRIMARY KEY (run_id, position));
                ALTER TABLE alert_events ADD COLUMN instance TEXT;
                ALTER TABLE alert_events ADD COLUMN unit TEXT;
                ALTER TABLE gate_verdicts ADD COLUMN severity TEXT NOT NULL DEFAULT 'warning';
                ALTER TABLE gate_verdicts ADD COLUMN unit TEXT;
                ALTER TABLE gate_verdicts ADD COLUMN threshold_value REAL;
                """)
        }
        migrator.registerMigration("v4-tls") { db in
            try db.execute(sql: "ALTER TABLE runs ADD COLUMN tls TEXT")
        }
        migrator.registerMigration("v5-prometheus") { db in
            try db.execute(sql: """
                CREATE TABLE prometheus_readings (
                    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    condition_key TEXT NOT NULL, grp TEXT, at REAL NOT NULL, value REAL, samples INTEGER NOT NULL,
                    problem TEXT, promql TEXT NOT NULL, source TEXT NOT NULL);
                CREATE INDEX prometheus_readings_run ON prometheus_readings(run_id);
                """)
        }
        migrator.registerMigration("v6-locations") { db in
            try db.execute(sql: """
                ALTER TABLE probe_results ADD COLUMN location TEXT;
                CREATE TABLE run_locations (
                    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    name TEXT NOT NULL, runner_pid INTEGER, runner_host TEXT, target TEXT NOT NULL,
                    joined_at REAL NOT NULL, from_seconds REAL NOT NULL, last_seen REAL NOT NULL, finished_at REAL,
                    PRIMARY KEY (run_id, name));
                ALTER TABLE runs ADD COLUMN decider TEXT;
                ALTER TABLE runs ADD COLUMN decider_until REAL;
                """)
        }
    }
}
