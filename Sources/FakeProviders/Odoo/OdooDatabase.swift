import FakeSupport
import Foundation

/// One Odoo database: its records per model and the messages posted on them.
struct OdooDatabase: Sendable {
    let name: String
    /// Records by model, then by id; a missing key is an unset field.
    var tables: [String: [Int: [String: JSONValue]]] = [:]
    var nextIDs: [String: Int] = [:]
    /// `message_post` results (`mail.message`).
    var messages: [[String: JSONValue]] = []

    /// A database seeded as a fresh Odoo is: the company, OdooBot, the users and the models.
    init(name: String, users: [OdooUser]) {
        self.name = name
        let now = Self.timestamp()
        func audited(_ values: [String: JSONValue]) -> [String: JSONValue] {
            values.merging(["create_date": .string(now), "write_date": .string(now), "create_uid": 1, "write_uid": 1]) { a, _ in a }
        }
        tables["res.partner"] = [
            1: audited(["id": 1, "name": "My Company", "is_company": true, "active": true, "type": "contact"]),
            2: audited(["id": 2, "name": "OdooBot", "email": "odoobot@example.com", "active": false, "type": "contact"]),
        ]
        tables["res.users"] = [
            1: audited(["id": 1, "login": "__system__", "name": "OdooBot", "partner_id": 2, "active": false, "company_id": 1])
        ]
        for (offset, user) in users.enumerated() {
            let uid = Self.uid(forUserAt: offset)
            let partnerID = 3 + offset
            tables["res.partner"]![partnerID] = audited([
                "id": .int(partnerID), "name": .string(user.name), "email": .string("\(user.login)@canary.example"),
                "active": true, "type": "contact",
            ])
            tables["res.users"]![uid] = audited([
                "id": .int(uid), "login": .string(user.login), "name": .string(user.name), "partner_id": .int(partnerID),
                "email": .string("\(user.login)@canary.example"), "active": true, "company_id": 1,
                "tz": "Europe/Brussels", "lang": "en_US",
            ])
        }
        var models: [Int: [String: JSONValue]] = [:]
        for (offset, model) in OdooModel.all.enumerated() {
            models[offset + 1] = audited([
                "id": .int(offset + 1), "model": .string(model.name), "name": .string(model.description),
            ])
        }
        tables["ir.model"] = models
        nextIDs = [
            "res.partner": 3 + users.count, "res.users": Self.uid(forUserAt: users.count), "ir.model": models.count + 1,
            "crm.lead": 1, "mail.activity": 1,
        ]
    }

    /// The uid of the configured user at `offset`: 2 for the administrator, then 6, 7, …
    static func uid(forUserAt offset: Int) -> Int { offset == 0 ? 2 : 5 + offset }

    /// Now as Odoo writes datetimes: `YYYY-MM-DD HH:MM:SS` in UTC.
    static func timestamp(_ date: Date = Date()) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withSpaceBetweenDateAndTime]
        return formatter.string(from: date)
    }

    /// The record's name as many2one reads show it.
    func displayName(model: String, id: Int) -> String? {
        if let names = OdooModel.referenceNames[model] { return names[id] }
        guard let record = tables[model]?[id] else { return nil }
        switch model {
        case "res.partner":
            let name = record["name"]?.string ?? ""
            if let parent = record["parent_id"]?.int, record["is_company"]?.bool != true,
                let parentName = displayName(model: model, id: parent)
            {
                return "\(parentName), \(name)"
            }
            return name
        case "mail.activity":
            return record["summary"]?.string
                ?? record["activity_type_id"]?.int.flatMap { displayName(model: "mail.activity.type", id: $0) } ?? ""
        default:
            return record["name"]?.string ?? ""
        }
    }

    /// Whether a record of `model` with `id` exists (stored or reference data).
    func exists(model: String, id: Int) -> Bool {
        if let names = OdooModel.referenceNames[model] { return names[id] != nil }
        return tables[model]?[id] != nil
    }
}
