import FakeProviders
import FakeSupport
import FakeTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite struct OdooJSON2Tests {
    @Test func createReadSearchWriteUnlink() async throws {
        let odoo = FakeOdoo(logger: quietLogger)
        try await providerApplication(odoo.registerRoutes).test(.router) { http in
            let created = try await odooJSON2(
                http, "res.partner", "create", ["vals_list": [["name": "Ada", "email": "ada@example.com"], ["name": "Bob"]]])
            #expect(created.status == .ok)
            #expect(created.headers[.contentType] == "application/json; charset=utf-8")
            let ids = (created.json.array ?? []).compactMap(\.int)
            #expect(ids.count == 2)
            let single = try await odooJSON2(http, "res.partner", "create", ["vals_list": ["name": "Cy"]])
            #expect(single.json.array?.count == 1)

            let read = try await odooJSON2(http, "res.partner", "read", ["ids": [.int(ids[0])], "fields": ["name", "email"]])
            #expect(read.json == [["id": .int(ids[0]), "name": "Ada", "email": "ada@example.com"]])
            #expect(try await odooJSON2(http, "res.partner", "read", ["fields": ["name"]]).json == [])
            let rows = try await odooJSON2(
                http, "res.partner", "search_read",
                ["domain": [["email", "ilike", "ADA"]], "fields": ["name"], "context": ["lang": "en_US"]])
            #expect(rows.json == [["id": .int(ids[0]), "name": "Ada"]])
            let found = try await odooJSON2(
                http, "res.partner", "search", ["domain": [["name", "in", ["Ada", "Bob"]]], "order": "id desc", "limit": 1])
            #expect(found.json == [.int(ids[1])])
            #expect(try await odooJSON2(http, "res.partner", "search_count", ["domain": [["name", "=", "Bob"]]]).json == 1)
            let named = try await odooJSON2(http, "res.partner", "name_search", ["name": "ada", "limit": 5])
            #expect(named.json == [[.int(ids[0]), "Ada"]])

            let written = try await odooJSON2(http, "res.partner", "write", ["ids": [.int(ids[1])], "vals": ["phone": "+1 555"]])
            #expect(written.json == true)
            #expect(try await odooExecute(http, "res.partner", "read", [[.int(ids[1])], ["phone"]])["result"]?.array?.first?["phone"] == "+1 555")
            #expect(try await odooJSON2(http, "res.partner", "unlink", ["ids": [.int(ids[1])]]).json == true)
            let fields = try await odooJSON2(http, "res.partner", "fields_get", ["attributes": ["type"]])
            #expect(fields.json["name"] == ["type": "char"])
            #expect(try await odooJSON2(http, "res.users", "context_get").json["uid"] == 2)
        }
        #expect(await odoo.records()["res.partner"]?.count == 5)
    }

    @Test func errorsHaveStatusesAndOdooBodies() async throws {
        var configuration = OdooConfiguration()
        configuration.users.append(OdooUser(login: "sam", password: "sam", apiKey: "sam-key", name: "Sam"))
        let odoo = FakeOdoo(configuration: configuration, logger: quietLogger)
        try await providerApplication(odoo.registerRoutes).test(.router) { http in
            let cases: [(TestResponse, HTTPResponse.Status, String, String?)] = [
                (try await odooJSON2(http, "res.partner", "search", ["domain": []], key: "wrong"), .unauthorized,
                 "werkzeug.exceptions.Unauthorized", "Invalid apikey"),
                (try await odooJSON2(http, "res.partner", "search", ["domain": []], key: "admin"), .unauthorized,
                 "werkzeug.exceptions.Unauthorized", "Invalid apikey"),
                (try await odooJSON2(http, "res.partner", "search", ["domain": []], key: nil), .unauthorized,
                 "werkzeug.exceptions.Unauthorized", "User not authenticated, use the \"Authorization\" header"),
                (try await odooJSON2(http, "no.model", "search", ["domain": []]), .notFound,
                 "werkzeug.exceptions.NotFound", "the model 'no.model' does not exist"),
                (try await odooJSON2(http, "res.partner", "frobnicate"), .notFound, "werkzeug.exceptions.NotFound", nil),
                (try await odooJSON2(http, "res.partner", "_private"), .forbidden, "odoo.exceptions.AccessError", nil),
                (try await odooJSON2(http, "res.partner", "search"), .unprocessableContent,
                 "werkzeug.exceptions.UnprocessableEntity", "missing a required argument: 'domain'"),
                (try await odooJSON2(http, "res.partner", "search", ["domain": [], "count": true]), .unprocessableContent,
                 "werkzeug.exceptions.UnprocessableEntity", "got an unexpected keyword argument 'count'"),
                (try await odooJSON2(http, "res.partner", "create", ["ids": [1], "vals_list": []]), .unprocessableContent,
                 "werkzeug.exceptions.UnprocessableEntity", "cannot call res.partner.create with ids"),
                (try await odooJSON2(http, "crm.lead", "create", ["vals_list": [["email_from": "x"]]]), .unprocessableContent,
                 "odoo.exceptions.ValidationError", nil),
                (try await odooJSON2(http, "ir.model", "unlink", ["ids": [1]]), .forbidden, "odoo.exceptions.AccessError", nil),
                (try await odooJSON2(http, "res.partner", "read", ["ids": [999]]), .notFound, "odoo.exceptions.MissingError", nil),
                (try await odooJSON2(http, "res.partner", "search", ["domain": [["nope", "=", 1]]]), .internalServerError,
                 "builtins.ValueError", nil),
            ]
            for (answer, status, name, message) in cases {
                #expect(answer.status == status, "\(name)")
                #expect(answer.json["name"]?.string == name)
                if let message { #expect(answer.json["message"]?.string == message) }
                #expect(answer.json["context"] == [:])
                #expect(answer.json["debug"]?.string?.hasPrefix("Traceback") == true)
                let arguments = answer.json["arguments"]?.array ?? []
                #expect(arguments.first == answer.json["message"])
                #expect(arguments.count == (name.hasPrefix("werkzeug") ? 2 : 1))
            }
            let unauthorized = try await odooJSON2(http, "res.partner", "search", ["domain": []], key: "wrong")
            #expect(unauthorized.json["arguments"] == ["Invalid apikey", 401])
            #expect(unauthorized.headers[.wwwAuthenticate]?.lowercased() == "bearer")
            let scheme = try await http.execute(
                uri: "/json/2/res.partner/search_count", method: .post,
                headers: [.authorization: "BEARER sam-key", .contentType: "application/json"],
                body: ByteBuffer(string: #"{"domain": []}"#))
            #expect(scheme.json == 3)
            let notJSON = try await http.execute(
                uri: "/json/2/res.partner/search", method: .post,
                headers: [.authorization: "Bearer sam-key", .contentType: "application/json"], body: ByteBuffer(string: "null"))
            #expect(notJSON.status == .badRequest)
            #expect(notJSON.json["message"] == "could not parse the body, expecting a json object")
            let form = try await http.execute(
                uri: "/json/2/res.partner/search", method: .post,
                headers: [.authorization: "Bearer sam-key", .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "domain=[]"))
            #expect(form.status == .unsupportedMediaType)
            let elsewhere = try await http.execute(uri: "/json/2/res.partner", method: .get)
            #expect(elsewhere.status == .notFound)
            #expect(elsewhere.json["message"] == "Did you mean POST /json/2/<model>/<method>?")
        }
    }

    @Test func databaseHeaderPicksOneOfSeveral() async throws {
        var configuration = OdooConfiguration()
        configuration.databases = ["canary", "other"]
        let odoo = FakeOdoo(configuration: configuration, logger: quietLogger)
        try await providerApplication(odoo.registerRoutes).test(.router) { http in
            let created = try await odooJSON2(http, "res.partner", "create", ["vals_list": [["name": "There"]]], database: "other")
            #expect(created.status == .ok)
            let count: JSONValue = ["domain": [["name", "=", "There"]]]
            #expect(try await odooJSON2(http, "res.partner", "search_count", count, database: "other").json == 1)
            #expect(try await odooJSON2(http, "res.partner", "search_count", count, database: "canary").json == 0)
            let missing = try await odooJSON2(http, "res.partner", "search_count", count)
            #expect(missing.status == .notFound)
            #expect(missing.text.contains("not found in the server-wide controllers"))
            let unknown = try await odooJSON2(http, "res.partner", "search_count", count, database: "nowhere")
            #expect(unknown.status == .notFound)
        }
        #expect(await odoo.records()["other/res.partner"]?.count == 4)
    }

    @Test func docBearerNamesParametersInOrder() async throws {
        let odoo = FakeOdoo(logger: quietLogger)
        try await providerApplication(odoo.registerRoutes).test(.router) { http in
            let doc = try await http.execute(
                uri: "/doc-bearer/res.partner.json", method: .get, headers: [.authorization: "bearer \(OdooUser().apiKey)"])
            #expect(doc.status == .ok)
            #expect(doc.json["model"] == "res.partner")
            #expect(doc.json["fields"]?["email"]?["type"] == "char")
            #expect(doc.json["methods"]?["search"]?["api"] == ["model", "readonly"])
            #expect(doc.json["methods"]?["write"]?["api"] == [])
            #expect(doc.json["methods"]?["message_post"] != nil)
            #expect(doc.json["methods"]?["search"]?["signature"] == "(domain, offset=0, limit=None, order=None) -> list[int]")
            let searchRead = try #require(doc.text.range(of: #""search_read":{"signature""#))
            let parameters = doc.text[searchRead.upperBound...]
            let order = ["\"domain\":", "\"fields\":", "\"offset\":", "\"limit\":", "\"order\":", "\"read_kwargs\":"]
                .compactMap { parameters.range(of: $0)?.lowerBound }
            #expect(order.count == 6)
            #expect(order == order.sorted())
            let users = try await http.execute(
                uri: "/doc-bearer/res.users.json", method: .get, headers: [.authorization: "bearer \(OdooUser().apiKey)"])
            #expect(users.json["methods"]?["context_get"]?["api"] == ["model", "readonly"])
            let index = try await http.execute(
                uri: "/doc-bearer/index.json", method: .get, headers: [.authorization: "bearer \(OdooUser().apiKey)"])
            #expect(index.json["models"]?.array?.count == 5)
            let unknown = try await http.execute(
                uri: "/doc-bearer/no.model.json", method: .get, headers: [.authorization: "bearer \(OdooUser().apiKey)"])
            #expect(unknown.status == .notFound)
            let anonymous = try await http.execute(uri: "/doc-bearer/res.partner.json", method: .get)
            #expect(anonymous.status == .unauthorized)
        }
    }

    @Test func goesThroughTheJournalAndFaults() async throws {
        let odoo = FakeOdoo(logger: quietLogger)
        let plan = ProviderFaultPlan(faults: [ProviderFault(.errors(status: 503), route: RoutePattern("/json/2/crm.lead/**")!)])
        let provider = ProviderApplication(provider: odoo, configuration: .init(faults: plan), logger: quietLogger)
        try await Application(router: provider.buildRouter(), logger: quietLogger).test(.router) { http in
            #expect(try await odooJSON2(http, "res.partner", "search_count", ["domain": []]).json == 2)
            let failed = try await odooJSON2(http, "crm.lead", "search_count", ["domain": []])
            #expect(failed.status == .serviceUnavailable)
            #expect(failed.json["name"] == "werkzeug.exceptions.HTTPException")
            #expect(failed.json["arguments"]?.array?.last == 503)
        }
        let entries = provider.controls.journal.entries()
        #expect(entries.map(\.path) == ["/json/2/res.partner/search_count", "/json/2/crm.lead/search_count"])
        #expect(entries.map(\.status) == [200, 503])
        let authorization = entries.first?.headers.first { $0.name.lowercased() == "authorization" }?.value
        #expect(authorization == "<redacted>")
    }
}
