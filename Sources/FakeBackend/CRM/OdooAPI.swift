import FakeSupport
import Foundation

/// The deployment's Odoo calls: `execute_kw` over JSON-RPC with the configured API key.
struct OdooAPI: Sendable {
    let connections: CRMConnections

    /// Reads a changed partner back; a partner deleted since is not an error.
    func readPartner(_ id: String) async throws {
        guard let number = Int(id) else { return }
        _ = try await execute("res.partner", "search_read", [[["id", "=", .int(number)]]], ["fields": ["email"]])
    }

    /// Creates partners for new emails and updates the others.
    func upsert(_ rows: [ImportRow]) async throws {
        let emails = rows.map { JSONValue.string($0.email) }
        let found = try await execute(
            "res.partner", "search_read", [[["email", "in", .array(emails)]]], ["fields": ["email"]])
        var existing: [String: Int] = [:]
        for partner in found.array ?? [] {
            if let email = partner["email"]?.string, let id = partner["id"]?.int { existing[email] = id }
        }
        var creates: [JSONValue] = []
        var writes: [(id: Int, values: JSONValue)] = []
        for row in rows {
            let values: JSONValue = [
                "name": .string("\(row.firstName) \(row.lastName)"), "email": .string(row.email),
                "phone": .string(row.phone), "comment": .string(row.company),
            ]
            if let id = existing[row.email] { writes.append((id, values)) } else { creates.append(values) }
        }
        // `write` gives every listed id the same values, so each partner is one call; a few go at once, as a
        // worker pool would send them, so a re-import does not hold the Odoo lane for 100 round trips.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, write) in writes.enumerated() {
                if index >= Self.writesInFlight { try await group.next() }
                group.addTask { _ = try await execute("res.partner", "write", [[.int(write.id)], write.values]) }
            }
            try await group.waitForAll()
        }
        if !creates.isEmpty { _ = try await execute("res.partner", "create", [.array(creates)]) }
    }

    /// Partner writes of one batch sent at once.
    static let writesInFlight = 8

    /// Creates a "Call" activity on the partner, or updates its note when `existing` is its id.
    func writeCall(_ activity: CallActivity, existing: String?) async throws -> String {
        let note = "\(activity.direction.rawValue) call, \(activity.durationMilliseconds / 1000) s"
            + (activity.summary.map { ": \($0)" } ?? "")
        if let existing, let id = Int(existing) {
            _ = try await execute("mail.activity", "write", [[.int(id)], ["note": .string(note)]])
            return existing
        }
        let partner = try await partnerID(email: activity.contactEmail)
        let model = try await execute(
            "ir.model", "search_read", [[["model", "=", "res.partner"]]], ["fields": ["id"], "limit": 1])
        guard let modelID = model.array?.first?["id"]?.int else {
            throw CRMSinkError(code: .rejected, message: "Odoo: no ir.model for res.partner")
        }
        let day = ISO8601DateFormatter.string(
            from: Date(timeIntervalSince1970: Double(activity.startedAt) / 1000), timeZone: .gmt,
            formatOptions: [.withFullDate])
        let created = try await execute(
            "mail.activity", "create",
            [[
                "res_model_id": .int(modelID), "res_id": .int(partner), "activity_type_id": 2,
                "summary": .string(activity.title), "note": .string(note), "date_deadline": .string(day),
            ]])
        guard let id = created.int ?? created.array?.first?.int else {
            throw CRMSinkError(code: .rejected, message: "Odoo create activity: no id in the answer")
        }
        return String(id)
    }

    /// The partner with `email`, created when missing.
    private func partnerID(email: String) async throws -> Int {
        let found = try await execute("res.partner", "search", [[["email", "=", .string(email)]]], ["limit": 1])
        if let id = found.array?.first?.int { return id }
        let created = try await execute("res.partner", "create", [["name": .string(email), "email": .string(email)]])
        guard let id = created.int ?? created.array?.first?.int else {
            throw CRMSinkError(code: .rejected, message: "Odoo create partner: no id in the answer")
        }
        return id
    }

    private func execute(_ model: String, _ method: String, _ arguments: [JSONValue], _ keywords: JSONValue = [:])
        async throws -> JSONValue
    {
        let (link, uid) = try await connections.odooUserID { link in
            let answer = try await rpc(link, service: "common", method: "login", [
                .string(link.database), .string(link.login), .string(link.apiKey),
            ])
            guard let uid = answer.int else { throw CRMSinkError(code: .rejected, message: "Odoo login refused") }
            return uid
        }
        return try await rpc(link, service: "object", method: "execute_kw", [
            .string(link.database), .int(uid), .string(link.apiKey), .string(model), .string(method),
            .array(arguments), keywords,
        ])
    }

    private func rpc(_ link: ProviderLinks.OdooLink, service: String, method: String, _ arguments: [JSONValue])
        async throws -> JSONValue
    {
        let body: JSONValue = [
            "jsonrpc": "2.0", "method": "call", "id": 1,
            "params": ["service": .string(service), "method": .string(method), "args": .array(arguments)],
        ]
        let answer = try await CRMHTTP.send(.POST, link.baseURL + "/jsonrpc", json: body, accept: [200], what: "Odoo \(method)")
        if let error = answer.json["error"] {
            let message = error["data"]?["message"]?.string ?? error["message"]?.string ?? "error"
            throw CRMSinkError(code: .rejected, message: "Odoo \(method): \(message)")
        }
        return answer.json["result"] ?? .null
    }
}
