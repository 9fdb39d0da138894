/// Reads contacts and calls through Zoho CRM's search API (at most ten criteria per call).
public struct ZohoReader: CRMReader {
    let context: ProbeContext
    let access: CRMReadAccess
    let token: Secret<String>

    public func contacts(withEmails emails: [String], deadline: ProbeDeadline) async throws -> [CRMContact] {
        var found: [CRMContact] = []
        for start in stride(from: 0, to: emails.count, by: 10) {
            let criteria = emails[start..<min(start + 10, emails.count)]
                .map { "(Email:equals:\(Self.escape($0)))" }.joined(separator: "or")
            let records = try await search(
                "Contacts", criteria: criteria, fields: "Email,First_Name,Last_Name,Phone,Account_Name", deadline: deadline)
            for record in records {
                found.append(
                    CRMContact(
                        id: JSONValue.id(record["id"]) ?? "", email: JSONValue.text(record["Email"]),
                        fields: [
                            "First_Name": JSONValue.text(record["First_Name"]),
                            "Last_Name": JSONValue.text(record["Last_Name"]), "Phone": JSONValue.text(record["Phone"]),
                        ]))
            }
        }
        return found
    }

    public func callActivity(titled title: String, deadline: ProbeDeadline) async throws -> CRMCallActivity? {
        let records = try await search(
            "Calls", criteria: "(Subject:equals:\(Self.escape(title)))", fields: "Subject,Call_Type,Who_Id",
            deadline: deadline)
        guard let call = records.first else { return nil }
        let who = (call["Who_Id"] as? [String: Any]).flatMap { JSONValue.id($0["id"]) }
        return CRMCallActivity(
            id: JSONValue.id(call["id"]) ?? "", contactIDs: who.map { [$0] } ?? [], direction: call["Call_Type"] as? String)
    }

    /// Zoho's import leaves the company out of the comparison: `Account_Name` is a lookup there.
    public func expectedFields(_ row: ContactRow) -> [String: String] {
        ["First_Name": row.firstname, "Last_Name": row.lastname, "Phone": row.phone]
    }

    /// Escapes the characters Zoho criteria reserve: `(`, `)` and `,`.
    static func escape(_ value: String) -> String {
        var escaped = ""
        for character in value {
            if "(),".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }

    /// Every record matching `criteria`, page by page; 204 means none.
    private func search(
        _ module: String, criteria: String, fields: String, deadline: ProbeDeadline
    ) async throws -> [[String: Any]] {
        var records: [[String: Any]] = []
        var page = 1
        while true {
            let path = QueryString.append(
                [("criteria", criteria), ("fields", fields), ("per_page", "200"), ("page", String(page))],
                to: "/crm/v8/\(module)/search")
            let response = try await send(path, module: module, deadline: deadline)
            guard response.status == 200 else { return records }
            guard let body = response.jsonObject else {
                throw ProbeFailure.fail(.badBody, "Zoho \(module) search answer is not a JSON object")
            }
            records += body["data"] as? [[String: Any]] ?? []
            guard (body["info"] as? [String: Any])?["more_records"] as? Bool == true else { return records }
            page += 1
        }
    }

    /// The token to send: one refreshed during the run, else the plan's.
    private var currentToken: Secret<String> { context.secrets.refreshed["zoho"] ?? token }

    /// One search call; on 401 the token is refreshed once (when the plan says how) and the call repeated.
    private func send(_ path: String, module: String, deadline: ProbeDeadline) async throws -> ProbeResponse {
        var refreshed = false
        while true {
            let response = try await context.sendToCRM(
                .GET, path, baseURL: access.baseURL,
                headers: [("Authorization", "Zoho-oauthtoken \(currentToken.unredacted())")],
                vendor: "Zoho", deadline: deadline, accepting: [200, 204, 401])
            guard response.status == 401 else { return response }
            guard !refreshed, let refresh = access.refresh else {
                let hint = access.refresh == nil ? " (an expired token? give target.crm_read.zoho a refresh_token)" : ""
                throw ProbeFailure.fail(.httpStatus, "Zoho GET /crm/v8/\(module)/search answered 401\(hint)")
            }
            try await TokenRefresher.refresh(refresh, for: "zoho", context: context)
            refreshed = true
        }
    }
}
