import Crypto
import FakeBackend
import FakeCRM
import FakeTestSupport
import Foundation
import Testing

/// The deployment wired to the fake CRMs: every effect is checked in the CRM itself.
@Suite(.timeLimit(.minutes(1))) struct FakeStackTests {
    @Test func signedHubSpotWebhookSyncsAndForgedOrStaleOnesAreRefused() async throws {
        try await withFakeStack(FakeDeploymentConfiguration(), logger: quietLogger) { stack in
            let deployment = stack.deployment
            #expect(deployment.state.isConnected(.hubspot) && deployment.state.isConnected(.zoho))
            let sealed = try #require(deployment.state.sealedTokens(of: .hubspot))
            let token = try #require(stack.environment["HUBSPOT_ACCESS_TOKEN"])
            #expect(!String(decoding: sealed, as: UTF8.self).contains("access"), "tokens rest encrypted")
            #expect(!token.isEmpty)

            let secret = try #require(stack.environment["CRM_HUBSPOT_WEBHOOK_SECRET"])
            let url = deployment.baseURL + "/crm/webhooks/hubspot"
            let body = #"[{"eventId":41,"objectId":4242,"subscriptionType":"contact.propertyChange"}]"#
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            let accepted = try await fetch(.POST, url, body: body, headers: signHubSpot(url, body, now, secret))
            #expect(accepted.status == 200)
            #expect(try accepted.json()["event_ids"] as? [String] == ["hubspot:41"])
            try await eventually("synced") { deployment.state.event("hubspot:41")?.state == .synced }

            let forged = try await fetch(.POST, url, body: body, headers: signHubSpot(url, body, now, "not-the-secret"))
            #expect(forged.status == 401)
            #expect(try forged.json()["error"] as? String == "invalid_signature")
            let old = now - 6 * 60 * 1000
            let stale = try await fetch(.POST, url, body: body, headers: signHubSpot(url, body, old, secret))
            #expect(stale.status == 401)
            #expect(try stale.json()["error"] as? String == "stale_timestamp")

            let journal = try await fetch(.GET, stack.providers[.hubspot]!.baseURL + "/__fake/journal").body
            #expect(journal.contains("/crm/v3/objects/contacts/4242"), "the worker read the contact back from HubSpot")
        }
    }

    @Test func aHundredRowImportLandsOnceInEachCRM() async throws {
        try await withFakeStack(FakeDeploymentConfiguration(), logger: quietLogger) { stack in
            let csv = "email,firstname,lastname,phone,company\n"
                + (1...100).map { "row\($0)@import.test,Ada,Row\($0),+1555000\($0),Acme" }.joined(separator: "\n")
            for provider in ["hubspot", "zoho", "odoo"] {
                for _ in 1...2 {
                    let queued = try await fetch(
                        .POST, stack.deployment.baseURL + "/crm/import?provider=\(provider)&workspace_id=ws",
                        body: csv, contentType: "text/csv")
                    #expect(queued.status == 202)
                    let id = try #require(try queued.json()["import_id"] as? String)
                    // A re-import updates Odoo's partners one `write` each: 100 calls, which a loaded
                    // CI machine has stretched past the default 5 s. This checks landing, not speed.
                    try await eventually(timeout: .seconds(30), "\(provider) import completed") {
                        let status = try await fetch(.GET, stack.deployment.baseURL + "/crm/import/\(id)").json()
                        return status["status"] as? String == "completed" && status["imported"] as? Int == 100
                    }
                }
            }
            try await eventually("the 100 contacts in HubSpot's search") {
                let hubspot = try await fetch(
                    .POST, stack.environment["HUBSPOT_API_URL"]! + "/crm/v3/objects/contacts/search",
                    body: #"{"filterGroups":[{"filters":[{"propertyName":"email","operator":"CONTAINS_TOKEN","value":"*@import.test"}]}],"limit":1}"#,
                    headers: [("Authorization", "Bearer " + stack.environment["HUBSPOT_ACCESS_TOKEN"]!)])
                return try hubspot.json()["total"] as? Int == 100
            }
        }
    }

    @Test func aReportedCallBecomesAnActivityOnTheContactInEveryCRM() async throws {
        try await withFakeStack(FakeDeploymentConfiguration(), logger: quietLogger) { stack in
            let secret = try #require(stack.environment["RETELL_WEBHOOK_SECRET"])
            let body = #"{"event":"call_ended","call":{"call_id":"call_t1","direction":"inbound","from_number":"+15550001","start_timestamp":1764540000000,"duration_ms":65000,"metadata":{"contact_email":"caller@calls.test","provider":"auto"}}}"#
            let stamp = String(Int64(Date().timeIntervalSince1970 * 1000))
            let digest = hexHMAC(Array(body.utf8) + Array(stamp.utf8), key: secret)
            let answer = try await fetch(
                .POST, stack.deployment.baseURL + "/crm/webhooks/retell", body: body,
                headers: [("x-retell-signature", "v=\(stamp),d=\(digest)")])
            #expect(answer.status == 200, "\(answer.body)")
            try await eventually("call pushed") { stack.deployment.state.event("retell:call_t1:call_ended")?.state == .synced }
            #expect(stack.deployment.state.event("retell:call_t1:call_ended")?.providers.count == 3)
            // HubSpot's search index lags behind new objects, so the call is searched for until it shows.
            try await eventually("the call in HubSpot's search") {
                let calls = try await fetch(
                    .POST, stack.environment["HUBSPOT_API_URL"]! + "/crm/v3/objects/calls/search",
                    body: #"{"filterGroups":[{"filters":[{"propertyName":"hs_call_title","operator":"EQ","value":"Call call_t1"}]}],"properties":["hs_call_direction"]}"#,
                    headers: [("Authorization", "Bearer " + stack.environment["HUBSPOT_ACCESS_TOKEN"]!)])
                return calls.body.contains("INBOUND")
            }
        }
    }

    private func hexHMAC(_ message: [UInt8], key: String) -> String {
        HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Array(key.utf8)))
            .map { String(format: "%02x", $0) }.joined()
    }
}
