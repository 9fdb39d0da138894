import Canary
import Foundation
import Probes
import Testing

@Suite struct StoreTests {
    static func temporaryDatabase() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("canary-\(UUID().uuidString)/canary.sqlite").path
    }

    static func run(_ id: String, decision: Decision? = nil) -> RunRecord {
        RunRecord(
            id: id, planName: "pilot", planPath: "scenarios/pilot.yaml", planSource: "name: pilot",
            target: "http://127.0.0.1:1", speed: 60, faults: nil, harnessVersion: "test",
            startedAt: Date(timeIntervalSince1970: 1_700_000_000), endedAt: nil, end: .unfinished,
            decision: decision, reasons: [])
    }

    @Test func roundTripsARunThroughASQLiteFile() async throws {
        let path = Self.temporaryDatabase()
        let store = try CanaryStore(path: path)
        try await store.begin(Self.run("r1"))
        let samples = [
            MetricSample(name: "dlq_size", labels: [:], value: 0),
            MetricSample(name: "crm_sync_errors_total", labels: ["provider": "zoho"], value: 3),
        ]
        let results = [
            ProbeResult(probe: "metrics.scrape", provider: nil, phase: "import", intendedAt: 1, startedAt: 1.001, latency: 0.004, passed: true, errorClass: nil, detail: "ok", samples: samples),
            ProbeResult(probe: "crm.health", provider: "zoho", phase: "import", intendedAt: 2, startedAt: 2.01, latency: 10, passed: false, errorClass: "timeout", detail: "no answer"),
            ProbeResult(probe: "webhook.send", provider: "hubspot", phase: "import", intendedAt: 3, startedAt: 3, latency: 0.2, passed: false, errorClass: "check", detail: "forged", finding: "forged webhook accepted"),
        ]
        let alert = AlertEvent(rule: "dlq", level: .critical, state: .fired, at: 2.5, value: 1, samples: 1, condition: "dlq_size > 0")
        try await store.append(results, to: "r1")
        let gate = GateVerdict(gate: "g", condition: "x < 1", observed: nil, threshold: "< 1", window: "run", samples: 0, minSamples: 5, verdict: .noData)
        var reason = Reason(cause: .criticalAlert, effect: .rollback)
        reason.rules = ["dlq"]
        try await store.finish(
            "r1", endedAt: Date(timeIntervalSince1970: 1_700_000_120), end: .stoppedOnCritical, reach: 3, alerts: [alert],
            gates: [gate], outcome: DecisionOutcome(decision: .rollback, reasons: [reason]))

        let reopened = try CanaryStore(path: path)
        let run = try #require(try await reopened.run("r1"))
        #expect(run.decision == .rollback && run.end == .stoppedOnCritical && run.reasons == [reason])
        #expect(run.reach == 3 && run.mode == .target)
        #expect(try await reopened.segments(of: "r1").map(\.fromSeconds) == [0])
        #expect(run.endedAt == Date(timeIntervalSince1970: 1_700_000_120))
        let stored = try await reopened.results(of: "r1")
        #expect(stored.map(\.probe) == ["metrics.scrape", "webhook.send", "crm.health"])
        #expect(stored[0].samples.count == 2)
        #expect(stored[0].samples.contains { $0.name == "crm_sync_errors_total" && $0.labels == ["provider": "zoho"] && $0.value == 3 })
        #expect(stored[1].finding == "forged webhook accepted")
        #expect(stored[2].errorClass == "timeout" && stored[2].latency == 10)
        #expect(try await reopened.alerts(of: "r1") == [alert])
        #expect(try await reopened.gates(of: "r1") == [gate])
        #expect(try await reopened.runs().map(\.id) == ["r1"])
    }

    @Test func latestGoRunSkipsOthers() async throws {
        let store = try CanaryStore(path: Self.temporaryDatabase())
        try await store.begin(Self.run("a"))
        try await store.finish("a", endedAt: Date(), end: .completed, reach: 1, gates: [], outcome: .init(decision: .go, reasons: []))
        try await store.begin(Self.run("b"))
        try await store.finish("b", endedAt: Date(), end: .completed, reach: 1, gates: [], outcome: .init(decision: .rollback, reasons: []))
        #expect(try await store.latestRun(withDecision: .go)?.id == "a")
        #expect(try await store.latestRun(withDecision: .go, excluding: "a") == nil)
    }

    @Test func unwritableLocationIsAClearError() {
        #expect(throws: CanaryError.self) { try CanaryStore(path: "/proc/no-such-place/canary.sqlite") }
    }
}
