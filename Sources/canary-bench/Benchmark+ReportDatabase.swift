import Canary
import Foundation

extension Benchmark {
    /// The 20 probe instances the benchmark run records.
    static let benchInstances: [(probe: String, provider: String?)] =
        [("health", nil), ("cors", nil), ("frontend", nil), ("webhook.send", "hubspot"), ("webhook.send", "zoho")]
        + ["crm.health", "webhook.delivery", "call.push", "import.csv", "admin.kill-switch"].flatMap { probe in
            ["hubspot", "zoho", "odoo"].map { (probe, $0) }
        }

    /// A plan naming every benchmark probe, with gates and an alert over them, lasting `seconds`.
    static func benchPlan(seconds: Int) -> String {
        let probes = Set(benchInstances.map(\.probe)).sorted()
        return """
            name: bench
            phases:
              - name: bench
                from: 0s
                until: \(seconds)s
                probes:
            \(probes.map { "      - probe: \($0)\n        cadence: 10s" }.joined(separator: "\n"))
            alerts:
              - name: webhook intake failing
                level: critical
                when: probe_success_ratio(webhook.delivery[10m]) == 0
                per: provider
                min_samples: 5
            gates:
              - name: health answers
                require: probe_success_ratio(health[run]) >= 99%
                min_samples: 10
              - name: webhooks take effect for every source
                require: probe_success_ratio(webhook.delivery[run]) >= 90%
                per: provider
                severity: critical
                min_samples: 10
              - name: call push p95 under 2 s
                require: probe_quantile(0.95, call.push[run]) < 2s
                min_samples: 10
            """
    }

    /// Writes run `bench` with `count` results of 20 probe instances (2 % failed, a few findings) to a fresh
    /// database at `path`, judged and finished as a run that took `count / 200` seconds.
    static func reportDatabase(path: String, results count: Int) async throws {
        try? FileManager.default.removeItem(atPath: path)
        let store = try CanaryStore(path: path)
        let started = Date(timeIntervalSince1970: 1_700_000_000)
        let seconds = Double(count) / 200
        try await store.begin(
            RunRecord(
                id: "bench", planName: "bench", planPath: "bench.yaml", planSource: benchPlan(seconds: Int(seconds) + 1),
                target: "-", speed: 1, faults: nil, harnessVersion: CanaryVersion.current, startedAt: started,
                endedAt: nil, end: .unfinished, decision: nil, reasons: []))
        var generator = SystemRandomNumberGenerator()
        var written = 0
        while written < count {
            let batch = (0..<min(5000, count - written)).map { offset in
                let index = written + offset
                let failed = index % 50 == 0
                return ProbeResult(
                    probe: benchInstances[index % 20].probe, provider: benchInstances[index % 20].provider, phase: "bench",
                    intendedAt: Double(index) / 200, startedAt: Double(index) / 200,
                    latency: 0.002 + Double.random(in: 0..<0.2, using: &generator) * Double.random(in: 0..<1, using: &generator),
                    passed: !failed, errorClass: failed ? (index % 150 == 0 ? "timeout" : "http_status") : nil,
                    detail: failed ? "status 503" : "ok", finding: index % 250_000 == 0 ? "forged webhook accepted" : nil)
            }
            try await store.append(batch, to: "bench")
            written += batch.count
        }
        let judgment = try await Judge(store: store).judge(runID: "bench", end: .completed, reach: seconds)
        try await store.finish("bench", endedAt: started.addingTimeInterval(seconds), judgment: judgment)
        print("report-db: \(count) results in \(path)")
    }
}
