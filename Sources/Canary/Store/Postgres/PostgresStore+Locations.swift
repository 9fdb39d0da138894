import Foundation
import PostgresNIO

extension PostgresStore {
    public func join(_ runID: String, location: RunLocation) async throws {
        try await transaction("record location \(location.name) joining run \(runID)") { connection in
            try await connection.query(
                """
                INSERT INTO run_locations (run_id, name, runner_pid, runner_host, target, joined_at, from_seconds,
                                           last_seen, finished_at)
                VALUES (\(runID), \(location.name), \(location.runnerPID.map(Int.init)), \(location.runnerHost),
                        \(location.target), \(location.joinedAt.timeIntervalSince1970), \(location.fromSeconds),
                        \(location.lastSeen), NULL)
                ON CONFLICT (run_id, name) DO UPDATE SET
                    runner_pid = excluded.runner_pid, runner_host = excluded.runner_host, target = excluded.target,
                    joined_at = excluded.joined_at, from_seconds = excluded.from_seconds,
                    last_seen = excluded.last_seen, finished_at = NULL
                """, logger: logger)
        }
    }

    @discardableResult
    public func heartbeat(_ runID: String, location: String, at seconds: Double) async throws -> Decision? {
        try await rows(
            "record that location \(location) of run \(runID) is alive",
            """
            UPDATE run_locations SET last_seen = GREATEST(last_seen, \(seconds))
            WHERE run_id = \(runID) AND name = \(location)
            RETURNING (SELECT decision FROM runs WHERE id = \(runID)) AS decision
            """
        ) { try $0["decision"].decode(String?.self) }.first.flatMap { $0 }.flatMap(Decision.init(rawValue:))
    }

    public func finishLocation(_ runID: String, location: String, at seconds: Double) async throws {
        _ = try await rows(
            "record that location \(location) of run \(runID) finished",
            """
            UPDATE run_locations SET finished_at = \(seconds), last_seen = GREATEST(last_seen, \(seconds))
            WHERE run_id = \(runID) AND name = \(location) RETURNING 1
            """
        ) { _ in () }
    }

    public func locations(of runID: String) async throws -> [RunLocation] {
        try await rows(
            "read the locations of run \(runID)", "SELECT * FROM run_locations WHERE run_id = \(runID) ORDER BY name"
        ) { row in
            RunLocation(
                name: try row["name"].decode(String.self),
                runnerPID: try row["runner_pid"].decode(Int?.self).map { Int32(truncatingIfNeeded: $0) },
                runnerHost: try row["runner_host"].decode(String?.self), target: try row["target"].decode(String.self),
                joinedAt: Date(timeIntervalSince1970: try row["joined_at"].decode(Double.self)),
                fromSeconds: try row["from_seconds"].decode(Double.self), lastSeen: try row["last_seen"].decode(Double.self),
                finishedAt: try row["finished_at"].decode(Double?.self))
        }
    }

    public func locationNames() async throws -> [String: [String]] {
        var names: [String: [String]] = [:]
        for (runID, name) in try await rows(
            "read the locations of every run", "SELECT run_id, name FROM run_locations ORDER BY run_id, name"
        ) { (try $0["run_id"].decode(String.self), try $0["name"].decode(String.self)) } {
            names[runID, default: []].append(name)
        }
        return names
    }

    public func claimDecision(of runID: String, by holder: String, until: Date, now: Date) async throws -> Bool {
        let claimed = try await rows(
            "claim the decision of run \(runID)",
            """
            UPDATE runs SET decider = \(holder), decider_until = \(until.timeIntervalSince1970)
            WHERE id = \(runID) AND decision IS NULL
              AND (decider IS NULL OR decider = \(holder) OR decider_until < \(now.timeIntervalSince1970))
            RETURNING 1
            """
        ) { _ in () }
        return claimed.count == 1
    }
}
