import FakeProviders
import FakeSupport
import FakeTestSupport
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Callback bodies a test receiver was sent.
actor ReceivedCallbacks {
    private(set) var bodies: [(query: String, body: JSONValue)] = []
    func append(_ query: String, _ body: JSONValue) { bodies.append((query, body)) }
}

@Suite struct ZohoNotificationTests {
    @Test func watchChannelsReceiveCallbacksWithTheirToken() async throws {
        let zoho = FakeZoho(logger: quietLogger)
        let received = ReceivedCallbacks()
        let app = providerApplication { router in
            zoho.registerRoutes(on: router)
            router.post("/hook") { request, _ -> HTTPResponse.Status in
                let buffer = try await request.body.collect(upTo: 1 << 20)
                await received.append(request.uri.query ?? "", (try? JSONValue.parse(buffer.readableBytesView)) ?? .null)
                return .ok
            }
        }
        try await app.test(.live) { http in
            let port = try #require(http.port)
            let token = try await zohoAuthorization(http)
            let subscribe = #"{"watch":[{"channel_id":1000000068001,"events":["Leads.all","Calls.create"],"token":"secret-token","notify_url":"http://127.0.0.1:\#(port)/hook?source=zoho"}]}"#
            let subscribed = try await zohoCall(http, .post, "/crm/v8/actions/watch", token: token, body: subscribe)
            #expect(subscribed.status == .ok)
            #expect(subscribed.json["watch"]?.array?.first?["code"] == "SUCCESS")
            #expect(subscribed.json["watch"]?.array?.first?["details"]?["events"]?.array?.count == 2)

            let created = try await zohoCall(http, .post, "/crm/v8/Leads", token: token, body: #"{"data":[{"Last_Name":"Doe"}]}"#)
            let id = try #require(created.json["data"]?.array?.first?["details"]?["id"]?.string)
            _ = try await zohoCall(http, .put, "/crm/v8/Leads/\(id)", token: token, body: #"{"data":[{"Company":"Acme"}]}"#)
            _ = try await zohoCall(http, .post, "/crm/v8/Contacts", token: token, body: #"{"data":[{"Last_Name":"Ignored"}]}"#)
            _ = try await zohoCall(http, .delete, "/crm/v8/Leads/\(id)", token: token)

            let bodies = await received.bodies
            #expect(bodies.map { $0.body["operation"]?.string } == ["insert", "update", "delete"])
            #expect(bodies.allSatisfy { $0.query == "source=zoho" })
            let first = try #require(bodies.first?.body)
            #expect(first["token"] == "secret-token")
            #expect(first["channel_id"] == "1000000068001")
            #expect(first["module"] == "Leads")
            #expect(first["ids"] == [.string(id)])
            #expect(first["query_params"] == ["source": "zoho"])
            #expect(bodies[1].body["affected_fields"] == [[id: ["Company"]]])

            let listed = try await zohoCall(http, .get, "/crm/v8/actions/watch", token: token)
            #expect(listed.json["watch"]?.array?.first?["token"] == "secret-token")
            let patched = try await zohoCall(
                http, .patch, "/crm/v8/actions/watch", token: token,
                body: #"{"watch":[{"channel_id":1000000068001,"events":["Contacts.edit"]}]}"#)
            #expect(patched.status == .ok)
            let events = try await zohoCall(http, .get, "/crm/v8/actions/watch", token: token).json["watch"]?.array?.first?["events"]
            #expect(events == ["Leads.all", "Calls.create", "Contacts.edit"])
            let bad = try await zohoCall(
                http, .post, "/crm/v8/actions/watch", token: token,
                body: #"{"watch":[{"channel_id":5,"events":["Leads.all"]}]}"#)
            #expect(bad.status == .badRequest)
            #expect(bad.json["watch"]?.array?.first?["code"] == "MANDATORY_NOT_FOUND")
            let removed = try await zohoCall(http, .delete, "/crm/v8/actions/watch?channel_ids=1000000068001", token: token)
            #expect(removed.json["watch"]?.array?.first?["status"] == "success")
            #expect(try await zohoCall(http, .get, "/crm/v8/actions/watch", token: token).status == .noContent)
        }
    }
}
