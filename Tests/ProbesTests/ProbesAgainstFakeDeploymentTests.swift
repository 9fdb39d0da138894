import AsyncHTTPClient
import FakeBackend
import Logging
import Probes
import Testing

/// The probes against a live fake deployment on a loopback port.
@Suite struct ProbesAgainstFakeDeploymentTests {
    static func withContext(
        _ configuration: FakeDeploymentConfiguration = FakeDeploymentConfiguration(),
        _ body: @Sendable (ProbeContext) async throws -> Void
    ) async throws {
        try await withFakeDeployment(configuration, logger: Logger(label: "test")) { deployment in
            let context = ProbeContext(
                http: .shared, target: ProbeTarget(backendURL: deployment.baseURL, workspaceID: "ws"),
                timeout: .seconds(5), logger: Logger(label: "test"))
            try await body(context)
        }
    }

    @Test func healthPassesAndReportsTheWorker() async throws {
        try await Self.withContext { context in
            let outcome = try await HealthProbe().run(in: context)
            #expect(outcome.passed, "\(outcome.detail)")
            #expect(outcome.samples == [MetricSample(name: "canary_worker_up", labels: [:], value: 1)])
        }
    }

    @Test func healthFailsWhenTheWorkerIsStopped() async throws {
        var configuration = FakeDeploymentConfiguration()
        configuration.faults = try DeploymentFaultPlan.parse(
            yaml: "expect: rollback\nfaults:\n  - kind: worker-stopped\n", fileName: "t.yaml", speed: 1)
        try await Self.withContext(configuration) { context in
            let outcome = try await HealthProbe().run(in: context)
            #expect(!outcome.passed)
            #expect(outcome.errorClass == .workerDown)
            #expect(outcome.samples.first?.value == 0)
        }
    }

    @Test(arguments: ["hubspot", "zoho", "odoo"])
    func crmHealthPerProvider(provider: String) async throws {
        try await Self.withContext { context in
            let outcome = try await CRMHealthProbe(provider: provider).run(in: context)
            #expect(outcome.passed, "\(outcome.detail)")
        }
    }

    @Test func crmHealthOfAnUnknownProviderFails() async throws {
        try await Self.withContext { context in
            let outcome = try await CRMHealthProbe(provider: "salesforce").run(in: context)
            #expect(outcome.errorClass == .httpStatus)
        }
    }

    @Test func metricsScrapeParsesTheSeedMetrics() async throws {
        try await Self.withContext { context in
            let outcome = try await MetricsScrapeProbe().run(in: context)
            #expect(outcome.passed, "\(outcome.detail)")
            let names = Set(outcome.samples.map(\.name))
            for name in [
                "webhook_latency_seconds_bucket", "crm_sync_duration_seconds_bucket", "crm_sync_errors_total",
                "rate_limit_hits_total", "dlq_size", "worker_queue_size", "worker_up",
            ] {
                #expect(names.contains(name), "missing \(name)")
            }
        }
    }

    @Test func webhookSendIsAcceptedAndMovesTheMetrics() async throws {
        var unsigned = FakeDeploymentConfiguration()
        for source in WebhookSource.allCases { unsigned.profile.signing[source] = DeploymentProfile.Signing.none }
        try await Self.withContext(unsigned) { signed in
            var context = signed
            for source in ["hubspot", "zoho"] { context.target.signing[source] = WebhookSigning(scheme: .none) }
            for provider in ["hubspot", "zoho", "odoo"] {
                let outcome = try await WebhookSendProbe(provider: provider).run(in: context)
                #expect(outcome.passed, "\(outcome.detail)")
            }
            let scrape = try await MetricsScrapeProbe().run(in: context)
            let received = scrape.samples.filter { $0.name == "webhooks_received_total" }.map(\.value).reduce(0, +)
            #expect(received == 3)
        }
    }

    @Test func unreachableTargetIsAConnectionFailureNotACrash() async throws {
        let context = ProbeContext(
            http: .shared, target: ProbeTarget(backendURL: "http://127.0.0.1:1", workspaceID: "ws"),
            timeout: .seconds(2), logger: Logger(label: "test"))
        let outcome = try await HealthProbe().run(in: context)
        #expect(!outcome.passed)
        #expect(outcome.errorClass == .connection, "\(outcome.detail)")
    }
}
