import FakeProviders
import FakeTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct HubSpotObjectTests {
    @Test func createAnswers201WithHubSpotsOwnProperties() async throws {
        try await HubSpotHarness().test { client in
            let token = try await client.hubspotToken()
            let created = try await client.call(
                .post, "/crm/v3/objects/contacts", token: token,
                json: ["properties": ["email": "Ada@Example.com", "firstname": "Ada", "age": 36, "vip": true]])
            #expect(created.status == .created)
            let id = try #require(created["id"]?.string)
            let properties = try #require(created["properties"]?.object)
            #expect(properties["hs_object_id"] == .string(id))
            #expect(properties["age"] == "36")
            #expect(properties["vip"] == "true")
            #expect(properties["createdate"]?.string?.hasSuffix("Z") == true)
            #expect(created["archived"] == false)
            #expect(created.header("X-HubSpot-RateLimit-Remaining") == "109")
            #expect(created.header("X-HubSpot-RateLimit-Daily") == "250000")

            let fetched = try await client.call(.get, "/crm/v3/objects/contacts/\(id)", token: token)
            #expect(fetched["properties"]?.object?.keys.sorted() == [
                "createdate", "email", "firstname", "hs_object_id", "lastmodifieddate", "lastname",
            ])
            #expect(fetched["properties"]?["lastname"] == .null)
            let byEmail = try await client.call(
                .get, "/crm/v3/objects/contacts/ada@example.com?idProperty=email&properties=age,email", token: token)
            #expect(byEmail["properties"] == ["age": "36", "email": "Ada@Example.com"])
        }
    }

    @Test func updateArchiveAndTheErrorsAroundThem() async throws {
        try await HubSpotHarness().test { client in
            let token = try await client.hubspotToken()
            let id = try #require(
                try await client.call(
                    .post, "/crm/v3/objects/contacts", token: token, json: ["properties": ["email": "u@example.com"]]
                )["id"]?.string)
            let updated = try await client.call(
                .patch, "/crm/v3/objects/contacts/\(id)", token: token, json: ["properties": ["lastname": "King"]])
            #expect(updated.status == .ok)
            #expect(updated["properties"]?["lastname"] == "King")
            let history = try await client.call(
                .get, "/crm/v3/objects/contacts/\(id)?propertiesWithHistory=lastname", token: token)
            #expect(history["propertiesWithHistory"]?["lastname"]?.array?.count == 1)

            let duplicate = try await client.call(
                .post, "/crm/v3/objects/contacts", token: token, json: ["properties": ["email": "U@example.com"]])
            #expect(duplicate.status == .conflict)
            #expect(duplicate["message"] == .string("Contact already exists. Existing ID: \(id)"))
            #expect(duplicate["category"] == "CONFLICT")

            #expect(try await client.call(.delete, "/crm/v3/objects/contacts/\(id)", token: token).status == .noContent)
            let gone = try await client.call(.get, "/crm/v3/objects/contacts/\(id)", token: token)
            #expect(gone.status == .notFound)
            #expect(gone["category"] == "OBJECT_NOT_FOUND")
            let archived = try await client.call(.get, "/crm/v3/objects/contacts/\(id)?archived=true", token: token)
            #expect(archived["archived"] == true)
            #expect(try await client.call(.delete, "/crm/v3/objects/contacts/99999", token: token).status == .noContent)
            let patchMissing = try await client.call(
                .patch, "/crm/v3/objects/contacts/99999", token: token, json: ["properties": ["a": "b"]])
            #expect(patchMissing.status == .notFound)
        }
    }

    @Test func badInputGetsHubSpotsErrorShapeNeverACrash() async throws {
        try await HubSpotHarness().test { client in
            let token = try await client.hubspotToken()
            let malformed = try await client.call(.post, "/crm/v3/objects/contacts", token: token, raw: "{\n  \"properties\": [")
            #expect(malformed.status == .badRequest)
            #expect(malformed["status"] == "error")
            #expect(malformed["category"] == "VALIDATION_ERROR")
            #expect(malformed["message"]?.string?.hasPrefix("Invalid input JSON on line 2, column 18") == true)
            let empty = try await client.call(.post, "/crm/v3/objects/contacts", token: token, raw: "")
            #expect(empty.status == .badRequest)
            let nested = try await client.call(
                .post, "/crm/v3/objects/contacts", token: token, json: ["properties": ["email": ["x"]]])
            #expect(nested.status == .badRequest)
            let badEmail = try await client.call(
                .post, "/crm/v3/objects/contacts", token: token, json: ["properties": ["email": "nope"]])
            #expect(badEmail.status == .badRequest)
            #expect(badEmail["message"]?.string?.contains("INVALID_EMAIL") == true)
            let unknownType = try await client.call(.get, "/crm/v3/objects/widgets", token: token)
            #expect(unknownType.status == .badRequest)
            #expect(unknownType["message"] == "Unable to infer object type from: widgets")
            let noRoute = try await client.call(.get, "/crm/v9/nothing", token: token)
            #expect(noRoute.status == .notFound)
            #expect(noRoute["status"] == "error")
            let call = try await client.call(
                .post, "/crm/v3/objects/calls", token: token, json: ["properties": ["hs_call_title": "t"]])
            #expect(call.status == .badRequest)
            #expect(call["message"]?.string?.contains("hs_timestamp is required") == true)
        }
    }

    @Test func listPagesWithAfterCursors() async throws {
        try await HubSpotHarness().test { client in
            let token = try await client.hubspotToken()
            var ids: [String] = []
            for index in 0..<5 {
                let created = try await client.call(
                    .post, "/crm/v3/objects/notes", token: token,
                    json: ["properties": ["hs_timestamp": .string("2025-01-0\(index + 1)T00:00:00Z"), "hs_note_body": .string("n\(index)")]])
                ids.append(try #require(created["id"]?.string))
            }
            var seen: [String] = []
            var after: String?
            var pages = 0
            repeat {
                let page = try await client.call(
                    .get, "/crm/v3/objects/notes?limit=2&properties=hs_note_body" + (after.map { "&after=\($0)" } ?? ""),
                    token: token)
                #expect(page.status == .ok)
                seen += page["results"]?.array?.compactMap { $0["id"]?.string } ?? []
                after = page["paging"]?["next"]?["after"]?.string
                if let link = page["paging"]?["next"]?["link"]?.string { #expect(link.contains("after=")) }
                pages += 1
            } while after != nil && pages < 10
            #expect(seen == ids)
            #expect(pages == 3)
            let bad = try await client.call(.get, "/crm/v3/objects/notes?after=zzz", token: token)
            #expect(bad.status == .badRequest)
            let typeID = try await client.call(.get, "/crm/v3/objects/0-46?limit=100", token: token)
            #expect(typeID["results"]?.array?.count == 5)
            #expect(typeID["paging"] == nil)
        }
    }

    @Test func portalsAreIsolatedAndResetForgetsEverything() async throws {
        let harness = HubSpotHarness()
        try await harness.test { client in
            let first = try await client.hubspotToken(hubID: 1)
            let second = try await client.hubspotToken(hubID: 2)
            _ = try await client.call(.post, "/crm/v3/objects/contacts", token: first, json: ["properties": ["email": "a@x.io"]])
            let other = try await client.call(.get, "/crm/v3/objects/contacts", token: second)
            #expect(other["results"]?.array?.isEmpty == true)
            let records = try await client.call(.get, "/__fake/records")
            #expect(records["records"]?["contacts"]?.array?.first?["portalId"] == 1)
            #expect(try await client.call(.post, "/__fake/reset").status == .ok)
            #expect(try await client.call(.get, "/crm/v3/objects/contacts", token: first).status == .unauthorized)
            #expect(try await client.call(.get, "/__fake/records")["records"] == [:])
        }
    }
}
