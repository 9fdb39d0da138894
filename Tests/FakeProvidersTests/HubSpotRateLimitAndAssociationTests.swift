import FakeProviders
import FakeSupport
import FakeTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct HubSpotRateLimitTests {
    @Test func everyHeaderCountsDownThenTheRollingWindowAnswers429() async throws {
        try await HubSpotHarness(configure: { $0.rateLimits = HubSpotRateLimits(perTenSeconds: 3, perDay: 100) }).test {
            client in
            let token = try await client.hubspotToken()
            var remaining: [String?] = []
            for _ in 0..<3 {
                let answer = try await client.call(.get, "/crm/v3/objects/contacts", token: token)
                #expect(answer.status == .ok)
                #expect(answer.header("X-HubSpot-RateLimit-Interval-Milliseconds") == "10000")
                #expect(answer.header("X-HubSpot-RateLimit-Max") == "3")
                #expect(answer.header("X-HubSpot-RateLimit-Daily") == "100")
                #expect(answer.header("X-HubSpot-RateLimit-Secondly") == "1")
                #expect(answer.header("X-HubSpot-RateLimit-Secondly-Remaining") != nil)
                remaining.append(answer.header("X-HubSpot-RateLimit-Remaining"))
                #expect(answer.header("X-HubSpot-RateLimit-Daily-Remaining") != nil)
            }
            #expect(remaining == ["2", "1", "0"])
            let limited = try await client.call(.get, "/crm/v3/objects/contacts", token: token)
            #expect(limited.status == .tooManyRequests)
            #expect(limited["status"] == "error")
            #expect(limited["errorType"] == "RATE_LIMIT")
            #expect(limited["policyName"] == "TEN_SECONDLY_ROLLING")
            #expect(limited["message"] == "You have reached your ten_secondly_rolling limit.")
            #expect(limited["correlationId"]?.string?.isEmpty == false)
            #expect(limited.header("X-HubSpot-RateLimit-Remaining") == "0")
            #expect(limited.header("Retry-After") == "1")
        }
    }

    @Test func theDailyQuotaHasItsOwnPolicy() async throws {
        try await HubSpotHarness(configure: { $0.rateLimits = HubSpotRateLimits(perTenSeconds: 100, perDay: 2) }).test {
            client in
            let token = try await client.hubspotToken()
            _ = try await client.call(.get, "/crm/v3/objects/contacts", token: token)
            let last = try await client.call(.get, "/crm/v3/objects/contacts", token: token)
            #expect(last.header("X-HubSpot-RateLimit-Daily-Remaining") == "0")
            let limited = try await client.call(.get, "/crm/v3/objects/contacts", token: token)
            #expect(limited.status == .tooManyRequests)
            #expect(limited["policyName"] == "DAILY")
        }
    }

    @Test func limitsCanBeRaisedAtRunTime() async throws {
        try await HubSpotHarness(configure: { $0.rateLimits.perTenSeconds = 1 }).test { client in
            let token = try await client.hubspotToken()
            _ = try await client.call(.get, "/crm/v3/objects/contacts", token: token)
            #expect(try await client.call(.get, "/crm/v3/objects/contacts", token: token).status == .tooManyRequests)
            let set = try await client.call(.put, "/__fake/rate-limits", json: ["perTenSeconds": 1000])
            #expect(set["perTenSeconds"] == 1000)
            #expect(try await client.call(.get, "/crm/v3/objects/contacts", token: token).status == .ok)
        }
    }
}

@Suite struct HubSpotAssociationTests {
    @Test func v4CreateListDefaultAndRemove() async throws {
        try await HubSpotHarness().test { client in
            let token = try await client.hubspotToken(
                scope: "crm.objects.contacts.read crm.objects.contacts.write crm.objects.companies.write "
                    + "crm.objects.companies.read")
            let contact = try #require(
                try await client.call(
                    .post, "/crm/v3/objects/contacts", token: token, json: ["properties": ["email": "c@example.com"]]
                )["id"]?.string)
            let company = try #require(
                try await client.call(
                    .post, "/crm/v3/objects/companies", token: token, json: ["properties": ["name": "Acme"]])["id"]?.string)

