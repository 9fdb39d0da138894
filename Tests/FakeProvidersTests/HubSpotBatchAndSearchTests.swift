import FakeProviders
import FakeSupport
import FakeTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct HubSpotBatchTests {
    @Test func batchCreateReadUpdateUpsertArchive() async throws {
        try await HubSpotHarness().test { client in
            let token = try await client.hubspotToken()
            let inputs: [JSONValue] = (0..<3).map { ["properties": ["email": .string("b\($0)@example.com")]] }
            let created = try await client.call(
                .post, "/crm/v3/objects/contacts/batch/create", token: token, json: ["inputs": .array(inputs)])
            #expect(created.status == .created)
            #expect(created["status"] == "COMPLETE")
            let ids = created["results"]?.array?.compactMap { $0["id"]?.string } ?? []
            #expect(ids.count == 3)

            let read = try await client.call(
                .post, "/crm/v3/objects/contacts/batch/read", token: token,
                json: ["inputs": .array((ids + ["424242"]).map { ["id": .string($0)] }), "properties": ["email"]])
            #expect(read.status == .init(code: 207))
            #expect(read["numErrors"] == 1)
            #expect(read["errors"]?.array?.first?["context"]?["ids"] == ["424242"])
            #expect(read["results"]?.array?.count == 3)

            let allThere = try await client.call(
                .post, "/crm/v3/objects/contacts/batch/read", token: token,
                json: ["inputs": [["id": "b1@example.com"]], "idProperty": "email"])
            #expect(allThere.status == .ok)

            let updated = try await client.call(
                .post, "/crm/v3/objects/contacts/batch/update", token: token,
                json: ["inputs": [["id": .string(ids[0]), "properties": ["firstname": "Uma"]]]])
            #expect(updated.status == .ok)
            #expect(updated["results"]?.array?.first?["properties"]?["firstname"] == "Uma")

            let upserted = try await client.call(
                .post, "/crm/v3/objects/contacts/batch/upsert", token: token,
                json: [
                    "inputs": [
                        ["idProperty": "email", "id": "b2@example.com", "properties": ["firstname": "Old"]],
                        ["idProperty": "email", "id": "new@example.com", "properties": ["firstname": "New"]],
                    ]
                ])
            #expect(upserted.status == .ok)
            let flags = upserted["results"]?.array?.map { $0["new"] }
            #expect(flags == [false, true])

            let archived = try await client.call(
                .post, "/crm/v3/objects/contacts/batch/archive", token: token,
                json: ["inputs": .array(ids.map { ["id": .string($0)] })])
            #expect(archived.status == .noContent)
            let left = try await client.call(.get, "/crm/v3/objects/contacts", token: token)
            #expect(left["results"]?.array?.count == 1)
        }
    }

    @Test func batchesOver100AreRefusedAndDuplicatesFailTheWholeBatch() async throws {
        try await HubSpotHarness().test { client in
            let token = try await client.hubspotToken()
            let tooMany: [JSONValue] = (0..<101).map { ["properties": ["email": .string("t\($0)@example.com")]] }
            let refused = try await client.call(
                .post, "/crm/v3/objects/contacts/batch/create", token: token, json: ["inputs": .array(tooMany)])
            #expect(refused.status == .badRequest)
            #expect(refused["category"] == "VALIDATION_ERROR")

            let clash = try await client.call(
                .post, "/crm/v3/objects/contacts/batch/create", token: token,
                json: ["inputs": [["properties": ["email": "d@example.com"]], ["properties": ["email": "bad"]]]])
            #expect(clash.status == .badRequest)
            #expect(try await client.call(.get, "/crm/v3/objects/contacts", token: token)["results"] == [])
        }
    }

    @Test func objectWriteTraceIdsGivePartialSuccessAs207() async throws {
        try await HubSpotHarness().test { client in
            let token = try await client.hubspotToken()
            let answer = try await client.call(
                .post, "/crm/v3/objects/contacts/batch/create", token: token,
                json: [
                    "inputs": [
                        ["objectWriteTraceId": "ok-1", "properties": ["email": "ok@example.com"]],
                        ["objectWriteTraceId": "bad-1", "properties": ["email": "not-an-email"]],
                    ]
                ])
            #expect(answer.status == .init(code: 207))
            #expect(answer["numErrors"] == 1)
            #expect(answer["errors"]?.array?.first?["context"]?["objectWriteTraceId"] == ["bad-1"])
            #expect(answer["results"]?.array?.first?["objectWriteTraceId"] == "ok-1")
        }
    }
}

@Suite struct HubSpotSearchTests {
    static let people: [(String, String, Int)] = [
        ("ada@lovelace.org", "Ada", 36), ("alan@turing.org", "Alan", 41), ("grace@hopper.mil", "Grace", 85),
        ("linus@kernel.org", "Linus", 54), ("margaret@nasa.gov", "Margaret", 33),
    ]

    private func seeded(_ client: some TestClientProtocol) async throws -> String {
        let token = try await client.hubspotToken()
        let inputs: [JSONValue] = Self.people.map { email, name, age in
            ["properties": ["email": .string(email), "firstname": .string(name), "age": .int(age)]]
        }
        _ = try await client.call(.post, "/crm/v3/objects/contacts/batch/create", token: token, json: ["inputs": .array(inputs)])
        return token
    }

