import Foundation
import GRDB
import Probes

extension CanaryStore {
    /// Records the start of a run.
    public func begin(_ run: RunRecord) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO runs (id, plan_name, plan_path, plan_source, target, speed, faults, harness_version,
                                      started_at, end_state)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    run.id, run.planName, run.planPath, run.planSource, run.target, run.speed, run.faults,
                    run.harnessVersion, run.startedAt.timeIntervalSince1970, run.end.rawValue,
                ])
        }
    }

    /// Appends a batch of results (with their metric samples) and alert events in one transaction.
    public func append(_ results: [ProbeResult], alerts: [AlertEvent] = [], to runID: String) async throws {
        guard !results.isEmpty || !alerts.isEmpty else { return }
        try await writer.write { db in
            let insertResult = try db.cachedStatement(
                sql: """
                    INSERT INTO probe_results (run_id, phase, probe, provider, intended_at, started_at, latency,
                                               passed, error_class, detail, finding)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            let insertSample = try db.cachedStatement(
                sql: "INSERT INTO metric_samples (run_id, result_id, at, name, labels, value) VALUES (?, ?, ?, ?, ?, ?)")
            var labels = LabelText.Cache()
            for result in results {
                try insertResult.execute(arguments: [
                    runID, result.phase, result.probe, result.provider, result.intendedAt, result.startedAt,
                    result.latency, result.passed, result.errorClass, result.detail, result.finding,
                ])
                let resultID = db.lastInsertedRowID
                for sample in result.samples {
                    try insertSample.execute(arguments: [
                        runID, resultID, result.finishedAt, sample.name, labels.encode(sample.labels), sample.value,
                    ])
                }
            }
            let insertAlert = try db.cachedStatement(
                sql: """
                    INSERT INTO alert_events (run_id, rule, level, state, at, value, samples, condition)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for event in alerts {
                try insertAlert.execute(arguments: [
                    runID, event.rule, event.level.rawValue, event.state.rawValue, event.at, event.value,
                    event.samples, event.condition,
                ])
            }
        }
    }

    /// Records the gate verdicts, the end and the decision of a run.
    public func finish(
        _ runID: String, endedAt: Date, end: RunEnd, gates: [GateVerdict], outcome: DecisionOutcome
    ) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM gate_verdicts WHERE run_id = ?", arguments: [runID])
            for gate in gates {
                try db.execute(
                    sql: """
                        INSERT INTO gate_verdicts (run_id, gate, condition, observed, threshold, window_text, samples,
                                                   min_samples, verdict)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        runID, gate.gate, gate.condition, gate.observed, gate.threshold, gate.window, gate.samples,
                        gate.minSamples, gate.verdict.rawValue,
                    ])
            }
            let reasons = String(decoding: try JSONEncoder().encode(outcome.reasons), as: UTF8.self)
            try db.execute(
                sql: "UPDATE runs SET ended_at = ?, end_state = ?, decision = ?, reasons = ? WHERE id = ?",
                arguments: [endedAt.timeIntervalSince1970, end.rawValue, outcome.decision.rawValue, reasons, runID])
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
