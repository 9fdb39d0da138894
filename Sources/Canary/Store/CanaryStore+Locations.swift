import Foundation
import GRDB

extension CanaryStore {
    public func join(_ runID: String, location: RunLocation) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO run_locations (run_id, name, runner_pid, runner_host, target, joined_at, from_seconds,
                                               last_seen, finished_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)
                    ON CONFLICT (run_id, name) DO UPDATE SET
                        runner_pid = excluded.runner_pid, runner_host = excluded.runner_host, target = excluded.target,
                        joined_at = excluded.joined_at, from_seconds = excluded.from_seconds,
                        last_seen = excluded.last_seen, finished_at = NULL
                    """,
                arguments: [
                    runID, location.name, location.runnerPID, location.runnerHost, location.target,
                    location.joinedAt.timeIntervalSince1970, location.fromSeconds, location.lastSeen,
                ])
        }
    }

    @discardableResult
    public func heartbeat(_ runID: String, location: String, at seconds: Double) async throws -> Decision? {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE run_locations SET last_seen = MAX(last_seen, ?) WHERE run_id = ? AND name = ?",
                arguments: [seconds, runID, location])
            return try String.fetchOne(db, sql: "SELECT decision FROM runs WHERE id = ?", arguments: [runID])
                .flatMap(Decision.init(rawValue:))
        }
    }

    public func finishLocation(_ runID: String, location: String, at seconds: Double) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    UPDATE run_locations SET finished_at = ?, last_seen = MAX(last_seen, ?) WHERE run_id = ? AND name = ?
                    """,
                arguments: [seconds, seconds, runID, location])
        }
    }

    public func locations(of runID: String) async throws -> [RunLocation] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM run_locations WHERE run_id = ? ORDER BY name", arguments: [runID])
                .map { row in
                    RunLocation(
                        name: row["name"], runnerPID: row["runner_pid"], runnerHost: row["runner_host"],
                        target: row["target"], joinedAt: Date(timeIntervalSince1970: row["joined_at"]),
                        fromSeconds: row["from_seconds"], lastSeen: row["last_seen"], finishedAt: row["finished_at"])
                }
        }
    }

    public func locationNames() async throws -> [String: [String]] {
        try await writer.read { db in
            var names: [String: [String]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT run_id, name FROM run_locations ORDER BY run_id, name") {
                names[row["run_id"], default: []].append(row["name"])
            }
            return names
        }
    }

    public func claimDecision(of runID: String, by holder: String, until: Date, now: Date) async throws -> Bool {
        try await writer.write { db in
            try db.execute(
                sql: """
                    UPDATE runs SET decider = ?, decider_until = ?
                    WHERE id = ? AND decision IS NULL AND (decider IS NULL OR decider = ? OR decider_until < ?)
                    """,
                arguments: [holder, until.timeIntervalSince1970, runID, holder, now.timeIntervalSince1970])
            return db.changesCount == 1
        }
    }
}
