import FakeProviders
import FakeSupport
import FakeTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// HubSpot's and Zoho's search see a new record only once it is as old as the search index's delay,
/// while reads by id see it at once; the delay can be read and changed under `/__fake/search-index`.
@Suite struct SearchIndexTests {
    // The cutoff is "created no later than now minus the delay", so dropping the delay to zero stands for
    // the lag having passed; the SDK checks wait for a real one.
    /// Longer than any test takes, so "not yet" never depends on how busy the machine is.
    static let lag: Duration = .seconds(60)

    @Test func hubSpotSearchFindsANewContactOnlyAfterTheDelay() async throws {
        let harness = HubSpotHarness { $0.searchIndexDelay = Self.lag }
        let index = try #require(harness.provider.searchIndex)
        try await harness.test { client in
            let token = try await client.hubspotToken()
            let created = try await client.call(
                .post, "/crm/v3/objects/contacts", token: token, json: ["properties": ["email": "late@index.test"]])
            #expect(created.status == .created)
            let id = try #require(created["id"]?.string)
            let search: JSONValue = [
                "filterGroups": [["filters": [["propertyName": "email", "operator": "EQ", "value": "late@index.test"]]]]
            ]
            let early = try await client.call(.post, "/crm/v3/objects/contacts/search", token: token, json: search)
            #expect(early["total"] == 0)
            #expect(try await client.call(.get, "/crm/v3/objects/contacts/\(id)", token: token).status == .ok)

            index.delay = .zero  // as if the lag had passed
            let late = try await client.call(.post, "/crm/v3/objects/contacts/search", token: token, json: search)
            #expect(late["total"] == 1)
            #expect(late["results"]?.array?.first?["id"]?.string == id)
        }
    }

    @Test func zohoSearchFindsANewLeadOnlyAfterTheDelay() async throws {
        var configuration = ZohoConfiguration()
        configuration.searchIndexDelay = Self.lag
        let zoho = FakeZoho(configuration: configuration, logger: quietLogger)
        try await providerApplication(zoho.registerRoutes).test(.router) { http in
            let token = try await zohoAuthorization(http)
            let created = try await zohoCall(
                http, .post, "/crm/v8/Leads", token: token,
                body: #"{"data":[{"Last_Name":"Late","Email":"late@index.test"}]}"#)
            let id = try #require(created.json["data"]?.array?.first?["details"]?["id"]?.string)
            let search = "/crm/v8/Leads/search?email=late@index.test"
            #expect(try await zohoCall(http, .get, search, token: token).status == .noContent)
            #expect(try await zohoCall(http, .get, "/crm/v8/Leads/\(id)", token: token).status == .ok)

            zoho.searchIndex?.delay = .zero  // as if the lag had passed
            let late = try await zohoCall(http, .get, search, token: token)
            #expect(late.json["data"]?.array?.map { $0["id"] } == [.string(id)])
        }
    }

    @Test func theDelayIsReadAndChangedAtRunTime() async throws {
        let hubspot = FakeHubSpot(logger: quietLogger)
        #expect(hubspot.searchIndex?.delay == SearchIndex.defaultDelay)
        let application = ProviderApplication(provider: hubspot, configuration: .init(), logger: quietLogger)
        try await application.makeApplication().test(.router) { client in
            #expect(try await client.call(.get, "/__fake/search-index")["delay"] == "250ms")
            let changed = try await client.call(.put, "/__fake/search-index", json: ["delay": "2s"])
            #expect(changed["delay"] == "2000ms")
            #expect(hubspot.searchIndex?.delay == .seconds(2))
            let refused = try await client.call(.put, "/__fake/search-index", json: ["delay": "soon"])
            #expect(refused.status == .badRequest)
            #expect(refused["error"]?.string?.contains("250ms") == true)
        }
    }

    @Test func odooHasNoIndexToDelay() async throws {
        let application = ProviderApplication(
            provider: FakeOdoo(logger: quietLogger), configuration: .init(), logger: quietLogger)
        try await application.makeApplication().test(.router) { client in
            let answer = try await client.call(.get, "/__fake/search-index")
            #expect(answer.status == .notFound)
            #expect(answer["error"]?.string?.contains("directly") == true)
        }
    }
}
