import AsyncHTTPClient
import FakeBackend
import FakeCRM
import FakeTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// The profile switches that make the fake deployment a broken release: routes answering a fixed status
/// instead of doing their work, and OAuth start naming someone else's callback.
@Suite struct BrokenReleaseProfileTests {
    @Test func signedWebhooksAnswerTheStatusUnqueuedWhileForgedOnesStillGet401() async throws {
        var configuration = fastConfiguration()
        configuration.profile.signing = [:]
        configuration.profile.answers.signedWebhooks = 500
        configuration.profile.answers.signedWebhookSources = [.hubspot, .zoho]
        let secret = try #require(configuration.secrets.webhookSecrets[.hubspot])
        let zohoSecret = try #require(configuration.secrets.webhookSecrets[.zoho])
        try await withFakeDeployment(configuration, logger: quietLogger) { deployment in
            let hubspot = deployment.baseURL + "/crm/webhooks/hubspot"
            let body = #"[{"eventId":41,"objectId":4242,"subscriptionType":"contact.propertyChange"}]"#
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            let signed = try await fetch(.POST, hubspot, body: body, headers: signHubSpot(hubspot, body, now, secret))
            #expect(signed.status == 500)
            #expect(signed.contentType?.hasPrefix("application/json") == true)
            #expect(try signed.json() as? [String: String] == ["error": "internal error"])
            let forged = try await fetch(.POST, hubspot, body: body, headers: signHubSpot(hubspot, body, now, "nope"))
            #expect(forged.status == 401)
            #expect(try forged.json()["error"] as? String == "invalid_signature")
            let old = now - 6 * 60 * 1000
            let stale = try await fetch(.POST, hubspot, body: body, headers: signHubSpot(hubspot, body, old, secret))
            #expect(stale.status == 401)
            #expect(try stale.json()["error"] as? String == "stale_timestamp")

            let zoho = deployment.baseURL + "/crm/webhooks/zoho"
            let zohoBody = { (token: String) in #"{"channel_id":"z","server_time":1,"ids":["7"],"token":"\#(token)"}"# }
            #expect(try await fetch(.POST, zoho, body: zohoBody(zohoSecret)).status == 500)
            #expect(try await fetch(.POST, zoho, body: zohoBody("wrong")).status == 401)

            let odoo = try await fetch(
                .POST, deployment.baseURL + "/crm/webhooks/odoo", body: #"{"event_id":9,"record_id":9}"#)
            #expect(odoo.status == 200, "a source left out of `sources` does its work")
            try await eventually("odoo synced") { deployment.state.event("odoo:9")?.state == .synced }

            #expect(deployment.state.event("hubspot:41") == nil, "a 500 webhook is not queued")
            #expect(deployment.state.sink.records(for: .hubspot).isEmpty)
            #expect(deployment.state.sink.records(for: .zoho).isEmpty)
            let status = deployment.state.syncStatus()
            #expect(status.queueSize == 0 && status[.hubspot].queued == 0 && status[.zoho].queued == 0)

            let metrics = try await fetch(.GET, deployment.baseURL + "/crm/metrics").body
            for (source, received, refused) in [("hubspot", 3.0, 2.0), ("zoho", 2, 1), ("odoo", 1, 0)] {
                let label = #"{provider="\#(source)"}"#
                #expect(sample("webhooks_received_total\(label)", in: metrics) == received, "\(source)")
                #expect(sample("webhook_latency_seconds_count\(label)", in: metrics) == received, "\(source) handled")
                #expect(sample("webhook_signature_failures_total\(label)", in: metrics) == refused, "\(source)")
            }
            #expect(sample(#"crm_sync_total{provider="hubspot",outcome="success"}"#, in: metrics) == 0)
            #expect(sample(#"crm_sync_total{provider="odoo",outcome="success"}"#, in: metrics) == 1)
        }
    }

    @Test func signedWebhooksCoverEverySourceByDefault() async throws {
        var configuration = fastConfiguration()
        configuration.profile.answers.signedWebhooks = 503
        let deployment = FakeDeployment(configuration: configuration, logger: quietLogger)
        try await deployment.makeApplication().test(.router) { client in
            let answer = try await client.execute(
                uri: "/crm/webhooks/odoo", method: .post, body: ByteBuffer(string: #"{"event_id":7,"record_id":7}"#))
            #expect(answer.status == .serviceUnavailable)
            #expect(String(buffer: answer.body) == #"{"error":"service unavailable: POST /crm/webhooks/odoo"}"#)
        }
        #expect(deployment.state.event("odoo:7") == nil)
    }

    @Test func adminImportsAndPreflightsAnswerTheirStatusAndDoNothing() async throws {
        var configuration = fastConfiguration()
        configuration.frontendOrigin = "http://app.example.test"
        configuration.profile.answers.admin = 500
        configuration.profile.answers.imports = 404
        configuration.profile.answers.corsPreflight = 400
        let deployment = FakeDeployment(configuration: configuration, logger: quietLogger)
        try await deployment.makeApplication().test(.router) { client in
            for (method, uri) in [
                (HTTPRequest.Method.post, "/crm/admin/pause-sync?provider=hubspot&pause=true"),
                (.get, "/crm/admin/sync-status?workspace_id=ws"),
                (.post, "/crm/admin/webhooks/replay?dead_letters=true"),
            ] {
                let answer = try await client.execute(uri: uri, method: method)
                #expect(answer.status == .internalServerError, "\(uri)")
                #expect(String(buffer: answer.body) == #"{"error":"internal error"}"#, "\(uri)")
            }
            #expect(!deployment.state.isPaused(.hubspot), "pause-sync answered 500 and paused nothing")

            let upload = try await client.execute(
                uri: "/crm/import?provider=hubspot", method: .post, headers: [.contentType: "text/csv"],
                body: ByteBuffer(string: "email\nada@example.test\n"))
            #expect(upload.status == .notFound)
            #expect(String(buffer: upload.body) == #"{"error":"not found: POST /crm/import"}"#, "like a route it lacks")
            let missing = try await client.execute(uri: "/crm/nowhere", method: .get)
            #expect(String(buffer: missing.body) == #"{"error":"not found: GET /crm/nowhere"}"#)
            let importStatus = try await client.execute(uri: "/crm/import/imp_1", method: .get)
            #expect(importStatus.status == .notFound)
            #expect(deployment.state.syncStatus().queueSize == 0 && deployment.state.syncStatus()[.hubspot].queued == 0)

            let preflight = try await client.execute(
                uri: "/crm/health", method: .options,
                headers: [.origin: "http://app.example.test", .accessControlRequestMethod: "GET"])
            #expect(preflight.status == .badRequest)
            #expect(String(buffer: preflight.body) == #"{"error":"bad request: OPTIONS /crm/health"}"#)
            #expect(preflight.headers[.accessControlAllowOrigin] == nil)
            let simple = try await client.execute(
                uri: "/health", method: .get, headers: [.origin: "http://app.example.test"])
            #expect(simple.status == .ok && simple.headers[.accessControlAllowOrigin] == "http://app.example.test")
            let webhook = try await client.execute(
                uri: "/crm/webhooks/odoo", method: .post, body: ByteBuffer(string: #"{"event_id":8,"record_id":8}"#))
            #expect(webhook.status == .ok, "groups left out still do their work")
        }
    }

    @Test func theAdminTokenIsCheckedBeforeTheFixedAnswer() async throws {
        var configuration = fastConfiguration()
        configuration.profile.adminRequiresToken = true
        configuration.profile.answers.admin = 500
        let token = configuration.secrets.adminToken
        let deployment = FakeDeployment(configuration: configuration, logger: quietLogger)
        try await deployment.makeApplication().test(.router) { client in
            let uri = "/crm/admin/sync-status?workspace_id=ws"
            #expect(try await client.execute(uri: uri, method: .get).status == .unauthorized)
            let wrong = try await client.execute(uri: uri, method: .get, headers: [.authorization: "Bearer nope"])
            #expect(wrong.status == .unauthorized)
            let right = try await client.execute(uri: uri, method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(right.status == .internalServerError)
        }
    }

    @Test func oauthStartNamesTheProfileCallbackInsteadOfTheBackends() async throws {
        let foreign = "https://app.example.com/oauth/callback"
        for redirect in [nil, foreign] {
            var configuration = fastConfiguration()
            configuration.providers = ProviderLinks(
                hubspot: .init(
                    baseURL: "http://crm.test", authorizePath: "/oauth/authorize", tokenPath: "/oauth/v1/token",
                    clientID: "client", clientSecret: "secret", scopes: ["crm.objects.contacts.write"],
                    scopeSeparator: " "))
            configuration.profile.oauthRedirectURI = redirect
            let deployment = FakeDeployment(configuration: configuration, logger: quietLogger)
            try await deployment.makeApplication().test(.router) { client in
                let start = try await client.execute(uri: "/crm/hubspot/start?workspace_id=ws", method: .get)
                #expect(start.status == .found)
                let location = try #require(start.headers[.location].flatMap(URLComponents.init(string:)))
                #expect(location.host == "crm.test")
                let named = location.queryItems?.first { $0.name == "redirect_uri" }?.value
                #expect(named == (redirect ?? "http://localhost/crm/hubspot/callback"))
            }
        }
    }

    @Test(.timeLimit(.minutes(1))) func theFakeStackStillConnectsBehindAForeignCallback() async throws {
        let foreign = "https://app.example.com/oauth/callback"
        var configuration = FakeDeploymentConfiguration()
        configuration.profile.oauthRedirectURI = foreign
        try await withFakeStack(configuration, logger: quietLogger) { stack in
            #expect(stack.deployment.state.isConnected(.hubspot) && stack.deployment.state.isConnected(.zoho))
            let start = try await HTTPClient.withHTTPClient(configuration: .init(redirectConfiguration: .disallow)) {
                try await fetch(.GET, stack.deployment.baseURL + "/crm/zoho/start?workspace_id=ws", client: $0)
            }
            #expect(start.status == 302)
            let location = try #require(start.headers["location"].flatMap(URLComponents.init(string:)))
            #expect(location.queryItems?.first { $0.name == "redirect_uri" }?.value == foreign)
        }
    }
}
