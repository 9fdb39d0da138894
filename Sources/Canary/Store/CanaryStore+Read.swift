import Foundation
import GRDB
import Probes

extension CanaryStore {
    /// Every run, newest first.
    public func runs() async throws -> [RunRecord] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM runs ORDER BY started_at DESC, rowid").map(Self.runRecord)
        }
    }

    /// One run, or nil.
    public func run(_ id: String) async throws -> RunRecord? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE id = ?", arguments: [id]).map(Self.runRecord)
        }
    }

    /// The newest run whose decision was `decision`, if any.
    public func latestRun(withDecision decision: Decision, excluding id: String?) async throws -> RunRecord? {
        try await writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM runs WHERE decision = ? AND id != ? ORDER BY started_at DESC, rowid LIMIT 1",
                arguments: [decision.rawValue, id ?? ""]
            ).map(Self.runRecord)
        }
    }

    /// All results of a run in finishing order, with the metric samples they collected.
    public func results(of runID: String) async throws -> [ProbeResult] {
        try await writer.read { db in
            var samplesByResult: [Int64: [MetricSample]] = [:]
            let sampleRows = try Row.fetchCursor(
                db, sql: "SELECT result_id, name, labels, value FROM metric_samples WHERE run_id = ? ORDER BY rowid",
                arguments: [runID])
            while let row = try sampleRows.next() {
                samplesByResult[row["result_id"], default: []].append(
                    MetricSample(name: row["name"], labels: LabelText.decode(row["labels"]), value: row["value"]))
            }
            var results: [ProbeResult] = []
            let rows = try Row.fetchCursor(
                db, sql: "SELECT * FROM probe_results WHERE run_id = ? ORDER BY intended_at + latency, id",
                arguments: [runID])
            while let row = try rows.next() {
                var result = ProbeResult(
                    probe: row["probe"], provider: row["provider"], phase: row["phase"],
                    intendedAt: row["intended_at"], startedAt: row["started_at"], latency: row["latency"],
                    passed: row["passed"], errorClass: row["error_class"], detail: row["detail"],
                    finding: row["finding"], location: row["location"])
                result.samples = samplesByResult.removeValue(forKey: row["id"]) ?? []
                results.append(result)
            }
            return results
        }
    }

    /// Alert transitions of a run, in time order.
    public func alerts(of runID: String) async throws -> [AlertEvent] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM alert_events WHERE run_id = ? ORDER BY at, rowid", arguments: [runID])
                .map { row in
                    AlertEvent(
                        rule: row["rule"], level: AlertRule.Level(rawValue: row["level"]) ?? .warning,
                        state: AlertEvent.State(rawValue: row["state"]) ?? .fired, at: row["at"], value: row["value"],
                        samples: row["samples"], condition: row["condition"], instance: row["instance"],
                        unit: (row["unit"] as String?).flatMap(QuantityUnit.init(rawValue:)))
                }
        }
    }

    /// Gate verdicts of a run, in plan order.
    public func gates(of runID: String) async throws -> [GateVerdict] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM gate_verdicts WHERE run_id = ? ORDER BY rowid", arguments: [runID])
                .map { row in
                    GateVerdict(
                        gate: row["gate"], condition: row["condition"], observed: row["observed"],
                        threshold: row["threshold"],
                        thresholdValue: row["threshold_value"] ?? 0,
                        unit: (row["unit"] as String?).flatMap(QuantityUnit.init(rawValue:)), window: row["window_text"],
                        samples: row["samples"], minSamples: row["min_samples"],
                        verdict: GateVerdict.Verdict(rawValue: row["verdict"]) ?? .noData,
                        severity: Severity(rawValue: row["severity"]) ?? .warning)
                }
        }
    }

    /// The segments of a run, in order: the first from its start, one more per resume.
    public func segments(of runID: String) async throws -> [RunSegment] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM run_segments WHERE run_id = ? ORDER BY position", arguments: [runID])
                .map { row in
                    RunSegment(
                        position: row["position"], startedAt: Date(timeIntervalSince1970: row["started_at"]),
                        fromSeconds: row["from_seconds"], gapSeconds: row["gap_seconds"], target: row["target"])
                }
        }
    }

    /// The latest finish time of any stored result of `runID` (real seconds since it began), 0 with none.
    public func lastFinish(of runID: String) async throws -> Double {
        try await writer.read { db in
            try Double.fetchOne(
                db, sql: "SELECT MAX(intended_at + latency) FROM probe_results WHERE run_id = ?", arguments: [runID]) ?? 0
        }
    }

    private static func runRecord(_ row: Row) -> RunRecord {
        let reasonsText: String = row["reasons"]
        return RunRecord(
            id: row["id"], planName: row["plan_name"], planPath: row["plan_path"], planSource: row["plan_source"],
            target: row["target"], speed: row["speed"], faults: row["faults"], harnessVersion: row["harness_version"],
            startedAt: Date(timeIntervalSince1970: row["started_at"]),
            endedAt: (row["ended_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
            end: RunEnd(rawValue: row["end_state"]) ?? .unfinished,
            decision: (row["decision"] as String?).flatMap(Decision.init(rawValue:)),
            reasons: (try? JSONDecoder().decode([Reason].self, from: Data(reasonsText.utf8))) ?? [],
            mode: RunRecord.Mode(rawValue: row["mode"]) ?? .target, reach: row["reach"], runnerPID: row["runner_pid"],
            runnerHost: row["runner_host"], tls: row["tls"])
    }
}
