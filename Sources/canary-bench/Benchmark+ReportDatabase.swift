import Canary
import Foundation

extension Benchmark {
    /// Writes run `bench` with `count` results of 20 probes (a third per provider, 2 % failed, a few findings)
    /// to a fresh database at `path`, finished as a run that took `count / 200` seconds.
    static func reportDatabase(path: String, results count: Int) async throws {
        try? FileManager.default.removeItem(atPath: path)
        let store = try CanaryStore(path: path)
        let started = Date(timeIntervalSince1970: 1_700_000_000)
        try await store.begin(
            RunRecord(
                id: "bench", planName: "bench", planPath: "-", planSource: "", target: "-", speed: 1, faults: nil,
                harnessVersion: CanaryVersion.current, startedAt: started, endedAt: nil, end: .unfinished,
                decision: nil, reasons: []))
        let providers = ["hubspot", "zoho", "odoo"]
        var generator = SystemRandomNumberGenerator()
        var written = 0
        while written < count {
            let batch = (0..<min(5000, count - written)).map { offset in
                let index = written + offset
                let failed = index % 50 == 0
                return ProbeResult(
                    probe: "bench.\(index % 20)", provider: index % 20 < 10 ? providers[index % 3] : nil, phase: "bench",
                    intendedAt: Double(index) / 200, startedAt: Double(index) / 200,
                    latency: 0.002 + Double.random(in: 0..<0.2, using: &generator) * Double.random(in: 0..<1, using: &generator),
                    passed: !failed, errorClass: failed ? (index % 150 == 0 ? "timeout" : "http_status") : nil,
                    detail: failed ? "status 503" : "ok", finding: index % 250_000 == 0 ? "forged webhook accepted" : nil)
            }
            try await store.append(batch, to: "bench")
            written += batch.count
        }
        try await store.finish(
            "bench", endedAt: started.addingTimeInterval(Double(count) / 200), end: .completed, gates: [],
            outcome: DecisionOutcome(decision: .go, reasons: []))
        print("report-db: \(count) results in \(path)")
    }
}