    @Test(arguments: [
        (#"[{"filters":[{"propertyName":"firstname","operator":"EQ","value":"ada"}]}]"#, ["Ada"]),
        (#"[{"filters":[{"propertyName":"firstname","operator":"NEQ","value":"Ada"}]}]"#, ["Alan", "Grace", "Linus", "Margaret"]),
        (#"[{"filters":[{"propertyName":"age","operator":"LT","value":"36"}]}]"#, ["Margaret"]),
        (#"[{"filters":[{"propertyName":"age","operator":"LTE","value":36}]}]"#, ["Ada", "Margaret"]),
        (#"[{"filters":[{"propertyName":"age","operator":"GT","value":"54"}]}]"#, ["Grace"]),
        (#"[{"filters":[{"propertyName":"age","operator":"GTE","value":"54"}]}]"#, ["Grace", "Linus"]),
        (#"[{"filters":[{"propertyName":"age","operator":"BETWEEN","value":"36","highValue":"54"}]}]"#, ["Ada", "Alan", "Linus"]),
        (#"[{"filters":[{"propertyName":"firstname","operator":"IN","values":["grace","linus"]}]}]"#, ["Grace", "Linus"]),
        (#"[{"filters":[{"propertyName":"firstname","operator":"NOT_IN","values":["Grace","Linus"]}]}]"#, ["Ada", "Alan", "Margaret"]),
        (#"[{"filters":[{"propertyName":"lastname","operator":"HAS_PROPERTY"}]}]"#, []),
        (#"[{"filters":[{"propertyName":"lastname","operator":"NOT_HAS_PROPERTY"}]}]"#, ["Ada", "Alan", "Grace", "Linus", "Margaret"]),
        (#"[{"filters":[{"propertyName":"email","operator":"CONTAINS_TOKEN","value":"*.org"}]}]"#, ["Ada", "Alan", "Linus"]),
        (#"[{"filters":[{"propertyName":"email","operator":"CONTAINS_TOKEN","value":"turing"}]}]"#, ["Alan"]),
        (#"[{"filters":[{"propertyName":"email","operator":"NOT_CONTAINS_TOKEN","value":"*.org"}]}]"#, ["Grace", "Margaret"]),
        (
            #"[{"filters":[{"propertyName":"age","operator":"GT","value":"40"},{"propertyName":"email","operator":"CONTAINS_TOKEN","value":"*.org"}]},"#
                + #"{"filters":[{"propertyName":"firstname","operator":"EQ","value":"Margaret"}]}]"#,
            ["Alan", "Linus", "Margaret"]
        ),
    ])
    func operatorsAndGroups(groups: String, expected: [String]) async throws {
        try await HubSpotHarness().test { client in
            let token = try await seeded(client)
            let body = #"{"filterGroups":\#(groups),"properties":["firstname"],"limit":100}"#
            let answer = try await client.call(.post, "/crm/v3/objects/contacts/search", token: token, raw: body)
            #expect(answer.status == .ok, "\(answer.text)")
            let names = answer["results"]?.array?.compactMap { $0["properties"]?["firstname"]?.string } ?? []
            #expect(names == expected)
            #expect(answer["total"] == .int(expected.count))
            #expect(answer.header("X-HubSpot-RateLimit-Max") == nil)
        }
    }

    @Test func sortsPagingQueryAndLimits() async throws {
        try await HubSpotHarness(configure: { $0.rateLimits.searchPerSecond = 1000 }).test { client in
            let token = try await seeded(client)
            let sorted = try await client.call(
                .post, "/crm/v3/objects/contacts/search", token: token,
                json: ["sorts": [["propertyName": "age", "direction": "DESCENDING"]], "properties": ["firstname"], "limit": 2])
            #expect(sorted["results"]?.array?.compactMap { $0["properties"]?["firstname"]?.string } == ["Grace", "Linus"])
            #expect(sorted["paging"]?["next"]?["after"] == "2")
            let next = try await client.call(
                .post, "/crm/v3/objects/contacts/search", token: token,
                json: ["sorts": ["-age"], "properties": ["firstname"], "limit": 2, "after": "4"])
            #expect(next["results"]?.array?.compactMap { $0["properties"]?["firstname"]?.string } == ["Margaret"])
            #expect(next["paging"] == nil)
            let query = try await client.call(
                .post, "/crm/v3/objects/contacts/search", token: token, json: ["query": "gra"])
            #expect(query["total"] == 1)

            let sixFilters: [JSONValue] = Array(repeating: ["propertyName": "age", "operator": "HAS_PROPERTY"], count: 7)
            for body: JSONValue in [
                ["filterGroups": .array(Array(repeating: ["filters": []], count: 6))],
                ["filterGroups": [["filters": .array(sixFilters)]]],
                ["limit": 201], ["sorts": ["a", "b"]], ["after": "9999", "limit": 2],
                ["filterGroups": [["filters": [["propertyName": "age", "operator": "LIKE", "value": "1"]]]]],
            ] {
                let refused = try await client.call(.post, "/crm/v3/objects/contacts/search", token: token, json: body)
                #expect(refused.status == .badRequest, "\(body.jsonText)")
                #expect(refused["category"] == "VALIDATION_ERROR")
            }
        }
    }

    @Test func searchIsLimitedPerSecondWithItsOwn429() async throws {
        try await HubSpotHarness(configure: { $0.rateLimits.searchPerSecond = 2 }).test { client in
            let token = try await client.hubspotToken()
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<3 {
                statuses.append(try await client.call(.post, "/crm/v3/objects/contacts/search", token: token, json: [:]).status)
            }
            #expect(statuses == [.ok, .ok, .tooManyRequests])
            let limited = try await client.call(.post, "/crm/v3/objects/contacts/search", token: token, json: [:])
            #expect(limited["policyName"] == "SECONDLY")
            #expect(limited["message"] == "You have reached your secondly limit.")
        }
    }
}
