import FakeBackend
import FakeTestSupport
import Testing

@Suite struct WebhookLatencyTests {
    @Test func injectedDelayShowsInTheHistogram() async throws {
        let plan = DeploymentFaultPlan(seed: 1, faults: [.webhookLatency(delay: .milliseconds(300), provider: .zoho)])
        try await withFakeDeployment(fastConfiguration(faults: plan), logger: quietLogger) { deployment in
            let started = ContinuousClock.now
            try await postWebhooks(2, to: deployment, provider: "zoho")
            #expect(started.duration(to: .now) >= .milliseconds(600))
            try await postWebhooks(1, to: deployment, provider: "odoo")

            let text = try await fetch(.GET, "\(deployment.baseURL)/crm/metrics").body
            let zoho = #"provider="zoho""#
            #expect(sample(#"webhook_latency_seconds_bucket{\#(zoho),le="0.25"}"#, in: text) == 0)
            #expect(sample(#"webhook_latency_seconds_bucket{\#(zoho),le="0.5"}"#, in: text) == 2)
            #expect(sample("webhook_latency_seconds_count{\(zoho)}", in: text) == 2)
            #expect((sample("webhook_latency_seconds_sum{\(zoho)}", in: text) ?? 0) >= 0.6)
            #expect(sample(#"webhook_latency_seconds_bucket{provider="odoo",le="0.25"}"#, in: text) == 1)
        }
    }

    @Test func jitterIsSeededAndBounded() {
        let plan = DeploymentFaultPlan(
            seed: 5, faults: [.webhookLatency(delay: .seconds(3), jitter: .milliseconds(200))])
        let delays = (1...50).map { plan.webhookDelay(for: .hubspot, sequence: $0, at: .zero) }
        #expect(delays.allSatisfy { $0 >= .milliseconds(2800) && $0 <= .milliseconds(3200) })
        #expect(Set(delays).count > 1)
        #expect(delays == (1...50).map { plan.webhookDelay(for: .hubspot, sequence: $0, at: .zero) })
    }
}
