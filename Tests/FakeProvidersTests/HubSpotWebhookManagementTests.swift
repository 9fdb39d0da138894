import FakeProviders
import FakeSupport
import FakeTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The webhooks v3 management API: settings, subscriptions, the developer API key, and deliveries it drives.
@Suite struct HubSpotWebhookManagementTests {
    static let app = HubSpotConfiguration()
    static let key = app.developerAPIKey

    /// `/webhooks/v3/{appId}/{rest}` with the developer API key.
    static func v3(_ rest: String, key: String? = Self.key, appID: Int = app.appID) -> String {
        "/webhooks/v3/\(appID)/\(rest)" + (key.map { "?hapikey=\($0)" } ?? "")
    }

    static let settings: JSONValue = [
        "targetUrl": "https://example.com/hubspot/webhooks", "throttling": ["maxConcurrentRequests": 10],
    ]

    @Test func settingsRoundTrip() async throws {
        try await HubSpotHarness().test { client in
            let none = try await client.call(.get, Self.v3("settings"))
            #expect(none.status == .notFound)
            #expect(none["category"] == "OBJECT_NOT_FOUND")

            let put = try await client.call(.put, Self.v3("settings"), json: Self.settings)
            #expect(put.status == .ok, "\(put.text)")
            #expect(put["targetUrl"] == "https://example.com/hubspot/webhooks")
            #expect(put["throttling"] == ["period": "SECONDLY", "maxConcurrentRequests": 10])
            let createdAt = try #require(put["createdAt"]?.string)
            #expect(put["updatedAt"]?.string != nil)
            #expect(try await client.call(.get, Self.v3("settings")).json == put.json)

            let changed = try await client.call(
                .put, Self.v3("settings"),
                json: [
                    "targetUrl": "http://127.0.0.1:9/hooks",
                    "throttling": ["maxConcurrentRequests": 5, "period": "ROLLING_MINUTE"],
                ])
            #expect(changed["targetUrl"] == "http://127.0.0.1:9/hooks")
            #expect(changed["throttling"]?["period"] == "ROLLING_MINUTE")
            #expect(changed["createdAt"]?.string == createdAt)

            for bad: JSONValue in [
                ["targetUrl": "ftp://example.com", "throttling": ["maxConcurrentRequests": 10]],
                ["targetUrl": "https://example.com"],
                ["targetUrl": "https://example.com", "throttling": ["maxConcurrentRequests": 0]],
                ["targetUrl": "https://example.com", "throttling": ["maxConcurrentRequests": 3, "period": "DAILY"]],
            ] {
                let refused = try await client.call(.put, Self.v3("settings"), json: bad)
                #expect(refused.status == .badRequest, "\(bad)")
                #expect(refused["category"] == "VALIDATION_ERROR")
            }

            #expect(try await client.call(.delete, Self.v3("settings")).status == .noContent)
            #expect(try await client.call(.get, Self.v3("settings")).status == .notFound)
        }
    }

