import FakeSupport
import Foundation
import NIOHTTP1

/// The deployment's HubSpot calls: CRM v3 objects with the workspace's OAuth token.
struct HubSpotAPI: Sendable {
    let connections: CRMConnections

    /// Reads a changed contact back; a contact deleted since is not an error.
    func readContact(_ id: String) async throws {
        _ = try await call(.GET, "/crm/v3/objects/contacts/\(FormURLEncoded.encode(id))", accept: [200, 404], what: "read contact")
    }

    /// Upserts contacts by email in batches of 100.
    func upsert(_ rows: [ImportRow]) async throws {
        for start in stride(from: 0, to: rows.count, by: 100) {
            let inputs: [JSONValue] = rows[start..<min(start + 100, rows.count)].map { row in
                [
                    "id": .string(row.email), "idProperty": "email",
                    "properties": [
                        "email": .string(row.email), "firstname": .string(row.firstName),
                        "lastname": .string(row.lastName), "phone": .string(row.phone), "company": .string(row.company),
                    ],
                ]
            }
            let answer = try await call(
                .POST, "/crm/v3/objects/contacts/batch/upsert", json: ["inputs": .array(inputs)], accept: [200, 207],
                what: "batch upsert")
            if answer.status == 207 {
                throw CRMSinkError(code: .rejected, message: "HubSpot batch upsert: some rows failed")
            }
        }
    }

    /// Creates the call engagement on the contact, or updates it when `existing` is its id.
    func writeCall(_ activity: CallActivity, existing: String?) async throws -> String {
        var properties: [String: JSONValue] = [
            "hs_call_title": .string(activity.title),
            "hs_call_direction": .string(activity.direction == .inbound ? "INBOUND" : "OUTBOUND"),
            "hs_timestamp": .string(String(activity.startedAt)),
            "hs_call_duration": .string(String(activity.durationMilliseconds)),
            "hs_call_status": "COMPLETED",
        ]
        if let summary = activity.summary { properties["hs_call_body"] = .string(summary) }
        if let existing {
            _ = try await call(
                .PATCH, "/crm/v3/objects/calls/\(existing)", json: ["properties": .object(properties)], accept: [200],
                what: "update call")
            return existing
        }
        let contact = try await contactID(email: activity.contactEmail)
        let association: JSONValue = [
            "to": ["id": .string(contact)],
            "types": [["associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 194]],
        ]
        let answer = try await call(
            .POST, "/crm/v3/objects/calls",
            json: ["properties": .object(properties), "associations": [association]], accept: [201], what: "create call")
        guard let id = answer.json["id"]?.string else {
            throw CRMSinkError(code: .rejected, message: "HubSpot create call: no id in the answer")
        }
        return id
    }

    /// The contact with `email`, created when missing.
    private func contactID(email: String) async throws -> String {
        let found = try await call(
            .GET, "/crm/v3/objects/contacts/\(FormURLEncoded.encode(email))?idProperty=email", accept: [200, 404],
            what: "find contact")
        if found.status == 200, let id = found.json["id"]?.string { return id }
        let created = try await call(
            .POST, "/crm/v3/objects/contacts", json: ["properties": ["email": .string(email)]], accept: [201, 409],
            what: "create contact")
        if created.status == 409, let existing = Self.existingID(in: created.json) { return existing }
        guard let id = created.json["id"]?.string else {
            throw CRMSinkError(code: .rejected, message: "HubSpot create contact: no id in the answer")
        }
        return id
    }

    /// The id HubSpot names in a 409 "Contact already exists. Existing ID: 1001".
    private static func existingID(in json: JSONValue) -> String? {
        guard let message = json["message"]?.string, let range = message.range(of: "Existing ID: ") else { return nil }
        let digits = message[range.upperBound...].prefix(while: \.isNumber)
        return digits.isEmpty ? nil : String(digits)
    }

    private func call(
        _ method: HTTPMethod, _ path: String, json: JSONValue? = nil, accept: Set<Int>, what: String
    ) async throws -> CRMHTTP.Answer {
        let (token, base) = try await connections.credentials(for: .hubspot)
        return try await CRMHTTP.send(
            method, base + path, headers: [("Authorization", "Bearer \(token)")], json: json, accept: accept,
            what: "HubSpot \(what)")
    }
}
