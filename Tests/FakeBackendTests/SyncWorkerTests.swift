import FakeBackend
import FakeTestSupport
import Testing

@Suite struct SyncWorkerTests {
    @Test func workerStoppedLetsTheQueueGrow() async throws {
        let plan = DeploymentFaultPlan(seed: 1, faults: [.workerStopped()])
        try await withFakeDeployment(fastConfiguration(faults: plan), logger: quietLogger) { deployment in
            try await postWebhooks(5, to: deployment)
            try await Task.sleep(for: .milliseconds(50))
            let health = try await fetch(.GET, "\(deployment.baseURL)/health")
            #expect(health.status == 200)
            let json = try health.json()
            #expect(json["status"] as? String == "degraded")
            let worker = try #require(json["worker"] as? [String: Any])
            #expect(worker["running"] as? Bool == false)
            #expect(worker["queue_size"] as? Int == 5)
            let metrics = try await fetch(.GET, "\(deployment.baseURL)/crm/metrics").body
            #expect(sample("worker_up", in: metrics) == 0)
            #expect(sample("worker_queue_size", in: metrics) == 5)
            #expect(deployment.state.sink.allRecords.isEmpty)
        }
    }

    @Test func workerComesBackWhenTheWindowEnds() async throws {
        // The window counts from the deployment's start; a loaded CI took over 2 s to start it and post three
        // webhooks, so the window is 5 s and the drain after it is given 15 s.
        let plan = DeploymentFaultPlan(seed: 1, faults: [.workerStopped(until: .seconds(5))])
        try await withFakeDeployment(fastConfiguration(faults: plan), logger: quietLogger) { deployment in
            try await postWebhooks(3, to: deployment)
            #expect(deployment.state.syncStatus().workerRunning == false)
            try await eventually(timeout: .seconds(15), "queue drained") {
                deployment.state.sink.records(for: .hubspot).count == 3
            }
            #expect(deployment.state.syncStatus().workerRunning)
        }
    }

    @Test func transientErrorsRetryWithoutDeadLetters() async throws {
        let plan = DeploymentFaultPlan(seed: 42, faults: [.syncErrors(rate: 0.2, failingAttempts: 1)])
        try await withFakeDeployment(fastConfiguration(faults: plan), logger: quietLogger) { deployment in
            try await postWebhooks(40, to: deployment, provider: "zoho")
            try await eventually("all synced") { deployment.state.sink.records(for: .zoho).count == 40 }
            try await Task.sleep(for: .milliseconds(50))
            let records = deployment.state.sink.records(for: .zoho)
            #expect(records.count == 40)
            #expect(Set(records.map(\.idempotencyKey)).count == 40, "a record arrived twice")

            let affected = (1...40).filter { plan.affects(jobKey: "evt-\($0)", rate: 0.2, faultIndex: 0) }
            #expect(!affected.isEmpty)
            #expect(records.filter { $0.attempt == 2 }.count == affected.count)
            let status = deployment.state.syncStatus()
            #expect(status[.zoho].errors == affected.count)
            #expect(status[.zoho].retries == affected.count)
            #expect(status.dlqSize == 0)
            let metrics = try await fetch(.GET, "\(deployment.baseURL)/crm/metrics").body
            #expect(sample(#"crm_sync_errors_total{provider="zoho"}"#, in: metrics) == Double(affected.count))
            #expect(sample(#"crm_sync_retries_total{provider="zoho"}"#, in: metrics) == Double(affected.count))
            #expect(sample(#"crm_sync_total{provider="zoho",outcome="error"}"#, in: metrics) == Double(affected.count))
            #expect(sample(#"crm_sync_total{provider="zoho",outcome="success"}"#, in: metrics) == 40)
            #expect(sample("dlq_size", in: metrics) == 0)
        }
    }

