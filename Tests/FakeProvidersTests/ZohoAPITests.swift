import AsyncHTTPClient
import FakeProviders
import FakeTestSupport
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite struct ZohoAPITests {
    @Test func tokenEndpointTakesBodyOrQueryAndAnswersErrorsWith200() async throws {
        let zoho = FakeZoho(logger: quietLogger)
        let client = ZohoClient()
        try await providerApplication(zoho.registerRoutes).test(.router) { http in
            let query = "refresh_token=\(client.refreshToken)&client_id=\(client.clientID)&client_secret=\(client.clientSecret)&grant_type=refresh_token"
            try await http.execute(uri: "/oauth/v2/token?" + query, method: .post) { answer in
                #expect(answer.status == .ok)
                #expect(answer.json["access_token"]?.string?.isEmpty == false)
                #expect(answer.json["api_domain"]?.string?.hasPrefix("http://") == true)
                #expect(answer.json["expires_in"] == 3600)
            }
            for (form, error) in [
                ("grant_type=refresh_token&refresh_token=nope&client_id=\(client.clientID)&client_secret=\(client.clientSecret)", "invalid_code"),
                ("grant_type=refresh_token&refresh_token=\(client.refreshToken)&client_id=nope&client_secret=x", "invalid_client"),
                ("grant_type=refresh_token&refresh_token=\(client.refreshToken)&client_id=\(client.clientID)&client_secret=x", "invalid_client_secret"),
                ("grant_type=password", "unsupported_grant_type"),
                ("", "invalid_request"),
            ] {
                try await http.execute(uri: "/oauth/v2/token", method: .post, body: ByteBuffer(string: form)) { answer in
                    #expect(answer.status == .ok)
                    #expect(answer.json["error"]?.string == error)
                }
            }
        }
    }

    @Test func authorizeRedirectsWithACodeThatExchangesOnce() async throws {
        let zoho = FakeZoho(logger: quietLogger)
        let client = ZohoClient()
        try await providerApplication(zoho.registerRoutes).test(.router) { http in
            let redirect = "http://localhost/cb"
            let location = try await http.execute(
                uri: "/oauth/v2/auth?response_type=code&client_id=\(client.clientID)&scope=ZohoCRM.modules.leads.READ&redirect_uri=\(redirect)&state=s1&access_type=offline",
                method: .get
            ) { answer in
                #expect(answer.status == .found)
                return answer.headers[.location] ?? ""
            }
            #expect(location.hasPrefix(redirect + "?state=s1&code="))
            let code = String(location.split(separator: "code=")[1].split(separator: "&")[0])
            let form = "grant_type=authorization_code&code=\(code)&client_id=\(client.clientID)&client_secret=\(client.clientSecret)&redirect_uri=\(redirect)"
            let token = try await http.execute(uri: "/oauth/v2/token", method: .post, body: ByteBuffer(string: form)) { answer in
                #expect(answer.json["refresh_token"]?.string != nil)
                return "Zoho-oauthtoken " + (answer.json["access_token"]?.string ?? "")
            }
            try await http.execute(uri: "/oauth/v2/token", method: .post, body: ByteBuffer(string: form)) { answer in
                #expect(answer.json["error"] == "invalid_code")
            }
            #expect(try await zohoCall(http, .get, "/crm/v8/Leads", token: token).status == .noContent)
            let denied = try await zohoCall(http, .post, "/crm/v8/Leads", token: token, body: #"{"data":[{"Last_Name":"X"}]}"#)
            #expect(denied.status == .unauthorized)
            #expect(denied.json["code"] == "OAUTH_SCOPE_MISMATCH")
        }
    }

    @Test func recordsLifecycle() async throws {
        var configuration = ZohoConfiguration()
        configuration.searchIndexDelay = .zero  // searchIndexLagsBehindInserts checks the delay
        let zoho = FakeZoho(configuration: configuration, logger: quietLogger)
        try await providerApplication(zoho.registerRoutes).test(.router) { http in
            let token = try await zohoAuthorization(http)
            #expect(try await zohoCall(http, .get, "/crm/v8/Leads", token: token).status == .noContent)
            let created = try await zohoCall(
                http, .post, "/crm/v8/Leads", token: token,
                body: #"{"data":[{"Last_Name":"Lovelace","Email":"ada@example.com","Company":"Engines"},{"Company":"x"},{"Last_Name":"B","Email":"not-an-email"},{"Last_Name":"C","Email":"ADA@example.com"}],"trigger":["workflow"]}"#)
            #expect(created.status.code == 207)
            let rows = try #require(created.json["data"]?.array)
            #expect(rows.map { $0["code"]?.string } == ["SUCCESS", "MANDATORY_NOT_FOUND", "INVALID_DATA", "DUPLICATE_DATA"])
            #expect(rows[0]["message"] == "record added")
            #expect(rows[1]["details"]?["json_path"] == "$.data[1].Last_Name")
            #expect(rows[3]["details"]?["duplicate_record"]?["id"] == rows[0]["details"]?["id"])
            let id = try #require(rows[0]["details"]?["id"]?.string)
            #expect(id.allSatisfy { $0.isNumber })

            let fetched = try await zohoCall(http, .get, "/crm/v2/Leads/\(id)?fields=Email", token: token)
            #expect(fetched.json["data"]?.array?.first == ["id": .string(id), "Email": "ada@example.com"])

            let upserted = try await zohoCall(
                http, .post, "/crm/v8/Leads/upsert", token: token,
                body: #"{"data":[{"Last_Name":"Lovelace-King","Email":"ada@example.com"},{"Last_Name":"Babbage","Email":"cb@example.com"}],"duplicate_check_fields":["Email"]}"#)
            #expect(upserted.status == .ok)
            #expect(upserted.json["data"]?.array?.map { $0["action"] } == ["update", "insert"])
            #expect(upserted.json["data"]?.array?.first?["duplicate_field"] == "Email")

            let updated = try await zohoCall(http, .put, "/crm/v8/Leads/\(id)", token: token, body: #"{"data":[{"Phone":"555"}]}"#)
            #expect(updated.json["data"]?.array?.first?["message"] == "record updated")
            let bulk = try await zohoCall(http, .put, "/crm/v8/Leads", token: token, body: #"{"data":[{"Company":"x"}]}"#)
            #expect(bulk.json["data"]?.array?.first?["code"] == "MANDATORY_NOT_FOUND")

            let search = try await zohoCall(
                http, .get, "/crm/v8/Leads/search?criteria=((Email:equals:ada@example.com)and(Last_Name:starts_with:love))",
                token: token)
            #expect(search.json["data"]?.array?.count == 1)
            #expect(search.json["info"]?["more_records"] == false)
            #expect(try await zohoCall(http, .get, "/crm/v8/Leads/search?phone=555", token: token).json["data"]?.array?.count == 1)
            #expect(try await zohoCall(http, .get, "/crm/v8/Leads/search?word=babb", token: token).json["data"]?.array?.count == 1)
            #expect(try await zohoCall(http, .get, "/crm/v8/Leads/search?email=none@x.com", token: token).status == .noContent)
            let badQuery = try await zohoCall(http, .get, "/crm/v8/Leads/search?criteria=(Email:like:x)", token: token)
            #expect(badQuery.status == .badRequest)
            #expect(badQuery.json["code"] == "INVALID_QUERY")
            #expect(try await zohoCall(http, .get, "/crm/v8/Leads/search", token: token).json["code"] == "REQUIRED_PARAM_MISSING")

            let page = try await zohoCall(http, .get, "/crm/v8/Leads?per_page=1&sort_order=asc", token: token)
            #expect(page.json["info"]?["more_records"] == true)
            let next = try #require(page.json["info"]?["next_page_token"]?.string)
            let second = try await zohoCall(http, .get, "/crm/v8/Leads?per_page=1&sort_order=asc&page_token=\(next)", token: token)
            #expect(second.json["info"]?["more_records"] == false)
            #expect(second.json["data"] != page.json["data"])

            let deleted = try await zohoCall(http, .delete, "/crm/v8/Leads?ids=\(id)", token: token)
            #expect(deleted.json["data"]?.array?.first?["message"] == "record deleted")
        }
        #expect(await zoho.records()["Leads"]?.count == 1)
        await zoho.reset()
        #expect(await zoho.records().isEmpty)
    }

    @Test func errorsUseZohoShapes() async throws {
        let zoho = FakeZoho(logger: quietLogger)
        try await providerApplication(zoho.registerRoutes).test(.router) { http in
            let token = try await zohoAuthorization(http)
            let cases: [(HTTPRequest.Method, String, String, String?, Int, String)] = [
                (.get, "/crm/v8/Leads", "", nil, 401, "AUTHENTICATION_FAILURE"),
                (.get, "/crm/v8/Leads", "Zoho-oauthtoken nope", nil, 401, "INVALID_TOKEN"),
                (.get, "/crm/v8/Deals", token, nil, 400, "INVALID_MODULE"),
                (.get, "/crm/v9/Leads", token, nil, 404, "INVALID_URL_PATTERN"),
                (.get, "/crm/v8/Leads/abc", token, nil, 404, "INVALID_URL_PATTERN"),
                (.patch, "/crm/v8/Leads", token, "{}", 405, "INVALID_REQUEST_METHOD"),
                (.post, "/crm/v8/Leads", token, "{not json", 400, "INVALID_DATA"),
                (.post, "/crm/v8/Leads", token, "[]", 400, "INVALID_DATA"),
                (.post, "/crm/v8/Leads", token, "{}", 400, "MANDATORY_NOT_FOUND"),
                (.post, "/crm/v8/Leads/upsert", token, #"{"data":[{}],"duplicate_check_fields":["Nope"]}"#, 400, "INVALID_DATA"),
                (.get, "/crm/v8/settings/fields", token, nil, 400, "REQUIRED_PARAM_MISSING"),
                (.get, "/crm/v8/Leads?per_page=500", token, nil, 400, "INVALID_DATA"),
                (.get, "/crm/v8/Leads?page_token=bogus", token, nil, 400, "INVALID_DATA"),
            ]
            for (method, uri, authorization, body, status, code) in cases {
                let answer = try await http.execute(
                    uri: uri, method: method, headers: authorization.isEmpty ? [:] : [.authorization: authorization],
                    body: body.map { ByteBuffer(string: $0) })
                #expect(Int(answer.status.code) == status, "\(method) \(uri)")
                #expect(answer.json["code"]?.string == code, "\(method) \(uri)")
                #expect(answer.json["status"] == "error")
            }
            let many = "{\"data\":[" + Array(repeating: #"{"Last_Name":"x"}"#, count: 101).joined(separator: ",") + "]}"
            let tooMany = try await zohoCall(http, .post, "/crm/v8/Calls", token: token, body: many)
            #expect(tooMany.json["code"] == "LIMIT_EXCEEDED")
        }
    }

    @Test func settingsUsersAndOrg() async throws {
        let zoho = FakeZoho(logger: quietLogger)
        try await providerApplication(zoho.registerRoutes).test(.router) { http in
            let token = try await zohoAuthorization(http)
            let fields = try await zohoCall(http, .get, "/crm/v8/settings/fields?module=Calls", token: token)
            let names = fields.json["fields"]?.array?.compactMap { $0["api_name"]?.string } ?? []
            #expect(names.contains("Call_Start_Time") && names.contains("Who_Id"))
            let lastName = try await zohoCall(http, .get, "/crm/v8/settings/fields?module=leads", token: token)
                .json["fields"]?.array?.first { $0["api_name"] == "Last_Name" }
            #expect(lastName?["system_mandatory"] == true)
            #expect(lastName?["json_type"] == "string")
            let modules = try await zohoCall(http, .get, "/crm/v8/settings/modules", token: token)
            #expect(modules.json["modules"]?.array?.count == 3)
            let users = try await zohoCall(http, .get, "/crm/v8/users?type=CurrentUser", token: token)
            #expect(users.json["users"]?.array?.first?["email"] == "owner@canary.example")
            let org = try await zohoCall(http, .get, "/crm/v8/org", token: token)
            #expect(org.json["org"]?.array?.first?["zgid"] == "60000000001")
        }
    }

    @Test func callsValidateTheirFields() async throws {
        let zoho = FakeZoho(logger: quietLogger)
        try await providerApplication(zoho.registerRoutes).test(.router) { http in
            let token = try await zohoAuthorization(http)
            let contact = try await zohoCall(http, .post, "/crm/v8/Contacts", token: token, body: #"{"data":[{"Last_Name":"Doe"}]}"#)
            let contactID = try #require(contact.json["data"]?.array?.first?["details"]?["id"]?.string)
            let call = try await zohoCall(
                http, .post, "/crm/v8/Calls", token: token,
                body: #"{"data":[{"Subject":"Call","Call_Type":"Outbound","Call_Start_Time":"2024-01-15T15:26:49+05:30","Call_Duration":"02:05","Who_Id":{"id":"\#(contactID)"}},{"Subject":"x","Call_Type":"Sideways","Call_Start_Time":"2024-01-15T15:26:49+05:30"},{"Subject":"y","Call_Type":"Inbound","Call_Start_Time":"2024-01-15T15:26:49+05:30","Who_Id":{"id":"123"}}]}"#)
            let rows = call.json["data"]?.array ?? []
            #expect(rows.map { $0["code"]?.string } == ["SUCCESS", "INVALID_DATA", "INVALID_DATA"])
            #expect(rows[1]["details"]?["expected_data_type"] == "picklist")
        }
        let stored = try #require(await zoho.records()["Calls"]?.first)
        #expect(stored["Call_Duration_in_seconds"] == 125)
        #expect(stored["Who_Id"]?["name"] == "Doe")
    }

    /// Zoho's SDKs send a lookup as `{"id": 5725767000000412001}`, a number too long for a double.
    @Test func lookupsTakeTheIdAsAnExactNumber() async throws {
        let zoho = FakeZoho(logger: quietLogger)
        try await providerApplication(zoho.registerRoutes).test(.router) { http in
            let token = try await zohoAuthorization(http)
            let contact = try await zohoCall(http, .post, "/crm/v8/Contacts", token: token, body: #"{"data":[{"Last_Name":"Doe"}]}"#)
            let contactID = try #require(contact.json["data"]?.array?.first?["details"]?["id"]?.string)
            #expect(contactID.count > 16, "the fake's ids must be as long as Zoho's for this test to mean anything")
            let call = try await zohoCall(
                http, .post, "/crm/v8/Calls", token: token,
                body: #"{"data":[{"Subject":"Call","Call_Type":"Outbound","Call_Start_Time":"2024-01-15T15:26:49+05:30","Who_Id":{"id":\#(contactID)}}]}"#)
            #expect(call.json["data"]?.array?.map { $0["code"]?.string } == ["SUCCESS"])
        }
        let stored = try #require(await zoho.records()["Calls"]?.first)
        #expect(stored["Who_Id"]?["name"] == "Doe")
    }

    @Test func orgsAreIsolated() async throws {
        var configuration = ZohoConfiguration()
        let second = ZohoClient(clientID: "1000.SECOND", clientSecret: "s2", refreshToken: "1000.r2", orgID: "60000000002")
        configuration.clients.append(second)
        let zoho = FakeZoho(configuration: configuration, logger: quietLogger)
        try await providerApplication(zoho.registerRoutes).test(.router) { http in
            let first = try await zohoAuthorization(http)
            let other = try await zohoAuthorization(http, client: second)
            _ = try await zohoCall(http, .post, "/crm/v8/Leads", token: first, body: #"{"data":[{"Last_Name":"Mine"}]}"#)
            #expect(try await zohoCall(http, .get, "/crm/v8/Leads", token: other).status == .noContent)
            #expect(try await zohoCall(http, .get, "/crm/v8/Leads", token: first).status == .ok)
        }
        #expect(await zoho.records().keys.sorted() == ["Leads"])
    }

    @Test func creditsAndConcurrencyRunOut() async throws {
        var configuration = ZohoConfiguration()
        configuration.dailyCredits = 2
        let zoho = FakeZoho(configuration: configuration, logger: quietLogger)
        try await providerApplication(zoho.registerRoutes).test(.router) { http in
            let token = try await zohoAuthorization(http)
            #expect(try await zohoCall(http, .get, "/crm/v8/Leads", token: token).status == .noContent)
            #expect(try await zohoCall(http, .get, "/crm/v8/Leads", token: token).status == .noContent)
            let limited = try await zohoCall(http, .get, "/crm/v8/Leads", token: token)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.json["code"] == "TOO_MANY_REQUESTS")
        }
        var slow = ZohoConfiguration()
        slow.concurrencyLimit = 1
        slow.recordLatency = .milliseconds(300)
        let busy = FakeZoho(configuration: slow, logger: quietLogger)
        try await providerApplication(busy.registerRoutes).test(.live) { http in
            let token = try await zohoAuthorization(http)
            let url = "http://127.0.0.1:\(try #require(http.port))/crm/v8/Leads"
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for _ in 0..<3 {
                    group.addTask {
                        var request = HTTPClientRequest(url: url)
                        request.headers.add(name: "Authorization", value: token)
                        return try await HTTPClient.shared.execute(request, timeout: .seconds(5)).status.code
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.contains(429))
            #expect(statuses.contains(204))
        }
    }

    @Test func expiredAndRevokedTokensAreRefused() async throws {
        var configuration = ZohoConfiguration()
        configuration.accessTokenLifetime = .milliseconds(50)
        let zoho = FakeZoho(configuration: configuration, logger: quietLogger)
        try await providerApplication(zoho.registerRoutes).test(.router) { http in
            let token = try await zohoAuthorization(http)
            try await Task.sleep(for: .milliseconds(120))
            #expect(try await zohoCall(http, .get, "/crm/v8/Leads", token: token).json["code"] == "INVALID_TOKEN")
            let client = ZohoClient()
            let revoked = try await http.execute(uri: "/oauth/v2/token/revoke?token=\(client.refreshToken)", method: .post)
            #expect(revoked.json["status"] == "success")
            try await http.execute(
                uri: "/oauth/v2/token", method: .post,
                body: ByteBuffer(string: "grant_type=refresh_token&refresh_token=\(client.refreshToken)&client_id=\(client.clientID)&client_secret=\(client.clientSecret)")
            ) { #expect($0.json["error"] == "invalid_code") }
        }
    }
}
