import Canary
import Foundation
import Probes
import Testing

/// The judge decides from the store alone: runs that never ended, gates the harness could not verify, and a
/// stored plan this version cannot read.
@Suite struct JudgeTests {
    static let plan = """
        name: judged
        phases:
          - name: only
            from: 0m
            until: 10m
            probes:
              - probe: webhook.delivery
                cadence: 1m
                providers: [hubspot]
              - probe: call.push
                cadence: 1m
                providers: [hubspot]
        watch:
          - probe: metrics.scrape
            cadence: 15s
        gates:
          - name: webhooks take effect
            require: probe_success_ratio(webhook.delivery[run]) >= 90%
            severity: critical
            min_samples: 5
          - name: calls arrive
            require: probe_success_ratio(call.push[run]) >= 95%
            min_samples: 5
          - name: webhook latency
            require: histogram_quantile(0.95, webhook_latency_seconds[run]) < 2s
            min_samples: 5
        """

    static func store(plan: String = plan) async throws -> CanaryStore {
        let store = try CanaryStore(path: StoreTests.temporaryDatabase())
        var run = StoreTests.run("j")
        run.planSource = plan
        try await store.begin(run)
        return store
    }

    @Test func aRunThatNeverEndedIsJudgedFromWhatItStored() async throws {
        let store = try await Self.store()
        var results: [ProbeResult] = []
        for minute in 0..<8 {
            let at = Double(minute)
            results.append(
                ProbeResult(
                    probe: "webhook.delivery", provider: "hubspot", phase: "only", intendedAt: at, startedAt: at,
                    latency: 0.05, passed: false, errorClass: "http_status", detail: "signed hubspot webhook answered 500"))
            results.append(
                ProbeResult(
                    probe: "call.push", provider: "hubspot", phase: "only", intendedAt: at, startedAt: at, latency: 0,
                    passed: false, errorClass: "unverified", detail: "HUBSPOT_ACCESS_TOKEN is not set"))
            results.append(
                ProbeResult(
                    probe: "metrics.scrape", provider: nil, phase: "only", intendedAt: at, startedAt: at, latency: 0.01,
                    passed: true, errorClass: nil, detail: "ok", samples: [MetricSample(name: "dlq_size", labels: [:], value: 0)]))
        }
        try await store.append(results, to: "j")
        let judgment = try await Judge(store: store).judge(runID: "j")
        #expect(judgment.end == .unfinished && judgment.reach > 7)
        #expect(judgment.outcome.decision == .rollback, "a critical gate over stored results missed")
        let lines = judgment.outcome.reasons.map { ReasonText.line($0, speed: 60) }
        #expect(lines.first?.hasPrefix("webhook.delivery (hubspot): 8 of 8 attempts failed: signed hubspot webhook answered 500") == true, "\(lines)")
        #expect(lines.contains { $0.contains("without recording its end") })
        #expect(lines.contains("1 gate had no data because the harness could not verify their probes: HUBSPOT_ACCESS_TOKEN is not set (\"calls arrive\")"), "\(lines)")
        #expect(lines.contains { $0.contains("/crm/metrics (Prometheus text) has no webhook_latency_seconds") }, "\(lines)")
    }

    @Test func aStoredPlanThisVersionCannotReadIsAClearError() async throws {
        let store = try await Self.store(plan: "name: old\nphases: []\nlegacy_key: 1\n")
        let error = await #expect(throws: CanaryError.self) { try await Judge(store: store).judge(runID: "j") }
        #expect(error?.code == .storedPlanInvalid)
        #expect(error?.message.contains("unknown key \"legacy_key\"") == true, "\(error?.message ?? "")")
        #expect(error?.hint?.contains("canary test") == true, "names the version that recorded it")
    }
}
