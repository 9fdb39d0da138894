import Foundation
import GRDB
import Probes

/// The run database: one SQLite file in WAL mode, owning its schema migrations.
///
/// Results are appended in batches, each one transaction, so a killed run loses at most its last batch.
///
/// ```swift
/// let store = try CanaryStore(path: "reports/canary.sqlite")
/// try await store.append(results, alerts: [], to: runID)
/// ```
public final class CanaryStore: RunStore {
    let writer: any DatabaseWriter
    /// Where the database lives, for messages.
    public let path: String
    public var location: String { path }

    /// Opens (creating if needed) the database at `path`.
    public init(path: String) throws {
        self.path = path
        do {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.busyMode = .timeout(5)
            // In WAL mode a commit then needs no fsync: a killed harness loses nothing it committed, and only a
            // power cut can lose the last commits. Batches commit every half second, so this is most of the cost.
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
            writer = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(writer)
        } catch {
            throw CanaryError.storeFailed(path, error)
        }
    }

    /// Uses an existing connection (tests use an in-memory queue).
    public init(_ writer: any DatabaseWriter) throws {
        self.writer = writer
        self.path = writer.path
        try Self.migrator.migrate(writer)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE runs (
                    id TEXT PRIMARY KEY, plan_name TEXT NOT NULL, plan_path TEXT NOT NULL, plan_source TEXT NOT NULL,
                    target TEXT NOT NULL, speed REAL NOT NULL, faults TEXT, harness_version TEXT NOT NULL,
                    started_at REAL NOT NULL, ended_at REAL, end_state TEXT NOT NULL,
                    decision TEXT, reasons TEXT NOT NULL DEFAULT '[]');
                CREATE TABLE probe_results (
                    id INTEGER PRIMARY KEY, run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    phase TEXT NOT NULL, probe TEXT NOT NULL, provider TEXT,
                    intended_at REAL NOT NULL, started_at REAL NOT NULL, latency REAL NOT NULL,
                    passed INTEGER NOT NULL, error_class TEXT, detail TEXT NOT NULL, finding TEXT);
                CREATE INDEX probe_results_run ON probe_results(run_id, probe);
                CREATE TABLE metric_samples (
                    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    result_id INTEGER NOT NULL REFERENCES probe_results(id) ON DELETE CASCADE,
                    at REAL NOT NULL, name TEXT NOT NULL, labels TEXT NOT NULL, value REAL NOT NULL);
                CREATE INDEX metric_samples_run ON metric_samples(run_id, name);
                CREATE TABLE alert_events (
                    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    rule TEXT NOT NULL, level TEXT NOT NULL, state TEXT NOT NULL, at REAL NOT NULL,
                    value REAL, samples INTEGER NOT NULL, condition TEXT NOT NULL);
                CREATE TABLE gate_verdicts (
                    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    gate TEXT NOT NULL, condition TEXT NOT NULL, observed REAL, threshold TEXT NOT NULL,
                    window_text TEXT NOT NULL, samples INTEGER NOT NULL, min_samples INTEGER NOT NULL, verdict TEXT NOT NULL);
                """)
        }
        registerLaterMigrations(&migrator)
        return migrator
    }
}