    @Test func subscriptionsAreCreatedListedPatchedBatchUpdatedAndDeleted() async throws {
        try await HubSpotHarness().test { client in
            let creation = try await client.call(
                .post, Self.v3("subscriptions"), json: ["eventType": "contact.creation", "active": true])
            #expect(creation.status == .created, "\(creation.text)")
            let creationID = try #require(creation["id"]?.string)
            #expect(creation["eventType"] == "contact.creation")
            #expect(creation["active"] == true)
            #expect(creation["createdAt"]?.string != nil && creation["updatedAt"]?.string != nil)
            #expect(creation["targetUrl"] == nil)

            let noProperty = try await client.call(
                .post, Self.v3("subscriptions"), json: ["eventType": "contact.propertyChange"])
            #expect(noProperty.status == .badRequest)
            let change = try await client.call(
                .post, Self.v3("subscriptions"), json: ["eventType": "contact.propertyChange", "propertyName": "email"])
            #expect(change.status == .created)
            #expect(change["active"] == false)
            #expect(change["propertyName"] == "email")
            let changeID = try #require(change["id"]?.string)

            // A subscription of the inspection API has its own target and is no app subscription.
            let own = try await client.call(
                .post, "/__fake/subscriptions", json: ["eventType": "deal.creation", "targetUrl": "http://127.0.0.1:9/d"])
            let ownID = try #require(own["id"]?.string)
            let list = try await client.call(.get, Self.v3("subscriptions"))
            #expect(list.status == .ok)
            #expect(list["results"]?.array?.compactMap { $0["id"]?.string } == [creationID, changeID])
            #expect(try await client.call(.get, Self.v3("subscriptions/\(ownID)")).status == .notFound)
            let inspected = try await client.call(.get, "/__fake/subscriptions")
            #expect(inspected["results"]?.array?.count == 3)

            let fetched = try await client.call(.get, Self.v3("subscriptions/\(changeID)"))
            #expect(fetched.json == change.json)
            let patched = try await client.call(.patch, Self.v3("subscriptions/\(creationID)"), json: ["active": false])
            #expect(patched.status == .ok)
            #expect(patched["active"] == false)
            #expect(patched["createdAt"] == creation["createdAt"])

            let batch = try await client.call(
                .post, Self.v3("subscriptions/batch/update"),
                json: ["inputs": [["id": .int(Int(creationID)!), "active": true], ["id": .int(Int(changeID)!), "active": true]]])
            #expect(batch.status == .ok, "\(batch.text)")
            #expect(batch["status"] == "COMPLETE")
            #expect(batch["results"]?.array?.allSatisfy { $0["active"] == true } == true)
            #expect(batch["startedAt"]?.string != nil && batch["completedAt"]?.string != nil)

            let partial = try await client.call(
                .post, Self.v3("subscriptions/batch/update"),
                json: ["inputs": [["id": .int(Int(creationID)!), "active": false], ["id": 999, "active": true]]])
            #expect(partial.status.code == 207)
            #expect(partial["numErrors"] == 1)
            #expect(partial["errors"]?.array?.first?["context"] == ["ids": ["999"]])
            #expect(partial["results"]?.array?.first?["active"] == false)
            let badBatch = try await client.call(.post, Self.v3("subscriptions/batch/update"), json: ["inputs": []])
            #expect(badBatch.status == .badRequest)

            #expect(try await client.call(.delete, Self.v3("subscriptions/\(creationID)")).status == .noContent)
            #expect(try await client.call(.get, Self.v3("subscriptions/\(creationID)")).status == .notFound)
            #expect(try await client.call(.delete, Self.v3("subscriptions/\(creationID)")).status == .notFound)
            #expect(try await client.call(.get, Self.v3("subscriptions"))["results"]?.array?.count == 1)
        }
    }

