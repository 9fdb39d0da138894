import FakeSupport

/// One Zoho org's data: records per module, notification channels and API usage.
struct ZohoOrg: Sendable {
    let id: String
    let user: ZohoUser
    /// Records per module API name, in insertion order.
    var records: [String: [[String: JSONValue]]] = [:]
    /// Notification channels by channel id.
    var channels: [String: ZohoChannel] = [:]
    /// When each API credit of the last 24 hours was spent.
    var creditsSpent: [ContinuousClock.Instant] = []
    /// Requests being served right now.
    var inFlight = 0
    /// The next record id suffix.
    var nextRecordNumber = 1
    /// When each stored record was inserted, by id: finer than `Created_Time`'s seconds, for the search index.
    var inserted: [String: ContinuousClock.Instant] = [:]

    init(id: String, user: ZohoUser) {
        self.id = id
        self.user = user
    }

    /// A new numeric record id, unique within the fake.
    mutating func newRecordID() -> String {
        defer { nextRecordNumber += 1 }
        let prefix = String(id.suffix(4))
        return "5725767\(prefix)" + String(repeating: "0", count: max(0, 8 - String(nextRecordNumber).count))
            + String(nextRecordNumber)
    }

    /// The index of the record with `id` in `module`.
    func index(of id: String, in module: String) -> Int? {
        records[module]?.firstIndex { $0["id"]?.string == id }
    }
}

/// The user an org's tokens act as.
struct ZohoUser: Sendable {
    let id: String
    let email: String
    let name: String

    /// The `{"name","id"}` lookup Zoho writes for users.
    var lookup: JSONValue { ["name": .string(name), "id": .string(id)] }
    /// The owner lookup, which also carries the email.
    var ownerLookup: JSONValue { ["name": .string(name), "id": .string(id), "email": .string(email)] }
}

/// One `actions/watch` subscription.
struct ZohoChannel: Sendable {
    let channelID: String
    var events: [String]
    var token: String?
    var notifyURL: String
    var expiry: String?
    var returnAffectedFieldValues: Bool

    /// Whether this channel wants `operation` on `module` (`Leads.all`, `Leads.create`, …).
    func wants(module: String, operation: String) -> Bool {
        let event: String =
            switch operation {
            case "insert": "create"
            case "update": "edit"
            default: "delete"
            }
        return events.contains { entry in
            let parts = entry.split(separator: ".", maxSplits: 1).map { $0.lowercased() }
            return parts.count == 2 && parts[0] == module.lowercased() && (parts[1] == "all" || parts[1] == event)
        }
    }

    /// The channel as `GET actions/watch` lists it.
    var description: JSONValue {
        var entry: [String: JSONValue] = [
            "channel_id": .string(channelID), "events": .array(events.map { .string($0) }),
            "notify_url": .string(notifyURL), "return_affected_field_values": .bool(returnAffectedFieldValues),
        ]
        entry["token"] = token.map { .string($0) } ?? .null
        entry["channel_expiry"] = expiry.map { .string($0) } ?? .null
        return .object(entry)
    }
}
