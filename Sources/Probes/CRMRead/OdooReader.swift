/// Reads partners and activities through Odoo's JSON-RPC `/jsonrpc`, logging in with an API key.
public struct OdooReader: CRMReader {
    let context: ProbeContext
    let access: CRMReadAccess
    let apiKey: Secret<String>

    public func contacts(withEmails emails: [String], deadline: ProbeDeadline) async throws -> [CRMContact] {
        let records = try await searchRead(
            "res.partner", domain: [["email", "in", emails]], fields: ["email", "name", "phone", "comment"],
            deadline: deadline)
        return records.map { record in
            CRMContact(
                id: JSONValue.id(record["id"]) ?? "", email: JSONValue.text(record["email"]),
                fields: ["name": JSONValue.text(record["name"]), "phone": JSONValue.text(record["phone"])])
        }
    }

    /// Odoo activities record no direction, so the returned activity has none.
    public func callActivity(titled title: String, deadline: ProbeDeadline) async throws -> CRMCallActivity? {
        let records = try await searchRead(
            "mail.activity", domain: [["summary", "=", title]], fields: ["res_id", "res_model", "summary", "note"],
            deadline: deadline)
        guard let activity = records.first else { return nil }
        let partner = activity["res_model"] as? String == "res.partner" ? JSONValue.id(activity["res_id"]) : nil
        return CRMCallActivity(id: JSONValue.id(activity["id"]) ?? "", contactIDs: partner.map { [$0] } ?? [], direction: nil)
    }

    public func expectedFields(_ row: ContactRow) -> [String: String] {
        ["name": "\(row.firstname) \(row.lastname)", "phone": row.phone]
    }

    private var database: String { access.database ?? "" }

    private func searchRead(
        _ model: String, domain: [Any], fields: [String], deadline: ProbeDeadline
    ) async throws -> [[String: Any]] {
        let login: [Any] = [database, access.login ?? "", apiKey.unredacted()]
        let uid = try await call(service: "common", method: "login", args: login, deadline: deadline)
        guard let uid = JSONValue.int(uid), uid > 0 else {
            throw ProbeFailure.fail(.check, "Odoo refused the login for CRM reads")
        }
        let args: [Any] = [database, uid, apiKey.unredacted(), model, "search_read", [domain], ["fields": fields]]
        let result = try await call(service: "object", method: "execute_kw", args: args, deadline: deadline)
        guard let records = result as? [[String: Any]] else {
            throw ProbeFailure.fail(.badBody, "Odoo \(model) search_read did not return a list")
        }
        return records
    }

    /// One JSON-RPC call; an `error` envelope (still HTTP 200) becomes a failure naming Odoo's message.
    private func call(service: String, method: String, args: [Any], deadline: ProbeDeadline) async throws -> Any? {
        let request: [String: Any] = [
            "jsonrpc": "2.0", "method": "call", "id": 1,
            "params": ["service": service, "method": method, "args": args] as [String: Any],
        ]
        let response = try await context.sendToCRM(
            .POST, "/jsonrpc", baseURL: access.baseURL, headers: [], body: JSONBytes.encode(request), vendor: "Odoo",
            deadline: deadline)
        guard let body = response.jsonObject else {
            throw ProbeFailure.fail(.badBody, "Odoo \(service).\(method) answer is not a JSON object")
        }
        if let error = body["error"] as? [String: Any] {
            let message = (error["data"] as? [String: Any])?["message"] as? String ?? error["message"] as? String ?? "error"
            throw ProbeFailure.fail(.check, "Odoo \(service).\(method) failed: \(message)")
        }
        return body["result"]
    }
}
