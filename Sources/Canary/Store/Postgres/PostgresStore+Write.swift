import Foundation
import PostgresNIO
import Probes

extension PostgresStore {
    /// Runs `body` in one transaction, with PostgreSQL's errors said as ``PostgresFailure``.
    func transaction(_ what: String, _ body: (PostgresConnection) async throws -> Void) async throws {
        try await perform(what) {
            do {
                try await client.withTransaction(logger: logger) { connection in try await body(connection) }
            } catch let error as PostgresTransactionError {
                throw error.cause
            }
        }
    }

    public func begin(_ run: RunRecord) async throws {
        try await transaction("record the start of run \(run.id)") { connection in
            try await connection.query(
                """
                INSERT INTO runs (id, plan_name, plan_path, plan_source, target, speed, faults, harness_version,
                                  started_at, end_state, mode, runner_pid, runner_host, tls)
                VALUES (\(run.id), \(run.planName), \(run.planPath), \(run.planSource), \(run.target), \(run.speed),
                        \(run.faults), \(run.harnessVersion), \(run.startedAt.timeIntervalSince1970),
                        \(run.end.rawValue), \(run.mode.rawValue), \(run.runnerPID.map(Int.init)), \(run.runnerHost),
                        \(run.tls))
                """, logger: logger)
            try await Self.insert(
                RunSegment(position: 0, startedAt: run.startedAt, fromSeconds: 0, gapSeconds: 0, target: run.target),
                of: run.id, connection, logger: logger)
        }
    }

    public func resume(_ runID: String, segment: RunSegment, pid: Int32, host: String) async throws {
        try await transaction("record the resume of run \(runID)") { connection in
            try await Self.insert(segment, of: runID, connection, logger: logger)
            try await connection.query(
                """
                UPDATE runs SET end_state = \(RunEnd.unfinished.rawValue), ended_at = NULL, decision = NULL,
                                reach = NULL, runner_pid = \(Int(pid)), runner_host = \(host)
                WHERE id = \(runID)
                """, logger: logger)
        }
    }

    private static func insert(
        _ segment: RunSegment, of runID: String, _ connection: PostgresConnection, logger: Logger
    ) async throws {
        try await connection.query(
            """
            INSERT INTO run_segments (run_id, position, started_at, from_seconds, gap_seconds, target)
            VALUES (\(runID), \(segment.position), \(segment.startedAt.timeIntervalSince1970), \(segment.fromSeconds),
                    \(segment.gapSeconds), \(segment.target))
            """, logger: logger)
    }

    /// Appends a batch of results, with their metric samples, in one transaction of two `COPY`s.
    ///
    /// The results' ids are drawn from the table's identity first, in ascending order, so the samples can name
    /// their result and the results keep the order they came in, as SQLite's row ids do.
    public func append(_ results: [ProbeResult], to runID: String) async throws {
        guard !results.isEmpty else { return }
        try await transaction("record \(results.count) results of run \(runID)") { connection in
            var ids: [Int64] = []
            ids.reserveCapacity(results.count)
            for try await id in try await connection.query(
                """
                SELECT nextval(pg_get_serial_sequence('probe_results', 'id')) FROM generate_series(1, \(results.count))
                """, logger: logger
            ).decode(Int64.self) {
                ids.append(id)
            }
            ids.sort()
            try await connection.copyFrom(
                table: "probe_results",
                columns: [
                    "id", "run_id", "phase", "probe", "provider", "intended_at", "started_at", "latency", "passed",
                    "error_class", "detail", "finding", "location",
                ],
                logger: logger
            ) { writer in
                var rows = CopyRows()
                for (id, result) in zip(ids, results) {
                    rows.field(id)
                    rows.field(runID)
                    rows.field(result.phase)
                    rows.field(result.probe)
                    rows.field(result.provider)
                    rows.field(result.intendedAt)
                    rows.field(result.startedAt)
                    rows.field(result.latency)
                    rows.field(result.passed)
                    rows.field(result.errorClass)
                    rows.field(result.detail)
                    rows.field(result.finding)
                    rows.field(result.location)
                    rows.endRow()
                    try await rows.flushIfFull(to: writer)
                }
                try await rows.flush(to: writer)
            }
            guard results.contains(where: { !$0.samples.isEmpty }) else { return }
            try await connection.copyFrom(
                table: "metric_samples", columns: ["run_id", "result_id", "at", "name", "labels", "value"],
                logger: logger
            ) { writer in
                var rows = CopyRows()
                var labels = LabelText.Cache()
                for (id, result) in zip(ids, results) {
                    for sample in result.samples {
                        rows.field(runID)
                        rows.field(id)
                        rows.field(result.finishedAt)
                        rows.field(sample.name)
                        rows.field(labels.encode(sample.labels))
                        rows.field(sample.value)
                        rows.endRow()
                    }
                    try await rows.flushIfFull(to: writer)
                }
                try await rows.flush(to: writer)
            }
        }
    }

