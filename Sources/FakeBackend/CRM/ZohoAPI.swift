import FakeSupport
import Foundation
import NIOHTTP1

/// The deployment's Zoho calls: CRM v8 records at the workspace's `api_domain`.
struct ZohoAPI: Sendable {
    let connections: CRMConnections

    /// Reads a changed contact back; a record deleted since is not an error.
    func readContact(_ id: String) async throws {
        _ = try await call(.GET, "/crm/v8/Contacts/\(FormURLEncoded.encode(id))", accept: [200, 204, 400, 404], what: "read contact")
    }

    /// Upserts contacts by email, 100 per call; any row Zoho refuses fails the batch.
    func upsert(_ rows: [ImportRow]) async throws {
        for start in stride(from: 0, to: rows.count, by: 100) {
            let data: [JSONValue] = rows[start..<min(start + 100, rows.count)].map { row in
                [
                    "Email": .string(row.email), "First_Name": .string(row.firstName),
                    "Last_Name": .string(row.lastName), "Phone": .string(row.phone),
                    "Description": .string(row.company),
                ]
            }
            let answer = try await call(
                .POST, "/crm/v8/Contacts/upsert", json: ["data": .array(data), "duplicate_check_fields": ["Email"]],
                accept: [200, 201, 202], what: "upsert")
            let failed = (answer.json["data"]?.array ?? []).filter { $0["status"]?.string != "success" }
            if !failed.isEmpty {
                throw CRMSinkError(code: .rejected, message: "Zoho upsert: \(failed.count) rows refused")
            }
        }
    }

    /// Creates the `Calls` record on the contact, or updates it when `existing` is its id.
    func writeCall(_ activity: CallActivity, existing: String?) async throws -> String {
        var record: [String: JSONValue] = [
            "Subject": .string(activity.title),
            "Call_Type": .string(activity.direction == .inbound ? "Inbound" : "Outbound"),
            "Call_Start_Time": .string(Self.dateTime(activity.startedAt)),
            "Call_Duration": .string(Self.minutesSeconds(activity.durationMilliseconds)),
            "Call_Duration_in_seconds": .int(Int(activity.durationMilliseconds / 1000)),
        ]
        if let summary = activity.summary { record["Description"] = .string(summary) }
        if let existing {
            _ = try await call(
                .PUT, "/crm/v8/Calls/\(existing)", json: ["data": [.object(record)]], accept: [200, 202],
                what: "update call")
            return existing
        }
        record["Who_Id"] = ["id": .string(try await contactID(email: activity.contactEmail))]
        record["$se_module"] = "Contacts"
        let answer = try await call(
            .POST, "/crm/v8/Calls", json: ["data": [.object(record)]], accept: [200, 201, 202], what: "create call")
        return try Self.createdID(answer, what: "create call")
    }

    /// The contact with `email`, created when missing.
    private func contactID(email: String) async throws -> String {
        let criteria = FormURLEncoded.encode("(Email:equals:\(email))")
        let found = try await call(
            .GET, "/crm/v8/Contacts/search?criteria=\(criteria)", accept: [200, 204], what: "find contact")
        if let id = found.json["data"]?.array?.first?["id"]?.string { return id }
        let lastName = String(email.split(separator: "@").first ?? "Contact")
        let created = try await call(
            .POST, "/crm/v8/Contacts", json: ["data": [["Email": .string(email), "Last_Name": .string(lastName)]]],
            accept: [200, 201, 202], what: "create contact")
        return try Self.createdID(created, what: "create contact")
    }

    private static func createdID(_ answer: CRMHTTP.Answer, what: String) throws -> String {
        guard let row = answer.json["data"]?.array?.first, row["status"]?.string == "success",
            let id = row["details"]?["id"]?.string
        else { throw CRMSinkError(code: .rejected, message: "Zoho \(what): \(answer.json.jsonText.prefix(200))") }
        return id
    }

    private static func dateTime(_ milliseconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
            .replacingOccurrences(of: "Z", with: "+00:00")
    }

    private static func minutesSeconds(_ milliseconds: Int64) -> String {
        let seconds = milliseconds / 1000
        return String(format: "%02d:%02d", seconds / 60, seconds % 60)
    }

    private func call(
        _ method: HTTPMethod, _ path: String, json: JSONValue? = nil, accept: Set<Int>, what: String
    ) async throws -> CRMHTTP.Answer {
        let (token, base) = try await connections.credentials(for: .zoho)
        return try await CRMHTTP.send(
            method, base + path, headers: [("Authorization", "Zoho-oauthtoken \(token)")], json: json, accept: accept,
            what: "Zoho \(what)")
    }
}
