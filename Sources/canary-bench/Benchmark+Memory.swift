import Canary
import Foundation
import Logging
import Probes

extension Benchmark {
    /// Records `count` synthetic results of the pilot plan's probes through a run's own recording (the live watcher
    /// evaluating the pilot's alert rules, the writer committing to SQLite) at about 140 results per plan second,
    /// with a 30-sample scrape every 15 plan seconds, and samples the process's resident memory as it goes.
    static func memory(results count: Int) async throws {
        let plan = try PlanLoader.load(path: "scenarios/pilot.yaml")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("canary-bench-\(UUID().uuidString)")
        let store = try CanaryStore(path: folder.appendingPathComponent("memory.sqlite").path)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await store.begin(
            RunRecord(
                id: "memory", planName: plan.name, planPath: plan.sourcePath, planSource: plan.source, target: "-",
                speed: 1, faults: nil, harnessVersion: CanaryVersion.current, startedAt: Date(), endedAt: nil,
                end: .unfinished, decision: nil, reasons: []))
        var settings = RunSettings(
            speed: 1, target: ProbeTarget(backendURL: "http://127.0.0.1:9", workspaceID: "bench"), logger: Logger(label: "bench"))
        settings.progress = { _ in }
        var recording = RunRecording(runID: "memory", plan: plan, settings: settings, store: store, control: RunControl())
        let instances: [(String, String?)] =
            [("health", nil), ("crm.health", "hubspot"), ("crm.health", "zoho"), ("cors", nil)]
            + ["hubspot", "zoho", "odoo", "stripe"].map { ("webhook.delivery", $0) }
            + ["hubspot", "zoho", "odoo"].map { ("call.push", $0) }
        let scrape = (0..<30).map { MetricSample(name: "bench_metric_\($0 % 10)", labels: ["provider": "p\($0 / 10)"], value: 1) }
        let clock = ContinuousClock()
        let started = clock.now
        let baseline = residentBytes()
        var peak = baseline
        var lastTick = 0.0, lastScrape = -15.0
        for index in 0..<count {
            let at = Double(index) / 140
            let (probe, provider) = instances[index % instances.count]
            let failed = index % 97 == 0
            await recording.handle(
                .result(
                    ProbeResult(
                        probe: probe, provider: provider, phase: "bench", intendedAt: at, startedAt: at, latency: 0.02,
                        passed: !failed, errorClass: failed ? "http_status" : nil,
                        detail: failed ? "signed \(provider ?? "x") webhook answered 503" : "ok")))
            if at - lastScrape >= 15 {
                lastScrape = at
                await recording.handle(
                    .result(
                        ProbeResult(
                            probe: "metrics.scrape", provider: nil, phase: "bench", intendedAt: at, startedAt: at,
                            latency: 0.005, passed: true, errorClass: nil, detail: "ok", samples: scrape)))
            }
            if at - lastTick >= 0.25 {
                lastTick = at
                await recording.handle(.tick(at))
            }
            if index % 50_000 == 0 { peak = max(peak, residentBytes()) }
        }
        try await recording.finish()
        peak = max(peak, residentBytes())
        let elapsed = (clock.now - started).seconds
        print(
            String(
                format: "memory: %d results (%.1f plan hours) recorded in %.1f s; resident %.1f MiB at start, peak %.1f MiB: "
                    + "growth %.1f MiB (goal under 64 MiB)",
                count, Double(count) / 140 / 3600, elapsed, Double(baseline) / 1_048_576, Double(peak) / 1_048_576,
                Double(peak - baseline) / 1_048_576))
    }

    /// The process's resident set size, from /proc/self/statm.
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let pages = text.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
