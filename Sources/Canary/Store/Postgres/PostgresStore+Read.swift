import Foundation
import PostgresNIO
import Probes

extension PostgresStore {
    /// Every row `query` answers, each made into a value by `make`.
    func rows<T>(
        _ what: String, _ query: PostgresQuery, _ make: (PostgresRandomAccessRow) throws -> T
    ) async throws -> [T] {
        try await perform(what) {
            var values: [T] = []
            for try await row in try await client.query(query, logger: logger) {
                values.append(try make(row.makeRandomAccess()))
            }
            return values
        }
    }

    public func runs() async throws -> [RunRecord] {
        try await rows("read the runs", "SELECT * FROM runs ORDER BY started_at DESC, seq", Self.runRecord)
    }

    public func run(_ id: String) async throws -> RunRecord? {
        try await rows("read run \(id)", "SELECT * FROM runs WHERE id = \(id)", Self.runRecord).first
    }

    public func latestRun(withDecision decision: Decision, excluding id: String?) async throws -> RunRecord? {
        try await rows(
            "find the latest \(decision.rawValue) run",
            """
            SELECT * FROM runs WHERE decision = \(decision.rawValue) AND id != \(id ?? "")
            ORDER BY started_at DESC, seq LIMIT 1
            """, Self.runRecord
        ).first
    }

    public func results(of runID: String) async throws -> [ProbeResult] {
        try await scanResults(of: runID, passedDetails: true, into: []) { $0.append($1) }
    }

    public func alerts(of runID: String) async throws -> [AlertEvent] {
        try await rows(
            "read the alerts of run \(runID)", "SELECT * FROM alert_events WHERE run_id = \(runID) ORDER BY at, seq"
        ) { row in
            AlertEvent(
                rule: try row["rule"].decode(String.self),
                level: AlertRule.Level(rawValue: try row["level"].decode(String.self)) ?? .warning,
                state: AlertEvent.State(rawValue: try row["state"].decode(String.self)) ?? .fired,
                at: try row["at"].decode(Double.self), value: try row["value"].decode(Double?.self),
                samples: try row["samples"].decode(Int.self), condition: try row["condition"].decode(String.self),
                instance: try row["instance"].decode(String?.self),
                unit: try row["unit"].decode(String?.self).flatMap(QuantityUnit.init(rawValue:)))
        }
    }

    public func gates(of runID: String) async throws -> [GateVerdict] {
        try await rows(
            "read the gate verdicts of run \(runID)", "SELECT * FROM gate_verdicts WHERE run_id = \(runID) ORDER BY seq"
        ) { row in
            GateVerdict(
                gate: try row["gate"].decode(String.self), condition: try row["condition"].decode(String.self),
                observed: try row["observed"].decode(Double?.self), threshold: try row["threshold"].decode(String.self),
                thresholdValue: try row["threshold_value"].decode(Double?.self) ?? 0,
                unit: try row["unit"].decode(String?.self).flatMap(QuantityUnit.init(rawValue:)),
                window: try row["window_text"].decode(String.self), samples: try row["samples"].decode(Int.self),
                minSamples: try row["min_samples"].decode(Int.self),
                verdict: GateVerdict.Verdict(rawValue: try row["verdict"].decode(String.self)) ?? .noData,
                severity: Severity(rawValue: try row["severity"].decode(String.self)) ?? .warning)
        }
    }

    public func segments(of runID: String) async throws -> [RunSegment] {
        try await rows(
            "read the segments of run \(runID)",
            "SELECT * FROM run_segments WHERE run_id = \(runID) ORDER BY position"
        ) { row in
            RunSegment(
                position: try row["position"].decode(Int.self),
                startedAt: Date(timeIntervalSince1970: try row["started_at"].decode(Double.self)),
                fromSeconds: try row["from_seconds"].decode(Double.self),
                gapSeconds: try row["gap_seconds"].decode(Double.self), target: try row["target"].decode(String.self))
        }
    }

    public func lastFinish(of runID: String) async throws -> Double {
        try await rows(
            "read how far run \(runID) got",
            "SELECT MAX(intended_at + latency) AS last FROM probe_results WHERE run_id = \(runID)"
        ) { try $0["last"].decode(Double?.self) }.first.flatMap { $0 } ?? 0
    }

    public func baseline(of runID: String) async throws -> RunBaseline? {
        try await rows(
            "read the baseline of run \(runID)",
            "SELECT baseline_run_id, chosen_by FROM run_baselines WHERE run_id = \(runID)"
        ) { row in
            RunBaseline(
                baselineRunID: try row["baseline_run_id"].decode(String?.self),
                chosenBy: try row["chosen_by"].decode(String.self))
        }.first
    }

    public func rollbackSteps(of runID: String) async throws -> [RollbackStepRecord] {
        try await rows(
            "read the rollback of run \(runID)",
            "SELECT * FROM rollback_steps WHERE run_id = \(runID) ORDER BY position"
        ) { row in
            RollbackStepRecord(
                position: try row["position"].decode(Int.self), name: try row["name"].decode(String.self),
                action: try row["action"].decode(String.self), timeoutSeconds: try row["timeout"].decode(Double.self),
                outcome: RollbackStepRecord.Outcome(rawValue: try row["outcome"].decode(String.self)) ?? .failed,
                exitStatus: try row["exit_status"].decode(Int?.self), output: try row["output"].decode(String.self),
                durationSeconds: try row["duration"].decode(Double.self))
        }
    }

    public func prometheusReadings(of runID: String) async throws -> [PrometheusReading] {
        try await rows(
            "read the Prometheus readings of run \(runID)",
            """
            SELECT condition_key, grp, at, value, samples, problem, promql, source FROM prometheus_readings
            WHERE run_id = \(runID) ORDER BY seq
            """
        ) { row in
            PrometheusReading(
                key: try row["condition_key"].decode(String.self), group: try row["grp"].decode(String?.self),
                at: try row["at"].decode(Double.self), value: try row["value"].decode(Double?.self),
                samples: try row["samples"].decode(Int.self), problem: try row["problem"].decode(String?.self),
                promQL: try row["promql"].decode(String.self), source: try row["source"].decode(String.self))
        }
    }

    private static func runRecord(_ row: PostgresRandomAccessRow) throws -> RunRecord {
        let reasonsText = try row["reasons"].decode(String.self)
        return RunRecord(
            id: try row["id"].decode(String.self), planName: try row["plan_name"].decode(String.self),
            planPath: try row["plan_path"].decode(String.self), planSource: try row["plan_source"].decode(String.self),
            target: try row["target"].decode(String.self), speed: try row["speed"].decode(Double.self),
            faults: try row["faults"].decode(String?.self), harnessVersion: try row["harness_version"].decode(String.self),
            startedAt: Date(timeIntervalSince1970: try row["started_at"].decode(Double.self)),
            endedAt: try row["ended_at"].decode(Double?.self).map(Date.init(timeIntervalSince1970:)),
            end: RunEnd(rawValue: try row["end_state"].decode(String.self)) ?? .unfinished,
            decision: try row["decision"].decode(String?.self).flatMap(Decision.init(rawValue:)),
            reasons: (try? JSONDecoder().decode([Reason].self, from: Data(reasonsText.utf8))) ?? [],
            mode: RunRecord.Mode(rawValue: try row["mode"].decode(String.self)) ?? .target,
            reach: try row["reach"].decode(Double?.self),
            runnerPID: try row["runner_pid"].decode(Int?.self).map { Int32(truncatingIfNeeded: $0) },
            runnerHost: try row["runner_host"].decode(String?.self), tls: try row["tls"].decode(String?.self))
    }
}
