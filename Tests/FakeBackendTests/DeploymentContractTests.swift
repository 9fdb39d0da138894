import FakeBackend
import FakeSupport
import FakeTestSupport
import Foundation
import Testing

/// The deployment's own rules, on a deployment without CRMs: CSV imports, profiles, CORS, admin auth.
@Suite struct DeploymentContractTests {
    @Test func csvImportsParseQuotesAndSayWhatIsWrong() async throws {
        try await withFakeDeployment(fastConfiguration(), logger: quietLogger) { deployment in
            let url = deployment.baseURL + "/crm/import?provider=hubspot&workspace_id=ws"
            let good = "Email,First_Name,lastname,phone,company\n"
                + "ADA@Example.test,Ada,\"Lovelace, Countess\",+44 1,\"The \"\"Engine\"\" Co\"\n\n"
                + "bob@example.test,Bob,Byte,,\n"
            let queued = try await fetch(.POST, url, body: good, contentType: "text/csv")
            #expect(queued.status == 202)
            let id = try #require(try queued.json()["import_id"] as? String)
            try await eventually("completed") {
                try await fetch(.GET, deployment.baseURL + "/crm/import/\(id)").json()["status"] as? String == "completed"
            }
            let status = try await fetch(.GET, deployment.baseURL + "/crm/import/\(id)").json()
            #expect(status["rows"] as? Int == 2 && status["imported"] as? Int == 2)
            let payloads = deployment.state.sink.records(for: .hubspot)
            #expect(payloads.count == 1, "one batch")

            for (csv, message) in [
                ("", "line 1: the file is empty"),
                ("name,phone\nx,1\n", "line 1: the header has no email column"),
                ("email,phone\na@b.test,1,2\n", "line 2: expected 2 fields, found 3"),
                ("email\nnot-an-email\n", "line 2: \"not-an-email\" is not an email address"),
                ("email\n\"a@b.test\n", "line 2: a quoted field is not closed"),
                ("email\n", "line 2: the file has a header but no rows"),
            ] {
                let refused = try await fetch(.POST, url, body: csv, contentType: "text/csv")
                #expect(refused.status == 400)
                #expect(try refused.json()["message"] as? String == message)
            }
        }
    }

    @Test func aProfileChangesHealthMetricsAndAdminAuth() async throws {
        var configuration = fastConfiguration()
        configuration.faults = try DeploymentFaultPlan.parse(
            yaml: "profile:\n  healthy_word: connected\n  metrics: json\n  admin_token: true\n", fileName: "p.yaml",
            speed: 1)
        let token = configuration.secrets.adminToken
        try await withFakeDeployment(configuration, logger: quietLogger) { deployment in
            let base = deployment.baseURL
            #expect(try await fetch(.GET, base + "/health").json()["status"] as? String == "connected")
            let metrics = try await fetch(.GET, base + "/crm/metrics").json()
            #expect(metrics["worker_up"] as? Int == 1)
            #expect((metrics["crm_sync_errors_total"] as? [String: Any])?["hubspot"] as? Int == 0)
            #expect(metrics["webhook_latency_seconds"] == nil, "no histograms in JSON counts")

            let status = base + "/crm/admin/sync-status"
            #expect(try await fetch(.GET, status).status == 400, "workspace_id is required")
            #expect(try await fetch(.GET, status + "?workspace_id=ws").status == 401)
            let wrong = try await fetch(.GET, status + "?workspace_id=ws", headers: [("Authorization", "Bearer nope")])
            #expect(wrong.status == 401)
            let right = try await fetch(.GET, status + "?workspace_id=ws", headers: [("Authorization", "Bearer \(token)")])
            #expect(right.status == 200)
        }
    }

    @Test func corsAllowsTheFrontendOriginOnly() async throws {
        var configuration = fastConfiguration()
        configuration.frontendOrigin = "http://app.example.test"
        try await withFakeDeployment(configuration, logger: quietLogger) { deployment in
            let preflight = { (origin: String) in
                try await fetch(
                    .OPTIONS, deployment.baseURL + "/crm/health",
                    headers: [("Origin", origin), ("Access-Control-Request-Method", "GET")])
            }
            let allowed = try await preflight("http://app.example.test")
            #expect(allowed.status == 204)
            #expect(allowed.headers["access-control-allow-origin"] == "http://app.example.test")
            #expect(try await preflight("http://evil.example.test").status == 403)
            let simple = try await fetch(.GET, deployment.baseURL + "/health", headers: [("Origin", "http://evil.example.test")])
            #expect(simple.status == 200 && simple.headers["access-control-allow-origin"] == nil)
        }
    }

    @Test func unknownProfileKeysAndSchemesAreRefusedWithAHint() throws {
        for (yaml, message) in [
            ("profile:\n  colour: red\n", "p.yaml:2:3: unknown profile key \"colour\"; use one of oauth_start, oauth_redirect_uri, healthy_word, metrics, admin_token, signing, answers"),
            ("profile:\n  signing:\n    hubspot: {scheme: md5}\n", "p.yaml:3:14: unknown signing scheme \"md5\"; use one of vendor, none, hex-hmac, shared-secret"),
            ("profile:\n  signing:\n    zoho: {scheme: shared-secret}\n", "p.yaml:3:11: the shared-secret scheme needs a header; write `{scheme: shared-secret, header: X-Signature}`"),
        ] {
            #expect(throws: FaultPlanError.self) { try DeploymentFaultPlan.parse(yaml: yaml, fileName: "p.yaml", speed: 1) }
            do {
                _ = try DeploymentFaultPlan.parse(yaml: yaml, fileName: "p.yaml", speed: 1)
            } catch {
                #expect("\(error)" == message)
            }
        }
    }
}
