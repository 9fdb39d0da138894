import FakeProviders
import FakeSupport
import FakeTestSupport
import HummingbirdTesting
import NIOCore
import Testing

@Suite struct OdooRPCTests {
    @Test func jsonRPCLoginCreateSearchRead() async throws {
        let odoo = FakeOdoo(logger: quietLogger)
        try await providerApplication(odoo.registerRoutes).test(.router) { http in
            #expect(try await odooJSONRPC(http, service: "common", method: "version", args: [])["result"]?["server_version"] == "17.0")
            #expect(try await odooJSONRPC(http, service: "db", method: "list", args: [])["result"] == ["canary"])
            #expect(try await odooJSONRPC(http, service: "common", method: "login", args: ["canary", "admin", "admin"])["result"] == 2)
            #expect(try await odooJSONRPC(http, service: "common", method: "login", args: ["canary", "admin", "wrong"])["result"] == false)
            let key = OdooUser().apiKey
            #expect(
                try await odooJSONRPC(http, service: "common", method: "authenticate", args: ["canary", "admin", .string(key), [:]])["result"] == 2)

            let partner = try await odooExecute(http, "res.partner", "create", [["name": "Ada", "email": "ada@example.com"]])
            let id = try #require(partner["result"]?.int)
            let many = try await odooExecute(http, "res.partner", "create", [[["name": "B"], ["name": "C"]]])
            #expect(many["result"]?.array?.count == 2)
            let rows = try await odooExecute(
                http, "res.partner", "search_read", [[["email", "ilike", "ADA"]]], ["fields": ["name", "parent_id", "phone"]],
                secret: key)
            #expect(rows["result"] == [["id": .int(id), "name": "Ada", "parent_id": false, "phone": false]])
            let lead = try await odooExecute(http, "crm.lead", "create", [["name": "Deal", "partner_id": .int(id)]])
            let leadID = try #require(lead["result"]?.int)
            let read = try await odooExecute(http, "crm.lead", "read", [[.int(leadID)]], ["fields": ["partner_id", "stage_id", "type"]])
            #expect(read["result"]?.array?.first?["partner_id"] == [.int(id), "Ada"])
            #expect(read["result"]?.array?.first?["stage_id"] == [1, "New"])
            #expect(try await odooExecute(http, "crm.lead", "write", [[.int(leadID)], ["probability": 50]])["result"] == true)
            #expect(try await odooExecute(http, "crm.lead", "search_count", [[["probability", ">=", 50]]])["result"] == 1)
            #expect(try await odooExecute(http, "crm.lead", "search", [[]], ["limit": 1, "order": "id desc"])["result"] == [.int(leadID)])
            let message = try await odooExecute(http, "crm.lead", "message_post", [[.int(leadID)]], ["body": "hi", "message_type": "comment"])
            #expect(message["result"] == 1)
            let modelID = try await odooExecute(http, "ir.model", "search", [[["model", "=", "crm.lead"]]])["result"]?.array?.first
            let activity = try await odooExecute(
                http, "mail.activity", "create",
                [["res_model_id": modelID ?? 0, "res_id": .int(leadID), "date_deadline": "2025-01-31", "summary": "Call back"]])
            #expect(activity["result"]?.int != nil)
            let activityRow = try await odooExecute(http, "mail.activity", "search_read", [[]], ["fields": ["res_model", "res_name"]])
            #expect(activityRow["result"]?.array?.first?["res_name"] == "Deal")
            #expect(try await odooExecute(http, "res.partner", "unlink", [[.int(id)]])["result"] == true)
            let fields = try await odooExecute(http, "res.partner", "fields_get", [], ["attributes": ["type", "string"]])
            #expect(fields["result"]?["name"] == ["type": "char", "string": "Name"])
            let context = try await odooJSONRPC(
                http, service: "object", method: "execute", args: ["canary", 2, "admin", "res.users", "context_get"])
            #expect(context["result"]?["uid"] == 2)
        }
        #expect(await odoo.records()["crm.lead"]?.count == 1)
        #expect(await odoo.records()["mail.message"]?.count == 1)
    }

    @Test func errorsUseOdooEnvelopes() async throws {
        let odoo = FakeOdoo(logger: quietLogger)
        try await providerApplication(odoo.registerRoutes).test(.router) { http in
            let cases: [(JSONValue, String, Int)] = [
                (try await odooExecute(http, "res.partner", "search", [[]], secret: "wrong"), "odoo.exceptions.AccessDenied", 200),
                (try await odooExecute(http, "no.model", "search", [[]]), "odoo.exceptions.UserError", 200),
                (try await odooExecute(http, "res.partner", "frobnicate", []), "builtins.AttributeError", 200),
                (try await odooExecute(http, "res.partner", "_private", []), "odoo.exceptions.AccessError", 200),
                (try await odooExecute(http, "res.partner", "search", [["&"]]), "builtins.ValueError", 200),
                (try await odooExecute(http, "res.partner", "search", [[["nope", "=", 1]]]), "builtins.ValueError", 200),
                (try await odooExecute(http, "res.partner", "read", [[999]]), "odoo.exceptions.MissingError", 200),
                (try await odooExecute(http, "crm.lead", "create", [["email_from": "x"]]), "odoo.exceptions.ValidationError", 200),
                (try await odooExecute(http, "ir.model", "unlink", [[1]]), "odoo.exceptions.AccessError", 200),
                (try await odooExecute(http, "res.partner", "search", [[]], database: "other"), "psycopg2.OperationalError", 200),
                (try await odooJSONRPC(http, service: "nope", method: "x", args: []), "builtins.KeyError", 200),
            ]
            for (answer, name, code) in cases {
                #expect(answer["error"]?["code"]?.int == code, "\(name)")
                #expect(answer["error"]?["message"] == "Odoo Server Error")
                #expect(answer["error"]?["data"]?["name"]?.string == name)
                #expect(answer["error"]?["data"]?["arguments"]?.array?.count == 1)
                #expect(answer["error"]?["data"]?["debug"]?.string?.hasPrefix("Traceback") == true)
            }
            let malformed = try await http.execute(uri: "/jsonrpc", method: .post, body: ByteBuffer(string: "{oops"))
            #expect(malformed.status == .ok)
            #expect(malformed.json["error"]?["data"]?["name"] == "werkzeug.exceptions.BadRequest")
            let missing = try await http.execute(uri: "/web/nothing/here", method: .post, body: ByteBuffer(string: "{}"))
            #expect(missing.json["error"]?["code"] == 404)
        }
    }

    @Test func webSessionRefusesAPIKeysAndExpires() async throws {
        let odoo = FakeOdoo(logger: quietLogger)
        try await providerApplication(odoo.registerRoutes).test(.router) { http in
            let version = try await http.execute(uri: "/web/webclient/version_info", method: .post, body: ByteBuffer(string: #"{"jsonrpc":"2.0","params":{}}"#))
            #expect(version.json["result"]?["server_version"] == "17.0")
            let keyLogin = try await http.execute(
                uri: "/web/session/authenticate", method: .post,
                body: ByteBuffer(string: #"{"jsonrpc":"2.0","params":{"db":"canary","login":"admin","password":"\#(OdooUser().apiKey)"}}"#))
            #expect(keyLogin.json["error"]?["data"]?["name"] == "odoo.exceptions.AccessDenied")
            let login = try await http.execute(
                uri: "/web/session/authenticate", method: .post,
                body: ByteBuffer(string: #"{"jsonrpc":"2.0","id":1,"params":{"db":"canary","login":"admin","password":"admin"}}"#))
            #expect(login.json["result"]?["uid"] == 2)
            let cookie = try #require(login.headers[.setCookie]?.split(separator: ";").first.map(String.init))
            let call = #"{"jsonrpc":"2.0","id":2,"params":{"model":"res.partner","method":"search_count","args":[[]],"kwargs":{}}}"#
            let counted = try await http.execute(
                uri: "/web/dataset/call_kw/res.partner/search_count", method: .post, headers: [.cookie: cookie],
                body: ByteBuffer(string: call))
            #expect(counted.json["result"] == 2)
            let anonymous = try await http.execute(uri: "/web/dataset/call_kw/res.partner/search_count", method: .post, body: ByteBuffer(string: call))
            #expect(anonymous.json["error"]?["code"] == 100)
            #expect(anonymous.json["error"]?["data"]?["name"] == "odoo.http.SessionExpiredException")
        }
    }

    @Test func xmlRPCFaultCodesAreIntsOrLegacyStrings() async throws {
        let odoo = FakeOdoo(logger: quietLogger)
        try await providerApplication(odoo.registerRoutes).test(.router) { http in
            func call(_ path: String, _ method: String, _ params: String) async throws -> String {
                let body = "<?xml version='1.0'?><methodCall><methodName>\(method)</methodName><params>\(params)</params></methodCall>"
                return try await http.execute(uri: path, method: .post, body: ByteBuffer(string: body)).text
            }
            let p = { (value: String) in "<param><value>\(value)</value></param>" }
            let login = try await call("/xmlrpc/2/common", "login", p("<string>canary</string>") + p("admin") + p("admin"))
            #expect(login.contains("<int>2</int>"))
            let denied = try await call(
                "/xmlrpc/2/object", "execute_kw",
                p("canary") + p("<int>2</int>") + p("bad") + p("res.partner") + p("search") + p("<array><data><value><array><data></data></array></value></data></array>"))
            #expect(denied.contains("<name>faultCode</name>\n<value><int>3</int></value>"))
            let legacy = try await call(
                "/xmlrpc/object", "execute",
                p("canary") + p("<int>2</int>") + p("bad") + p("res.partner") + p("search") + p("<array><data></data></array>"))
            #expect(legacy.contains("<value><string>AccessDenied</string></value>"))
            let missing = try await call(
                "/xmlrpc/object", "execute",
                p("canary") + p("<int>2</int>") + p("admin") + p("res.partner") + p("read") + p("<array><data><value><int>99</int></value></data></array>"))
            #expect(missing.contains("warning -- MissingError"))
            let created = try await call(
                "/xmlrpc/2/object", "execute_kw",
                p("canary") + p("<int>2</int>") + p("admin") + p("res.partner") + p("create")
                    + p("<array><data><value><struct><member><name>name</name><value>X &amp; Y</value></member></struct></value></data></array>"))
            #expect(created.contains("<int>"))
            let read = try await call(
                "/xmlrpc/2/object", "execute_kw",
                p("canary") + p("<int>2</int>") + p("admin") + p("res.partner") + p("search_read")
                    + p("<array><data><value><array><data><value><array><data><value>name</value><value>=</value><value>X &amp; Y</value></data></array></value></data></array></value></data></array>"))
            #expect(read.contains("<string>X &amp; Y</string>"))
            #expect(!read.contains("<nil"))
            let malformed = try await http.execute(uri: "/xmlrpc/2/common", method: .post, body: ByteBuffer(string: "<methodCall><oops")).text
            #expect(malformed.contains("<int>1</int>"))
            #expect(malformed.contains("ExpatError"))
        }
    }

    @Test func databasesAreIsolatedAndResettable() async throws {
        var configuration = OdooConfiguration()
        configuration.databases = ["canary", "other"]
        let odoo = FakeOdoo(configuration: configuration, logger: quietLogger)
        try await providerApplication(odoo.registerRoutes).test(.router) { http in
            _ = try await odooExecute(http, "res.partner", "create", [["name": "Only here"]])
            let here = try await odooExecute(http, "res.partner", "search_count", [[["name", "=", "Only here"]]])
            let there = try await odooExecute(http, "res.partner", "search_count", [[["name", "=", "Only here"]]], database: "other")
            #expect(here["result"] == 1)
            #expect(there["result"] == 0)
        }
        #expect(await odoo.records()["res.partner"]?.count == 4)
        await odoo.reset()
        #expect(await odoo.records()["res.partner"]?.count == 3)
    }
}
