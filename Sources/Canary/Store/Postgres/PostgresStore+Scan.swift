import PostgresNIO
import Probes

extension PostgresStore {
    public func scanAttempts<A: Sendable>(
        of runID: String, into accumulator: A, _ body: @escaping @Sendable (inout A, StoredAttempt) -> Void
    ) async throws -> A {
        try await perform("read the attempts of run \(runID)") {
            var result = accumulator
            let rows = try await client.query(
                """
                SELECT probe, provider, intended_at, latency, passed, error_class, finding,
                       CASE WHEN passed THEN '' ELSE detail END
                FROM probe_results WHERE run_id = \(runID) ORDER BY probe, id
                """, logger: logger)
            for try await (probe, provider, intendedAt, latency, passed, errorClass, finding, detail) in rows.decode(
                (String, String?, Double, Double, Bool, String?, String?, String).self)
            {
                body(
                    &result,
                    StoredAttempt(
                        probe: probe, provider: provider, intendedAt: intendedAt, latency: latency, passed: passed,
                        errorClass: errorClass, detail: detail, finding: finding))
            }
            return result
        }
    }

    public func scanResults<A: Sendable>(
        of runID: String, into accumulator: A, _ body: @escaping @Sendable (inout A, ProbeResult) -> Void
    ) async throws -> A {
        try await scanResults(of: runID, passedDetails: false, into: accumulator, body)
    }

    /// Streams a run's results in finishing order with their samples; `passedDetails` keeps the detail of passed
    /// attempts, which reports never show.
    func scanResults<A>(
        of runID: String, passedDetails: Bool, into accumulator: A, _ body: (inout A, ProbeResult) -> Void
    ) async throws -> A {
        try await perform("read the results of run \(runID)") {
            var samplesByResult: [Int64: [MetricSample]] = [:]
            var labels: [String: [String: String]] = [:]
            let sampleRows = try await client.query(
                "SELECT result_id, name, labels, value FROM metric_samples WHERE run_id = \(runID) ORDER BY seq",
                logger: logger)
            for try await (resultID, name, text, value) in sampleRows.decode((Int64, String, String, Double).self) {
                let decoded = labels[text] ?? LabelText.decode(text)
                labels[text] = decoded
                samplesByResult[resultID, default: []].append(MetricSample(name: name, labels: decoded, value: value))
            }
            var result = accumulator
            let rows = try await client.query(
                """
                SELECT id, probe, provider, phase, intended_at, started_at, latency, passed, error_class,
                       CASE WHEN passed AND NOT \(passedDetails) THEN '' ELSE detail END, finding, location
                FROM probe_results WHERE run_id = \(runID) ORDER BY intended_at + latency, id
                """, logger: logger)
            for try await row in rows {
                let (id, probe, provider, phase, intendedAt, startedAt, latency, passed, errorClass, detail, finding, location) =
                    try row.decode(
                        (Int64, String, String?, String, Double, Double, Double, Bool, String?, String, String?, String?).self)
                body(
                    &result,
                    ProbeResult(
                        probe: probe, provider: provider, phase: phase, intendedAt: intendedAt, startedAt: startedAt,
                        latency: latency, passed: passed, errorClass: errorClass, detail: detail, finding: finding,
                        samples: samplesByResult.removeValue(forKey: id) ?? [], location: location))
            }
            return result
        }
    }

    public func latencies(of runID: String) async throws -> [ProbeKey: [Double]] {
        try await perform("read the latencies of run \(runID)") {
            var latencies: [ProbeKey: [Double]] = [:]
            let rows = try await client.query(
                "SELECT probe, provider, latency FROM probe_results WHERE run_id = \(runID) ORDER BY probe, id",
                logger: logger)
            for try await (probe, provider, latency) in rows.decode((String, String?, Double).self) {
                latencies[ProbeKey(probe: probe, provider: provider), default: []].append(latency)
            }
            return latencies
        }
    }
}