    public func finish(
        _ runID: String, endedAt: Date, end: RunEnd, reach: Double, alerts: [AlertEvent], gates: [GateVerdict],
        outcome: DecisionOutcome
    ) async throws {
        let reasons = String(decoding: try JSONEncoder().encode(outcome.reasons), as: UTF8.self)
        try await transaction("record how run \(runID) ended") { connection in
            try await connection.query("DELETE FROM alert_events WHERE run_id = \(runID)", logger: logger)
            for event in alerts {
                try await connection.query(
                    """
                    INSERT INTO alert_events (run_id, rule, level, state, at, value, samples, condition, instance, unit)
                    VALUES (\(runID), \(event.rule), \(event.level.rawValue), \(event.state.rawValue), \(event.at),
                            \(event.value), \(event.samples), \(event.condition), \(event.instance),
                            \(event.unit?.rawValue))
                    """, logger: logger)
            }
            try await connection.query("DELETE FROM gate_verdicts WHERE run_id = \(runID)", logger: logger)
            for gate in gates {
                try await connection.query(
                    """
                    INSERT INTO gate_verdicts (run_id, gate, condition, observed, threshold, window_text, samples,
                                               min_samples, verdict, severity, unit, threshold_value)
                    VALUES (\(runID), \(gate.gate), \(gate.condition), \(gate.observed), \(gate.threshold),
                            \(gate.window), \(gate.samples), \(gate.minSamples), \(gate.verdict.rawValue),
                            \(gate.severity.rawValue), \(gate.unit?.rawValue), \(gate.thresholdValue))
                    """, logger: logger)
            }
            try await connection.query(
                """
                UPDATE runs SET ended_at = \(endedAt.timeIntervalSince1970), end_state = \(end.rawValue),
                                decision = \(outcome.decision.rawValue), reasons = \(reasons), reach = \(reach)
                WHERE id = \(runID)
                """, logger: logger)
        }
    }

    public func setBaseline(_ baseline: RunBaseline, of runID: String) async throws {
        try await transaction("record the baseline of run \(runID)") { connection in
            try await connection.query(
                """
                INSERT INTO run_baselines (run_id, baseline_run_id, chosen_by)
                VALUES (\(runID), \(baseline.baselineRunID), \(baseline.chosenBy))
                ON CONFLICT (run_id) DO UPDATE SET baseline_run_id = EXCLUDED.baseline_run_id,
                                                   chosen_by = EXCLUDED.chosen_by
                """, logger: logger)
        }
    }

    public func recordRollback(_ steps: [RollbackStepRecord], of runID: String) async throws {
        try await transaction("record the rollback of run \(runID)") { connection in
            try await connection.query("DELETE FROM rollback_steps WHERE run_id = \(runID)", logger: logger)
            for step in steps {
                try await connection.query(
                    """
                    INSERT INTO rollback_steps (run_id, position, name, action, timeout, outcome, exit_status, output,
                                                duration)
                    VALUES (\(runID), \(step.position), \(step.name), \(step.action), \(step.timeoutSeconds),
                            \(step.outcome.rawValue), \(step.exitStatus), \(step.output),
                            \(step.durationSeconds))
                    """, logger: logger)
            }
        }
    }

    public func append(_ readings: [PrometheusReading], to runID: String) async throws {
        guard !readings.isEmpty else { return }
        try await transaction("record \(readings.count) Prometheus readings of run \(runID)") { connection in
            try await connection.copyFrom(
                table: "prometheus_readings",
                columns: ["run_id", "condition_key", "grp", "at", "value", "samples", "problem", "promql", "source"],
                logger: logger
            ) { writer in
                var rows = CopyRows()
                for reading in readings {
                    rows.field(runID)
                    rows.field(reading.key)
                    rows.field(reading.group)
                    rows.field(reading.at)
                    rows.field(reading.value)
                    rows.field(Int64(reading.samples))
                    rows.field(reading.problem)
                    rows.field(reading.promQL)
                    rows.field(reading.source)
                    rows.endRow()
                }
                try await rows.flush(to: writer)
            }
        }
    }
}
