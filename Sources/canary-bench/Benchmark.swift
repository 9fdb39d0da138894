import AsyncHTTPClient
import Canary
import Foundation
import Logging
import Probes
import Synchronization

/// `canary-bench`: measures the scheduler's send lateness, the store's write rate and the fake
/// deployment's webhook intake, and builds the database `bench/report.sh` times `canary report` on.
///
///     swift run -c release canary-bench scheduler [--rate 200] [--seconds 60]
///     swift run -c release canary-bench store [--results 1000000] [--db PATH|postgres://…]
///     swift run -c release canary-bench engine [--seconds 10] [--concurrency 32]
///     swift run -c release canary-bench memory [--results 1000000]
///     swift run -c release canary-bench intake [--events 20000] [--concurrency 32]
///     swift run -c release canary-bench report-db --db PATH [--results 1000000]
@main
enum Benchmark {
    static func main() async throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        func option(_ name: String, _ fallback: Double) -> Double {
            guard let index = arguments.firstIndex(of: "--" + name), index + 1 < arguments.count else { return fallback }
            return Double(arguments[index + 1]) ?? fallback
        }
        switch arguments.first {
        case "scheduler": await scheduler(rate: option("rate", 200), seconds: option("seconds", 60))
        case "store":
            let keep = arguments.firstIndex(of: "--db").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
            try await store(results: Int(option("results", 1_000_000)), keep: keep)
        case "engine": try await engine(seconds: option("seconds", 10), concurrency: max(1, Int(option("concurrency", 32))))
        case "memory": try await memory(results: Int(option("results", 1_000_000)))
        case "intake":
            try await intake(events: Int(option("events", 20_000)), concurrency: max(1, Int(option("concurrency", 32))))
        case "report-db":
            guard let index = arguments.firstIndex(of: "--db"), index + 1 < arguments.count else {
                print("usage: canary-bench report-db --db PATH [--results N]")
                return
            }
            try await reportDatabase(path: arguments[index + 1], results: Int(option("results", 1_000_000)))
        default:
            print(
                "usage: canary-bench scheduler [--rate N] [--seconds N] | store [--results N] [--db PATH]"
                    + " | engine [--seconds N] [--concurrency N] | memory [--results N] | intake [--events N] [--concurrency N] | report-db --db PATH [--results N]")
        }
    }

    /// Starts `rate` attempts a second of a probe that takes 2 ms, and reports how late each started.
    static func scheduler(rate: Double, seconds: Double) async {
        let probes = 20
        let interval = Duration.seconds(Double(probes) / rate)
        let entries = (0..<probes).map { index in
            ScheduledProbe(
                probe: PauseProbe(id: "bench.\(index)"), start: interval * (Double(index) / Double(probes)),
                end: .seconds(seconds), cadence: .every(interval), timeout: .seconds(5))
        }
        let lateness = Mutex(LatencyHistogram())
        let context = ProbeContext(
            http: .shared, target: ProbeTarget(backendURL: "http://127.0.0.1:9", workspaceID: "bench"),
            timeout: .seconds(5), logger: Logger(label: "bench"))
        let clock = ContinuousClock()
        let started = clock.now
        await Scheduler(entries: entries, phaseName: { _ in "bench" }).run(context: context, origin: .now) { result in
            lateness.withLock { $0.record(seconds: max(result.startedAt - result.intendedAt, 1e-6)) }
        }
        let elapsed = (clock.now - started).seconds
        lateness.withLock { histogram in
            print(
                String(
                    format: "scheduler: %d attempts in %.1f s (%.1f/s); send lateness p50 %.3f ms, p99 %.3f ms, max %.3f ms",
                    histogram.count, elapsed, Double(histogram.count) / elapsed, (histogram.quantile(0.5) ?? 0) * 1000,
                    (histogram.quantile(0.99) ?? 0) * 1000, (histogram.max ?? 0) * 1000))
        }
    }

    /// Appends `results` probe results (every tenth with 20 metric samples) in batches of 2,000, as a run commits
    /// them, into the store `--db` names: a SQLite file kept there (for `bench/store.sh`), a PostgreSQL URL, or
    /// without it a temporary SQLite file that is removed.
    static func store(results count: Int, keep: String?) async throws {
        let temporary = FileManager.default.temporaryDirectory
            .appendingPathComponent("canary-bench-\(UUID().uuidString).sqlite").path
        let location = try StoreLocation(keep ?? temporary)
        var logger = Logger(label: "bench")
        logger.logLevel = .warning
        let elapsed = try await location.withStore(logger: logger) { store in
            let runID = RunRecord.newID()
            try await store.begin(
                RunRecord(
                    id: runID, planName: "bench", planPath: "-", planSource: "", target: "-", speed: 1, faults: nil,
                    harnessVersion: CanaryVersion.current, startedAt: Date(), endedAt: nil, end: .unfinished,
                    decision: nil, reasons: []))
            let samples = (0..<20).map {
                MetricSample(name: "bench_metric_\($0)", labels: ["provider": "hubspot"], value: Double($0))
            }
            let clock = ContinuousClock()
            let started = clock.now
            var written = 0
            while written < count {
                let batch = (0..<min(2000, count - written)).map { offset in
                    let index = written + offset
                    return ProbeResult(
                        probe: "bench.\(index % 20)", provider: index % 3 == 0 ? "hubspot" : nil, phase: "bench",
                        intendedAt: Double(index) / 200, startedAt: Double(index) / 200,
                        latency: 0.01 + Double(index % 100) / 1000, passed: index % 50 != 0,
                        errorClass: index % 50 == 0 ? "timeout" : nil, detail: "ok",
                        samples: index % 10 == 0 ? samples : [])
                }
                try await store.append(batch, to: runID)
                written += batch.count
            }
            return (clock.now - started).seconds
        }
        print(
            String(
                format: "store (%@): %d results (+%d metric samples) in %.2f s: %.0f results/s",
                location.description, count, count / 10 * 20, elapsed, Double(count) / elapsed))
        if keep == nil { try? FileManager.default.removeItem(atPath: temporary) }
    }
}

/// A probe that only waits a little, so the benchmark measures the scheduler, not a server.
struct PauseProbe: Probe {
    let id: String
    func run(in context: ProbeContext) async throws -> ProbeOutcome {
        try await Task.sleep(for: .milliseconds(2))
        return .pass()
    }
}