    @Test func permanentErrorsDeadLetter() async throws {
        let plan = DeploymentFaultPlan(
            seed: 9, faults: [.syncErrors(rate: 0.5, failingAttempts: 10, provider: .hubspot)])
        try await withFakeDeployment(fastConfiguration(faults: plan, maxAttempts: 3), logger: quietLogger) {
            deployment in
            try await postWebhooks(10, to: deployment, provider: "hubspot")
            try await postWebhooks(3, to: deployment, provider: "odoo")
            let affected = (1...10).filter { plan.affects(jobKey: "hubspot:evt-\($0)", rate: 0.5, faultIndex: 0) }
            #expect(!affected.isEmpty && affected.count < 10)
            try await eventually("jobs settled") {
                let status = deployment.state.syncStatus()
                return status.queueSize == 0 && status[.hubspot].synced + status.dlqSize == 10
            }
            let status = deployment.state.syncStatus()
            #expect(status.dlqSize == affected.count)
            #expect(status[.hubspot].deadLettered == affected.count)
            #expect(status[.hubspot].errors == affected.count * 3)
            #expect(status[.hubspot].retries == affected.count * 2)
            #expect(Set(deployment.state.deadLetters.map(\.idempotencyKey)) == Set(affected.map { "hubspot:evt-\($0)" }))
            #expect(deployment.state.sink.records(for: .hubspot).count == 10 - affected.count)
            try await eventually("odoo synced") { deployment.state.sink.records(for: .odoo).count == 3 }

            let metrics = try await fetch(.GET, "\(deployment.baseURL)/crm/metrics").body
            #expect(sample("dlq_size", in: metrics) == Double(affected.count))
            #expect(sample(#"crm_sync_errors_total{provider="odoo"}"#, in: metrics) == 0)
            let health = try await fetch(.GET, "\(deployment.baseURL)/health").json()
            #expect((health["worker"] as? [String: Any])?["dlq_size"] as? Int == affected.count)
        }
    }

    @Test func rateLimitedAndConnectionFailuresCountSeparately() async throws {
        let plan = DeploymentFaultPlan(
            seed: 3,
            faults: [
                .syncErrors(rate: 1, failingAttempts: 1, error: .rateLimited, provider: .hubspot),
                .syncErrors(rate: 1, failingAttempts: 1, error: .connectionFailed, provider: .zoho),
            ])
        try await withFakeDeployment(fastConfiguration(faults: plan), logger: quietLogger) { deployment in
            try await postWebhooks(2, to: deployment, provider: "hubspot")
            try await postWebhooks(2, to: deployment, provider: "zoho")
            try await eventually("all synced") { deployment.state.sink.allRecords.count == 4 }
            let metrics = try await fetch(.GET, "\(deployment.baseURL)/crm/metrics").body
            #expect(sample(#"rate_limit_hits_total{provider="hubspot"}"#, in: metrics) == 2)
            #expect(sample(#"crm_connection_failures_total{provider="hubspot"}"#, in: metrics) == 0)
            #expect(sample(#"crm_connection_failures_total{provider="zoho"}"#, in: metrics) == 2)
            #expect(sample(#"rate_limit_hits_total{provider="zoho"}"#, in: metrics) == 0)
            #expect(sample(#"crm_sync_errors_total{provider="zoho"}"#, in: metrics) == 2)
        }
    }

    @Test func sameSeedDeadLettersTheSameJobs() async throws {
        let plan = DeploymentFaultPlan(seed: 77, faults: [.syncErrors(rate: 0.3, failingAttempts: 5)])
        @Sendable func deadLetteredKeys() async throws -> Set<String> {
            try await withFakeDeployment(fastConfiguration(faults: plan, maxAttempts: 2), logger: quietLogger) {
                deployment in
                try await postWebhooks(20, to: deployment, provider: "odoo")
                try await eventually("jobs settled") {
                    let status = deployment.state.syncStatus()
                    return status.queueSize == 0 && status[.odoo].synced + status.dlqSize == 20
                }
                return Set(deployment.state.deadLetters.map(\.idempotencyKey))
            }
        }
        let first = try await deadLetteredKeys()
        let second = try await deadLetteredKeys()
        #expect(!first.isEmpty)
        #expect(first == second)
    }

    @Test func retryBackoffIsExponential() {
        let policy = RetryPolicy(maxAttempts: 4, base: .milliseconds(50), factor: 2)
        #expect(policy.backoff(afterAttempt: 1) == .milliseconds(50))
        #expect(policy.backoff(afterAttempt: 2) == .milliseconds(100))
        #expect(policy.backoff(afterAttempt: 3) == .milliseconds(200))
        #expect(policy.backoff(afterAttempt: 4) == nil)
    }
}