    @Test func onlyTheDeveloperAPIKeyOpensTheRoutes() async throws {
        try await HubSpotHarness().test { client in
            let token = try await client.hubspotToken()
            let missing = try await client.call(.get, Self.v3("subscriptions", key: nil))
            let wrong = try await client.call(.get, Self.v3("subscriptions", key: "not-the-key"))
            let bearer = try await client.call(.get, Self.v3("subscriptions", key: nil), token: token)
            for refused in [missing, wrong, bearer] {
                #expect(refused.status == .unauthorized)
                #expect(refused["status"] == "error")
                #expect(refused["category"] == "INVALID_AUTHENTICATION")
                #expect(refused["correlationId"]?.string?.isEmpty == false)
            }
            #expect(wrong["message"]?.string?.hasPrefix("The API key provided is invalid.") == true)
            #expect(bearer["message"]?.string?.contains("hapikey") == true)
            #expect(
                try await client.call(.put, Self.v3("settings", key: "nope"), json: Self.settings).status
                    == .unauthorized)

            let otherApp = try await client.call(.get, Self.v3("settings", appID: 42))
            #expect(otherApp.status == .notFound)
            #expect(otherApp["category"] == "OBJECT_NOT_FOUND")

            let badEvent = try await client.call(.post, Self.v3("subscriptions"), json: ["eventType": "contact.sneeze"])
            #expect(badEvent.status == .badRequest)
            #expect(badEvent["status"] == "error")
            #expect(badEvent["category"] == "VALIDATION_ERROR")
            #expect(badEvent["message"]?.string?.contains("\"contact.sneeze\"") == true)

            let journal = try await client.call(.get, "/__fake/journal")
            #expect(!journal.text.contains(Self.key))
            #expect(journal.text.contains("hapikey=<redacted>"))
        }
    }

    @Test func appSubscriptionsDeliverToTheSettingsTargetOnlyOnceOneIsSet() async throws {
        let transport = RecordingTransport()
        try await HubSpotHarness(transport: transport).test { client in
            _ = try await client.call(
                .post, Self.v3("subscriptions"), json: ["eventType": "contact.creation", "active": true])
            _ = try await client.call(
                .post, Self.v3("subscriptions"), json: ["eventType": "contact.propertyChange", "propertyName": "email"])
            let token = try await client.hubspotToken()
            _ = try await client.call(
                .post, "/crm/v3/objects/contacts", token: token, json: ["properties": ["email": "early@example.com"]])
            #expect(try await client.call(.get, "/__fake/deliveries")["results"]?.array?.isEmpty == true)

            _ = try await client.call(
                .put, Self.v3("settings"),
                json: ["targetUrl": "http://127.0.0.1:9/app-hooks", "throttling": ["maxConcurrentRequests": 10]])
            let id = try #require(
                try await client.call(
                    .post, "/crm/v3/objects/contacts", token: token, json: ["properties": ["email": "late@example.com"]]
                )["id"]?.string)
            try await eventually("one delivery") { transport.posts.count == 1 }
            let post = try #require(transport.posts.first)
            #expect(post.url == "http://127.0.0.1:9/app-hooks")
            #expect(post.events.map { $0["subscriptionType"] } == ["contact.creation"])
            #expect(post.events.first?["objectId"] == .int(Int(id)!))

            _ = try await client.call(.delete, Self.v3("settings"))
            _ = try await client.call(
                .post, "/crm/v3/objects/contacts", token: token, json: ["properties": ["email": "after@example.com"]])
            try await Task.sleep(for: .milliseconds(100))
            #expect(transport.posts.count == 1)
        }
    }

    @Test func aLoopbackReceiverGetsTheSignedEventOfAV3Subscription() async throws {
        try await withLoopbackReceiver(path: "/hubspot/webhooks") { target, received in
            try await HubSpotHarness().test { client in
                let settings = try await client.call(
                    .put, Self.v3("settings"),
                    json: ["targetUrl": .string(target), "throttling": ["maxConcurrentRequests": 10]])
                #expect(settings.status == .ok)
                let subscription = try await client.call(
                    .post, Self.v3("subscriptions"), json: ["eventType": "contact.creation", "active": true])
                let subscriptionID = try #require(subscription["id"]?.string.flatMap { Int($0) })
                let token = try await client.hubspotToken()
                let contactID = try #require(
                    try await client.call(
                        .post, "/crm/v3/objects/contacts", token: token,
                        json: ["properties": ["email": "signed@example.com"]])["id"]?.string)

                try await eventually("the receiver's post") { received.count == 1 }
                let (body, headers) = try #require(received.first)
                let event = try #require(try JSONValue.parse(body).array?.first)
                #expect(event["subscriptionId"] == .int(subscriptionID))
                #expect(event["subscriptionType"] == "contact.creation")
                #expect(event["objectId"] == .int(Int(contactID)!))
                #expect(event["appId"] == .int(Self.app.appID))
                func header(_ name: String) -> String? { headers.first { $0.name.canonicalName == name }?.value }
                let timestamp = try #require(header("x-hubspot-request-timestamp"))
                #expect(
                    header("x-hubspot-signature-v3")
                        == HubSpotSignature.v3(
                            clientSecret: Self.app.clientSecret, method: "POST", uri: target, body: body,
                            timestamp: timestamp))
                #expect(header("x-hubspot-signature") == HubSpotSignature.v1(clientSecret: Self.app.clientSecret, body: body))
            }
        }
    }
}