            let created = try await client.call(
                .put, "/crm/v4/objects/contacts/\(contact)/associations/companies/\(company)", token: token,
                json: [["associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 1]])
            #expect(created.status == .created)
            #expect(created["fromObjectTypeId"] == "0-1")
            #expect(created["toObjectTypeId"] == "0-2")
            #expect(created["labels"] == ["Primary"])

            let defaulted = try await client.call(
                .put, "/crm/v4/objects/contacts/\(contact)/associations/default/companies/\(company)", token: token)
            #expect(defaulted.status == .ok)
            #expect(defaulted["status"] == "COMPLETE")
            #expect(defaulted["results"]?.array?.first?["associationSpec"]?["associationTypeId"] == 279)

            let listed = try await client.call(.get, "/crm/v4/objects/companies/\(company)/associations/contacts", token: token)
            let types = listed["results"]?.array?.first?["associationTypes"]?.array?.compactMap { $0["typeId"]?.int }
            #expect(types == [2, 280])

            let v3 = try await client.call(
                .get, "/crm/v3/objects/contacts/\(contact)?associations=companies", token: token)
            #expect(v3["associations"]?["companies"]?["results"]?.array?.count == 2)

            let wrong = try await client.call(
                .put, "/crm/v4/objects/contacts/\(contact)/associations/companies/\(company)", token: token,
                json: [["associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 194]])
            #expect(wrong.status == .badRequest)
            let missing = try await client.call(
                .put, "/crm/v4/objects/contacts/\(contact)/associations/companies/999999", token: token,
                json: [["associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 279]])
            #expect(missing.status == .notFound)

            #expect(
                try await client.call(.delete, "/crm/v4/objects/contacts/\(contact)/associations/companies/\(company)", token: token)
                    .status == .noContent)
            let after = try await client.call(.get, "/crm/v4/objects/contacts/\(contact)/associations/companies", token: token)
            #expect(after["results"] == [])
        }
    }

    @Test func aCallCreatedWithAnAssociationShowsOnBothSides() async throws {
        try await HubSpotHarness().test { client in
            let token = try await client.hubspotToken()
            let contact = try #require(
                try await client.call(
                    .post, "/crm/v3/objects/contacts", token: token, json: ["properties": ["email": "k@example.com"]]
                )["id"]?.string)
            let call = try await client.call(
                .post, "/crm/v3/objects/calls", token: token,
                json: [
                    "properties": ["hs_timestamp": "2025-05-01T10:00:00Z", "hs_call_title": "Agent call"],
                    "associations": [
                        [
                            "to": ["id": .string(contact)],
                            "types": [["associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 194]],
                        ]
                    ],
                ])
            #expect(call.status == .created)
            let callID = try #require(call["id"]?.string)
            let fromCall = try await client.call(.get, "/crm/v3/objects/calls/\(callID)?associations=contacts", token: token)
            #expect(fromCall["associations"]?["contacts"]?["results"] == [["id": .string(contact), "type": "call_to_contact"]])
            let fromContact = try await client.call(.get, "/crm/v4/objects/contacts/\(contact)/associations/calls", token: token)
            #expect(fromContact["results"]?.array?.first?["toObjectId"] == .int(Int(callID)!))

            let dangling = try await client.call(
                .post, "/crm/v3/objects/calls", token: token,
                json: [
                    "properties": ["hs_timestamp": "1714557600000"],
                    "associations": [["to": ["id": "424242"], "types": [["associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 194]]]],
                ])
            #expect(dangling.status == .badRequest)
        }
    }

    @Test func v4BatchesCreateReadAndArchive() async throws {
        try await HubSpotHarness().test { client in
            let token = try await client.hubspotToken()
            var contacts: [String] = []
            for index in 0..<2 {
                contacts.append(
                    try #require(
                        try await client.call(
                            .post, "/crm/v3/objects/contacts", token: token,
                            json: ["properties": ["email": .string("v\(index)@example.com")]])["id"]?.string))
            }
            let note = try #require(
                try await client.call(
                    .post, "/crm/v3/objects/notes", token: token, json: ["properties": ["hs_timestamp": "1714557600000"]]
                )["id"]?.string)
            let spec: JSONValue = [["associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 202]]
            let created = try await client.call(
                .post, "/crm/v4/associations/notes/contacts/batch/create", token: token,
                json: [
                    "inputs": .array(
                        (contacts + ["999999"]).map { ["from": ["id": .string(note)], "to": ["id": .string($0)], "types": spec] })
                ])
            #expect(created.status == .init(code: 207))
            #expect(created["results"]?.array?.count == 2)
            #expect(created["numErrors"] == 1)

            let read = try await client.call(
                .post, "/crm/v4/associations/notes/contacts/batch/read", token: token,
                json: ["inputs": [["id": .string(note)]]])
            #expect(read.status == .ok)
            #expect(read["results"]?.array?.first?["to"]?.array?.count == 2)

            let archived = try await client.call(
                .post, "/crm/v4/associations/notes/contacts/batch/archive", token: token,
                json: ["inputs": [["from": ["id": .string(note)], "to": [["id": .string(contacts[0])]]]]])
            #expect(archived.status == .noContent)
            let after = try await client.call(.get, "/crm/v4/objects/notes/\(note)/associations/contacts", token: token)
            #expect(after["results"]?.array?.count == 1)

            let defaults = try await client.call(
                .post, "/crm/v4/associations/notes/contacts/batch/associate/default", token: token,
                json: ["inputs": [["from": ["id": .string(note)], "to": ["id": .string(contacts[0])]]]])
            #expect(defaults.status == .ok)
            #expect(defaults["results"]?.array?.first?["associationSpec"]?["associationTypeId"] == 202)
        }
    }
}
