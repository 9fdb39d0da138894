import AsyncHTTPClient
import FakeBackend
import FakeTestSupport
import Testing

@Suite struct DeploymentHTTPTests {
    @Test func healthReportsRunningWorker() async throws {
        try await withFakeDeployment(fastConfiguration(), logger: quietLogger) { deployment in
            #expect(deployment.baseURL == "http://127.0.0.1:\(deployment.port)")
            try await eventually("worker running") { deployment.state.syncStatus().workerRunning }
            let answer = try await fetch(.GET, "\(deployment.baseURL)/health")
            #expect(answer.status == 200)
            #expect(answer.contentType?.hasPrefix("application/json") == true)
            let json = try answer.json()
            #expect(json["status"] as? String == "healthy")
            let worker = try #require(json["worker"] as? [String: Any])
            #expect(worker["running"] as? Bool == true)
            #expect(worker["queue_size"] as? Int == 0)
            #expect(worker["dlq_size"] as? Int == 0)
        }
    }

    @Test func takenPortIsAnError() async throws {
        try await withFakeDeployment(fastConfiguration(), logger: quietLogger) { first in
            var configuration = fastConfiguration()
            configuration.port = first.port
            await #expect(throws: (any Error).self) {
                try await withFakeDeployment(configuration, logger: quietLogger) { _ in }
            }
        }
    }

    @Test(arguments: ["hubspot", "zoho", "odoo"])
    func providerHealth(provider: String) async throws {
        try await withFakeDeployment(fastConfiguration(), logger: quietLogger) { deployment in
            let answer = try await fetch(.GET, "\(deployment.baseURL)/crm/health?provider=\(provider)")
            #expect(answer.status == 200)
            let json = try answer.json()
            #expect(json["provider"] as? String == provider)
            #expect(json["status"] as? String == "healthy")
            #expect(json["paused"] as? Bool == false)
        }
    }

    @Test func errorsAreJSON() async throws {
        try await withFakeDeployment(fastConfiguration(), logger: quietLogger) { deployment in
            let base = deployment.baseURL
            let unknown = try await fetch(.GET, "\(base)/crm/health?provider=salesforce")
            #expect(unknown.status == 400)
            #expect(
                try unknown.json()["error"] as? String
                    == #"unknown provider "salesforce"; use one of hubspot, zoho, odoo"#)

            let missing = try await fetch(.GET, "\(base)/crm/health")
            #expect(missing.status == 400)
            #expect(try missing.json()["error"] is String)

            let malformed = try await fetch(.POST, "\(base)/crm/webhooks/hubspot", body: "{not json")
            #expect(malformed.status == 400)
            #expect(try malformed.json()["error"] as? String == "the webhook body is not valid JSON")

            let wrongProvider = try await fetch(.POST, "\(base)/crm/webhooks/salesforce", body: "{}")
            #expect(wrongProvider.status == 404)
            #expect(try wrongProvider.json()["error"] is String)

            let noRoute = try await fetch(.GET, "\(base)/nowhere")
            #expect(noRoute.status == 404)
            #expect(noRoute.contentType?.hasPrefix("application/json") == true)
            #expect(try noRoute.json()["error"] is String)

            let badPause = try await fetch(.POST, "\(base)/crm/admin/pause-sync?provider=zoho&pause=maybe")
            #expect(badPause.status == 400)
            #expect(try badPause.json()["error"] as? String == "pause must be true or false")
        }
    }

    @Test func webhookAcceptsAndSyncs() async throws {
        try await withFakeDeployment(fastConfiguration(), logger: quietLogger) { deployment in
            let body = webhookBody(provider: "zoho", prefix: "z", index: 1)
            let answer = try await fetch(.POST, "\(deployment.baseURL)/crm/webhooks/zoho", body: body)
            #expect(answer.status == 200)
            let json = try answer.json()
            #expect(json["accepted"] as? Bool == true)
            #expect(json["event_ids"] as? [String] == ["zoho:z:1:1"])
            try await eventually("record in zoho") { deployment.state.sink.records(for: .zoho).count == 1 }
            let record = try #require(deployment.state.sink.records(for: .zoho).first)
            #expect(record.idempotencyKey == "zoho:z:1:1")
            #expect(record.payload == body)
            #expect(deployment.state.event("zoho:z:1:1")?.state == .synced)
        }
    }

    @Test func duplicateEventIDsEnqueueOnce() async throws {
        try await withFakeDeployment(fastConfiguration(), logger: quietLogger) { deployment in
            let url = "\(deployment.baseURL)/crm/webhooks/hubspot"
            let first = try await fetch(.POST, url, body: #"[{"eventId":"dup-1","objectId":1}]"#).json()
            let second = try await fetch(.POST, url, body: #"[{"eventId":"dup-1","objectId":1,"attemptNumber":1}]"#).json()
            #expect(first["event_ids"] as? [String] == ["hubspot:dup-1"])
            #expect(second["event_ids"] as? [String] == ["hubspot:dup-1"])
            #expect(first["duplicate"] as? Bool == false)
            #expect(second["duplicate"] as? Bool == true)
            // The same event id for another provider is a different event.
            let other = try await fetch(.POST, "\(deployment.baseURL)/crm/webhooks/odoo", body: #"{"event_id":"dup-1","record_id":1}"#)
            #expect(try other.json()["duplicate"] as? Bool == false)

            try await eventually("both providers synced") {
                deployment.state.syncStatus()[.hubspot].synced == 1 && deployment.state.syncStatus()[.odoo].synced == 1
            }
            try await Task.sleep(for: .milliseconds(50))
            #expect(deployment.state.sink.records(for: .hubspot).count == 1)
            #expect(deployment.state.syncStatus().queueSize == 0)
            let metrics = try await fetch(.GET, "\(deployment.baseURL)/crm/metrics").body
            #expect(sample(#"webhooks_received_total{provider="hubspot"}"#, in: metrics) == 2)
            #expect(sample(#"crm_sync_total{provider="hubspot",outcome="success"}"#, in: metrics) == 1)
        }
    }

    @Test func pauseHoldsJobsAndResumeReleasesThem() async throws {
        try await withFakeDeployment(fastConfiguration(), logger: quietLogger) { deployment in
            let base = deployment.baseURL
            let paused = try await fetch(.POST, "\(base)/crm/admin/pause-sync?provider=hubspot&pause=true")
            #expect(paused.status == 200)
            #expect(try paused.json()["paused"] as? Bool == true)
            #expect(try await fetch(.GET, "\(base)/crm/health?provider=hubspot").json()["paused"] as? Bool == true)

            try await postWebhooks(3, to: deployment, provider: "hubspot")
            try await postWebhooks(2, to: deployment, provider: "zoho")
            try await eventually("zoho synced") { deployment.state.sink.records(for: .zoho).count == 2 }
            try await Task.sleep(for: .milliseconds(50))
            #expect(deployment.state.sink.records(for: .hubspot).isEmpty)

            let status = try await fetch(.GET, "\(base)/crm/admin/sync-status?workspace_id=ws-1").json()
            #expect(status["workspace_id"] as? String == "ws-1")
            #expect(status["queue_size"] as? Int == 3)
            #expect(status["worker_running"] as? Bool == true)
            let providers = try #require(status["providers"] as? [String: Any])
            let hubspot = try #require(providers["hubspot"] as? [String: Any])
            #expect(hubspot["paused"] as? Bool == true)
            #expect(hubspot["synced"] as? Int == 0)
            let zoho = try #require(providers["zoho"] as? [String: Any])
            #expect(zoho["synced"] as? Int == 2)
            #expect(zoho["dead_lettered"] as? Int == 0)

            let resumed = try await fetch(.POST, "\(base)/crm/admin/pause-sync?provider=hubspot&pause=false")
            #expect(try resumed.json()["paused"] as? Bool == false)
            try await eventually("hubspot synced") { deployment.state.sink.records(for: .hubspot).count == 3 }
            #expect(deployment.state.syncStatus().queueSize == 0)
        }
    }
}
