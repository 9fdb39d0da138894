import GRDB
import Probes

/// One stored probe attempt as a report reads it: no metric samples, the detail only for failures.
public struct StoredAttempt: Sendable {
    public var probe: String
    public var provider: String?
    /// When it was due, seconds since the run began.
    public var intendedAt: Double
    /// Seconds from due to finished.
    public var latency: Double
    public var passed: Bool
    public var errorClass: String?
    /// The attempt's detail; empty for passed attempts, which reports never show.
    public var detail: String
    public var finding: String?

    /// When it finished, seconds since the run began.
    public var finishedAt: Double { intendedAt + latency }
}

extension CanaryStore {
    /// Streams a run's attempts (by probe, then in recording order) into `accumulator`, without holding them all in memory.
    public func scanAttempts<A: Sendable>(
        of runID: String, into accumulator: A, _ body: @escaping @Sendable (inout A, StoredAttempt) -> Void
    ) async throws -> A {
        try await writer.read { db in
            var result = accumulator
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT probe, provider, intended_at, latency, passed, error_class, finding,
                           CASE WHEN passed THEN '' ELSE detail END
                    FROM probe_results WHERE run_id = ? ORDER BY probe, id
                    """,
                arguments: [runID])
            while let row = try rows.next() {
                body(
                    &result,
                    StoredAttempt(
                        probe: row[0], provider: row[1], intendedAt: row[2], latency: row[3], passed: row[4],
                        errorClass: row[5], detail: row[7], finding: row[6]))
            }
            return result
        }
    }

    /// Streams a run's results in finishing order, each with the metric samples it collected, into `accumulator`.
    ///
    /// Samples are few (one scrape's worth every few seconds) and are read first; results are streamed.
    public func scanResults<A: Sendable>(
        of runID: String, into accumulator: A, _ body: @escaping @Sendable (inout A, ProbeResult) -> Void
    ) async throws -> A {
        try await writer.read { db in
            var samplesByResult: [Int64: [MetricSample]] = [:]
            var labels: [String: [String: String]] = [:]
            let sampleRows = try Row.fetchCursor(
                db, sql: "SELECT result_id, name, labels, value FROM metric_samples WHERE run_id = ? ORDER BY rowid",
                arguments: [runID])
            while let row = try sampleRows.next() {
                let text: String = row[2]
                let decoded = labels[text] ?? LabelText.decode(text)
                labels[text] = decoded
                samplesByResult[row[0], default: []].append(MetricSample(name: row[1], labels: decoded, value: row[3]))
            }
            var result = accumulator
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT id, probe, provider, phase, intended_at, started_at, latency, passed, error_class,
                           CASE WHEN passed THEN '' ELSE detail END, finding, location
                    FROM probe_results WHERE run_id = ? ORDER BY intended_at + latency, id
                    """,
                arguments: [runID])
            while let row = try rows.next() {
                let id: Int64 = row[0]
                body(
                    &result,
                    ProbeResult(
                        probe: row[1], provider: row[2], phase: row[3], intendedAt: row[4], startedAt: row[5],
                        latency: row[6], passed: row[7], errorClass: row[8], detail: row[9], finding: row[10],
                        samples: samplesByResult.removeValue(forKey: id) ?? [], location: row[11]))
            }
            return result
        }
    }

    /// Latencies of a run's attempts per probe instance (`probe` or `probe (provider)`), for comparisons.
    public func latencies(of runID: String) async throws -> [ProbeKey: [Double]] {
        try await writer.read { db in
            var latencies: [ProbeKey: [Double]] = [:]
            let rows = try Row.fetchCursor(
                db, sql: "SELECT probe, provider, latency FROM probe_results WHERE run_id = ? ORDER BY probe, id", arguments: [runID])
            while let row = try rows.next() {
                latencies[ProbeKey(probe: row[0], provider: row[1]), default: []].append(row[2])
            }
            return latencies
        }
    }
}
