/// Reads contacts and calls through HubSpot's CRM search API with a bearer token.
public struct HubSpotReader: CRMReader {
    let context: ProbeContext
    let access: CRMReadAccess
    let token: Secret<String>

    static let properties = ["email", "firstname", "lastname", "phone", "company"]

    public func contacts(withEmails emails: [String], deadline: ProbeDeadline) async throws -> [CRMContact] {
        var found: [CRMContact] = []
        for start in stride(from: 0, to: emails.count, by: 100) {
            let batch = Array(emails[start..<min(start + 100, emails.count)])
            let filter: [String: Any] = ["propertyName": "email", "operator": "IN", "values": batch]
            for result in try await search("contacts", filter: filter, properties: Self.properties, deadline: deadline) {
                let properties = result["properties"] as? [String: Any] ?? [:]
                var fields: [String: String] = [:]
                for name in Self.properties.dropFirst() { fields[name] = JSONValue.text(properties[name]) }
                found.append(
                    CRMContact(
                        id: JSONValue.id(result["id"]) ?? "", email: JSONValue.text(properties["email"]), fields: fields))
            }
        }
        return found
    }

    public func callActivity(titled title: String, deadline: ProbeDeadline) async throws -> CRMCallActivity? {
        let filter: [String: Any] = ["propertyName": "hs_call_title", "operator": "EQ", "value": title]
        let calls = try await search(
            "calls", filter: filter, properties: ["hs_call_title", "hs_call_direction"], deadline: deadline)
        guard let call = calls.first, let callID = JSONValue.id(call["id"]) else { return nil }
        let response = try await context.sendToCRM(
            .GET, "/crm/v4/objects/calls/\(callID)/associations/contacts", baseURL: access.baseURL,
            headers: authorization, vendor: "HubSpot", deadline: deadline)
        let links = response.jsonObject?["results"] as? [[String: Any]] ?? []
        let direction = (call["properties"] as? [String: Any])?["hs_call_direction"] as? String
        return CRMCallActivity(id: callID, contactIDs: links.compactMap { JSONValue.id($0["toObjectId"]) }, direction: direction)
    }

    public func expectedFields(_ row: ContactRow) -> [String: String] {
        ["firstname": row.firstname, "lastname": row.lastname, "phone": row.phone, "company": row.company]
    }

    private var authorization: [(String, String)] { [("Authorization", "Bearer \(token.unredacted())")] }

    /// Every result of a one-filter search of `object`, following `paging.next.after`.
    private func search(
        _ object: String, filter: [String: Any], properties: [String], deadline: ProbeDeadline
    ) async throws -> [[String: Any]] {
        var results: [[String: Any]] = []
        var after: String?
        repeat {
            var request: [String: Any] = [
                "filterGroups": [["filters": [filter]]], "properties": properties, "limit": 100,
            ]
            if let after { request["after"] = after }
            let response = try await context.sendToCRM(
                .POST, "/crm/v3/objects/\(object)/search", baseURL: access.baseURL, headers: authorization,
                body: JSONBytes.encode(request), vendor: "HubSpot", deadline: deadline)
            guard let body = response.jsonObject else {
                throw ProbeFailure.fail(.badBody, "HubSpot \(object) search answer is not a JSON object")
            }
            results += body["results"] as? [[String: Any]] ?? []
            after = ((body["paging"] as? [String: Any])?["next"] as? [String: Any]).flatMap { JSONValue.id($0["after"]) }
        } while after != nil
        return results
    }
}
