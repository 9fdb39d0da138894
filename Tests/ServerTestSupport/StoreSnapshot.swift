import Canary
import Foundation
import Probes

/// Everything a store answers about one run, as text: two stores hold the same run exactly when their snapshots are
/// equal, order included.
public enum StoreSnapshot {
    /// - Parameter recordingOrder: whether answers that follow the order results were recorded in (attempts within
    ///   a probe, latencies) are compared in that order; a run copied in finishing order has another.
    public static func of(_ runID: String, in store: any RunStore, recordingOrder: Bool = true) async throws -> String {
        var lines: [String] = []
        if let run = try await store.run(runID) { lines.append("run \(run)") }
        lines += try await store.runs().map { "listed \($0.id)" }
        lines += try await store.segments(of: runID).map { "segment \($0)" }
        lines += try await store.locations(of: runID).map { "location \($0)" }
        lines += try await store.results(of: runID).map { "result \(describe($0))" }
        lines += try await store.scanResults(of: runID, into: [String]()) { $0.append("scanned \(describe($1))") }
        let attempts = try await store.scanAttempts(of: runID, into: [String]()) { $0.append("attempt \($1)") }
        lines += recordingOrder ? attempts : attempts.sorted()
        lines += try await store.alerts(of: runID).map { "alert \($0)" }
        lines += try await store.gates(of: runID).map { "gate \($0)" }
        lines += try await store.prometheusReadings(of: runID).map { "reading \($0)" }
        lines += try await store.rollbackSteps(of: runID).map { "rollback \($0)" }
        lines.append("baseline \(String(describing: try await store.baseline(of: runID)))")
        lines.append("last finish \(try await store.lastFinish(of: runID))")
        lines += try await store.latencies(of: runID).sorted { $0.key < $1.key }.map {
            "latencies \($0.key) \(recordingOrder ? $0.value : $0.value.sorted())"
        }
        return lines.joined(separator: "\n")
    }

    /// A result with its samples in a stable order of fields (labels sorted).
    static func describe(_ result: ProbeResult) -> String {
        let samples = result.samples.map { sample in
            "\(sample.name){\(sample.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","))}=\(sample.value)"
        }
        return "\(result.probe) \(result.provider ?? "-") \(result.phase) \(result.intendedAt) \(result.startedAt) "
            + "\(result.latency) \(result.passed) \(result.errorClass ?? "-") \(result.detail.debugDescription) "
            + "\(result.finding ?? "-") \(result.location ?? "-") [\(samples.joined(separator: " "))]"
    }

    /// Records in `target` everything `source` holds of run `runID`, through the store protocol alone; results go in
    /// finishing order, which is not always the order they were first recorded in.
    public static func copy(_ runID: String, from source: any RunStore, to target: any RunStore) async throws {
        guard let run = try await source.run(runID) else { throw ServerFailure("no run \(runID) to copy") }
        var started = run
        started.end = .unfinished
        started.decision = nil
        started.reasons = []
        try await target.begin(started)
        for segment in try await source.segments(of: runID).dropFirst() {
            try await target.resume(runID, segment: segment, pid: run.runnerPID ?? 0, host: run.runnerHost ?? "")
        }
        for location in try await source.locations(of: runID) {
            try await target.join(runID, location: location)
            if let finished = location.finishedAt {
                try await target.finishLocation(runID, location: location.name, at: finished)
            }
            try await target.heartbeat(runID, location: location.name, at: location.lastSeen)
        }
        let results = try await source.results(of: runID)
        for start in stride(from: 0, to: results.count, by: 2_000) {
            try await target.append(Array(results[start..<min(start + 2_000, results.count)]), to: runID)
        }
        try await target.append(try await source.prometheusReadings(of: runID), to: runID)
        if let baseline = try await source.baseline(of: runID) { try await target.setBaseline(baseline, of: runID) }
        try await target.recordRollback(try await source.rollbackSteps(of: runID), of: runID)
        if let decision = run.decision {
            try await target.finish(
                runID, endedAt: run.endedAt ?? run.startedAt, end: run.end, reach: run.reach ?? 0,
                alerts: try await source.alerts(of: runID), gates: try await source.gates(of: runID),
                outcome: DecisionOutcome(decision: decision, reasons: run.reasons))
        }
    }
}
