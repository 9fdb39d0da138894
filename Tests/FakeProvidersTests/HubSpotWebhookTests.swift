import FakeProviders
import FakeSupport
import FakeTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import ServiceLifecycle
import Testing

@Suite struct HubSpotWebhookTests {
    // Known answers computed independently with Python's hashlib and hmac.
    static let secret = "c7d1e9f0-4a2b-4c3d-8e5f-6a7b8c9d0e1f"
    static let body = Array(#"[{"eventId":1,"subscriptionType":"contact.creation"}]"#.utf8)

    @Test func v1IsSHA256OfSecretAndBody() {
        #expect(
            HubSpotSignature.v1(clientSecret: Self.secret, body: Self.body)
                == "c8397cb5fd92b6eaa413dd9451911d445aee7916e0a1388db0bdce28228f09b0")
    }

    @Test func v3IsBase64HMACOfMethodURIBodyAndTimestamp() {
        #expect(
            HubSpotSignature.v3(
                clientSecret: Self.secret, method: "POST", uri: "http://127.0.0.1:9000/hooks?x=1", body: Self.body,
                timestamp: "1700000000000") == "1tIhy3FHu2r/0bzPoMhLMX+TkloPQtpxRwKCf8qWn48=")
        #expect(
            HubSpotSignature.v3(
                clientSecret: Self.secret, method: "POST", uri: "http://127.0.0.1:9000/hooks%3Fa=b%3Ac", body: Self.body,
                timestamp: "1700000000000") == "TwBAlzHY72ygEHbjakOyBDuIzTNZzxLUcl2ls94BO98=")
    }

    @Test func creationsAreSentSignedAndFailuresRetriedWithAttemptNumbers() async throws {
        let transport = RecordingTransport(failures: 2)
        let harness = HubSpotHarness(transport: transport)
        try await harness.test { client in
            let subscription = try await client.call(
                .post, "/__fake/subscriptions",
                json: ["eventType": "contact.creation", "targetUrl": "http://127.0.0.1:9/hooks?a=1"])
            #expect(subscription.status == .created)
            let property = try await client.call(
                .post, "/__fake/subscriptions",
                json: ["eventType": "contact.propertyChange", "propertyName": "lastname", "targetUrl": "http://127.0.0.1:9/p"])
            #expect(property.status == .created)
            let token = try await client.hubspotToken()
            let id = try #require(
                try await client.call(
                    .post, "/crm/v3/objects/contacts", token: token,
                    json: ["properties": ["email": "w@example.com", "lastname": "Ward"]])["id"]?.string)

            try await eventually("three attempts for each subscription") { transport.posts.count == 6 }
            let creations = transport.posts.filter { $0.url.hasSuffix("a=1") }
            #expect(creations.map { $0.events.first?["attemptNumber"]?.int } == [0, 1, 2])
            #expect(Set(creations.compactMap { $0.events.first?["eventId"]?.int }).count == 1)
            for post in creations {
                let event = try #require(post.events.first)
                #expect(event["objectId"] == .int(Int(id)!))
                #expect(event["subscriptionType"] == "contact.creation")
                #expect(event["portalId"] == 62515)
                #expect(event["changeFlag"] == "CREATED")
                let timestamp = try #require(post.header("X-HubSpot-Request-Timestamp"))
                #expect(
                    post.header("X-HubSpot-Signature-v3")
                        == HubSpotSignature.v3(
                            clientSecret: harness.provider.configuration.clientSecret, method: "POST", uri: post.url,
                            body: post.body, timestamp: timestamp))
                #expect(
                    post.header("X-HubSpot-Signature")
                        == HubSpotSignature.v1(clientSecret: harness.provider.configuration.clientSecret, body: post.body))
                #expect(post.header("X-HubSpot-Signature-Version") == "v1")
            }
            let change = try #require(transport.posts.first { $0.url.hasSuffix("/p") }?.events.first)
            #expect(change["propertyName"] == "lastname")
            #expect(change["propertyValue"] == "Ward")

            let deliveries = try await client.call(.get, "/__fake/deliveries")
            #expect(deliveries["results"]?.array?.count == 6)
            #expect(deliveries["results"]?.array?.last?["delivered"] == true)
        }
    }

    @Test func triggersSendBatchesAndBadSubscriptionsAreRefused() async throws {
        let transport = RecordingTransport()
        try await HubSpotHarness(transport: transport).test { client in
            let bad = try await client.call(.post, "/__fake/subscriptions", json: ["eventType": "contact.sneeze", "targetUrl": "http://x"])
            #expect(bad.status == .badRequest)
            let noURL = try await client.call(.post, "/__fake/subscriptions", json: ["eventType": "contact.creation"])
            #expect(noURL.status == .badRequest)
            let unsubscribed = try await client.call(
                .post, "/__fake/trigger", json: ["eventType": "deal.creation", "objectId": 5])
            #expect(unsubscribed.status == .badRequest)
            _ = try await client.call(
                .post, "/__fake/subscriptions", json: ["eventType": "object.creation", "objectTypeId": "0-48", "targetUrl": "http://127.0.0.1:9/o"])
            let triggered = try await client.call(
                .post, "/__fake/trigger",
                json: ["eventType": "object.creation", "objectId": 77, "objectTypeId": "0-48", "changeSource": "CRM"])
            #expect(triggered.status == .accepted)
            try await eventually { transport.posts.count == 1 }
            let event = try #require(transport.posts.first?.events.first)
            #expect(event["objectTypeId"] == "0-48")
            #expect(event["changeSource"] == "CRM")
            #expect(event["objectId"] == 77)

            let token = try await client.hubspotToken()
            let inputs: [JSONValue] = (0..<3).map {
                ["properties": ["hs_timestamp": "2025-01-01T00:00:00Z", "hs_call_title": .string("c\($0)")]]
            }
            _ = try await client.call(.post, "/crm/v3/objects/calls/batch/create", token: token, json: ["inputs": .array(inputs)])
            try await eventually { transport.posts.count == 2 }
            #expect(transport.posts.last?.events.count == 3)

            let subscriptions = try await client.call(.get, "/__fake/subscriptions")
            let id = try #require(subscriptions["results"]?.array?.first?["id"]?.string)
            #expect(try await client.call(.delete, "/__fake/subscriptions/\(id)").status == .noContent)
            #expect(try await client.call(.delete, "/__fake/subscriptions/\(id)").status == .notFound)
        }
    }

    @Test func aRealReceiverOnLoopbackGetsTheWebhook() async throws {
        try await withLoopbackReceiver(path: "/hooks") { target, received in
            try await HubSpotHarness().test { client in
                _ = try await client.call(.post, "/__fake/subscriptions", json: ["eventType": "contact.deletion", "targetUrl": .string(target)])
                _ = try await client.call(.post, "/__fake/trigger", json: ["eventType": "contact.deletion", "objectId": 9])
                try await eventually { received.count == 1 }
                let (body, headers) = try #require(received.first)
                let timestamp = try #require(headers.first { $0.name.canonicalName == "x-hubspot-request-timestamp" }?.value)
                #expect(
                    headers.first { $0.name.canonicalName == "x-hubspot-signature-v3" }?.value
                        == HubSpotSignature.v3(
                            clientSecret: HubSpotConfiguration().clientSecret, method: "POST", uri: target, body: body,
                            timestamp: timestamp))
            }
        }
    }
}
