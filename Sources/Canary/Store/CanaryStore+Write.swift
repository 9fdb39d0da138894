import Foundation
import GRDB
import Probes

extension CanaryStore {
    /// Records the start of a run, its first segment, and the process recording it.
    public func begin(_ run: RunRecord) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO runs (id, plan_name, plan_path, plan_source, target, speed, faults, harness_version,
                                      started_at, end_state, mode, runner_pid, runner_host, tls)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    run.id, run.planName, run.planPath, run.planSource, run.target, run.speed, run.faults,
                    run.harnessVersion, run.startedAt.timeIntervalSince1970, run.end.rawValue, run.mode.rawValue,
                    run.runnerPID, run.runnerHost, run.tls,
                ])
            try Self.insert(
                RunSegment(position: 0, startedAt: run.startedAt, fromSeconds: 0, gapSeconds: 0, target: run.target),
                of: run.id, db)
        }
    }

    /// Records that `runID` goes on in a new segment, recorded by this process, and reopens it.
    public func resume(_ runID: String, segment: RunSegment, pid: Int32, host: String) async throws {
        try await writer.write { db in
            try Self.insert(segment, of: runID, db)
            try db.execute(
                sql: """
                    UPDATE runs SET end_state = ?, ended_at = NULL, decision = NULL, reach = NULL, runner_pid = ?,
                                    runner_host = ? WHERE id = ?
                    """,
                arguments: [RunEnd.unfinished.rawValue, pid, host, runID])
        }
    }

    private static func insert(_ segment: RunSegment, of runID: String, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO run_segments (run_id, position, started_at, from_seconds, gap_seconds, target)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                runID, segment.position, segment.startedAt.timeIntervalSince1970, segment.fromSeconds,
                segment.gapSeconds, segment.target,
            ])
    }

    /// Appends a batch of results, with their metric samples, in one transaction.
    public func append(_ results: [ProbeResult], to runID: String) async throws {
        guard !results.isEmpty else { return }
        try await writer.write { db in
            let insertResult = try RowInserter(
                db,
                sql: """
                    INSERT INTO probe_results (run_id, phase, probe, provider, intended_at, started_at, latency,
                                               passed, error_class, detail, finding, location)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            let insertSample = try RowInserter(
                db, sql: "INSERT INTO metric_samples (run_id, result_id, at, name, labels, value) VALUES (?, ?, ?, ?, ?, ?)")
            var labels = LabelText.Cache()
            for result in results {
                insertResult.bind(1, runID)
                insertResult.bind(2, result.phase)
                insertResult.bind(3, result.probe)
                insertResult.bind(4, result.provider)
                insertResult.bind(5, result.intendedAt)
                insertResult.bind(6, result.startedAt)
                insertResult.bind(7, result.latency)
                insertResult.bind(8, result.passed)
                insertResult.bind(9, result.errorClass)
                insertResult.bind(10, result.detail)
                insertResult.bind(11, result.finding)
                insertResult.bind(12, result.location)
                try insertResult.insert()
                guard !result.samples.isEmpty else { continue }
                let resultID = db.lastInsertedRowID
                for sample in result.samples {
                    insertSample.bind(1, runID)
                    insertSample.bind(2, resultID)
                    insertSample.bind(3, result.finishedAt)
                    insertSample.bind(4, sample.name)
                    insertSample.bind(5, labels.encode(sample.labels))
                    insertSample.bind(6, sample.value)
                    try insertSample.insert()
                }
            }
        }
    }

    /// Records how a run ended and what the judge made of it: alerts, gate verdicts, decision and reasons.
    public func finish(
        _ runID: String, endedAt: Date, end: RunEnd, reach: Double, alerts: [AlertEvent], gates: [GateVerdict],
        outcome: DecisionOutcome
    ) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM alert_events WHERE run_id = ?", arguments: [runID])
            for event in alerts {
                try db.execute(
                    sql: """
                        INSERT INTO alert_events (run_id, rule, level, state, at, value, samples, condition, instance, unit)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        runID, event.rule, event.level.rawValue, event.state.rawValue, event.at, event.value,
                        event.samples, event.condition, event.instance, event.unit?.rawValue,
                    ])
            }
            try db.execute(sql: "DELETE FROM gate_verdicts WHERE run_id = ?", arguments: [runID])
            for gate in gates {
                try db.execute(
                    sql: """
                        INSERT INTO gate_verdicts (run_id, gate, condition, observed, threshold, window_text, samples,
                                                   min_samples, verdict, severity, unit, threshold_value)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        runID, gate.gate, gate.condition, gate.observed, gate.threshold, gate.window, gate.samples,
                        gate.minSamples, gate.verdict.rawValue, gate.severity.rawValue, gate.unit?.rawValue,
                        gate.thresholdValue,
                    ])
            }
            let reasons = String(decoding: try JSONEncoder().encode(outcome.reasons), as: UTF8.self)
            try db.execute(
                sql: "UPDATE runs SET ended_at = ?, end_state = ?, decision = ?, reasons = ?, reach = ? WHERE id = ?",
                arguments: [
                    endedAt.timeIntervalSince1970, end.rawValue, outcome.decision.rawValue, reasons, reach, runID,
                ])
        }
    }
}

/// Labels as stored: a canonical JSON object with sorted keys.
enum LabelText {
    /// Encodes each distinct label set once: scrapes repeat the same sets every time.
    struct Cache {
        private var encoded: [[String: String]: String] = [:]

        mutating func encode(_ labels: [String: String]) -> String {
            if let text = encoded[labels] { return text }
            let text = LabelText.encode(labels)
            encoded[labels] = text
            return text
        }
    }

    static func encode(_ labels: [String: String]) -> String {
        guard !labels.isEmpty else { return "{}" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(labels)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    static func decode(_ text: String) -> [String: String] {
        guard text != "{}" else { return [:] }
        return (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:]
    }
}
