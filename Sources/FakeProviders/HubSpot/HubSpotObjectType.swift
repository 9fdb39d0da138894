/// A CRM object type as HubSpot names it in paths: `contacts`, `contact` or `0-1` are the same type.
struct HubSpotObjectType: Sendable, Hashable {
    /// Plural path name, e.g. `contacts`; custom types keep what was given (`2-1234`). Identifies the type.
    let name: String
    /// Singular, for association labels (`call_to_contact`) and webhook event types.
    let singular: String
    /// Type id, e.g. `0-1`.
    let typeID: String

    private static let standard: [HubSpotObjectType] = [
        .init(name: "contacts", singular: "contact", typeID: "0-1"),
        .init(name: "companies", singular: "company", typeID: "0-2"),
        .init(name: "deals", singular: "deal", typeID: "0-3"),
        .init(name: "tickets", singular: "ticket", typeID: "0-5"),
        .init(name: "products", singular: "product", typeID: "0-7"),
        .init(name: "line_items", singular: "line_item", typeID: "0-8"),
        .init(name: "tasks", singular: "task", typeID: "0-27"),
        .init(name: "notes", singular: "note", typeID: "0-46"),
        .init(name: "meetings", singular: "meeting", typeID: "0-47"),
        .init(name: "calls", singular: "call", typeID: "0-48"),
        .init(name: "emails", singular: "email", typeID: "0-49"),
    ]

    private static let lookup: [String: HubSpotObjectType] = {
        var table: [String: HubSpotObjectType] = [:]
        for type in standard {
            table[type.name] = type
            table[type.singular] = type
            table[type.typeID] = type
        }
        return table
    }()

    /// The type a path segment names, or nil when HubSpot could not infer one.
    static func named(_ text: String) -> HubSpotObjectType? {
        let key = text.lowercased()
        if let type = lookup[key] { return type }
        let custom = key.hasPrefix("2-") && key.dropFirst(2).allSatisfy(\.isNumber) && key.count > 2
        return custom ? HubSpotObjectType(name: key, singular: key, typeID: key) : nil
    }

    /// The type named, or HubSpot's 400 for a name it cannot infer.
    static func require(_ text: String?) throws -> HubSpotObjectType {
        guard let text, let type = named(text) else {
            throw HubSpotError.validation("Unable to infer object type from: \(text ?? "")")
        }
        return type
    }

    static func == (lhs: Self, rhs: Self) -> Bool { lhs.name == rhs.name }
    func hash(into hasher: inout Hasher) { hasher.combine(name) }

    /// Whether webhook events for this type are classic (`contact.creation`) rather than `object.creation`.
    var hasClassicEvents: Bool { ["contacts", "companies", "deals", "tickets"].contains(name) }

    /// Properties every object of this type gets from HubSpot itself: created, modified, id.
    var createdProperty: String { ["contacts", "companies", "deals"].contains(name) ? "createdate" : "hs_createdate" }
    /// The last-modified property.
    var modifiedProperty: String { name == "contacts" ? "lastmodifieddate" : "hs_lastmodifieddate" }

    /// Properties answered when the request names none.
    var defaultProperties: [String] {
        switch name {
        case "contacts": ["createdate", "email", "firstname", "hs_object_id", "lastmodifieddate", "lastname"]
        case "companies": ["createdate", "domain", "hs_lastmodifieddate", "hs_object_id", "name"]
        case "deals":
            ["amount", "closedate", "createdate", "dealname", "dealstage", "hs_lastmodifieddate", "hs_object_id", "pipeline"]
        default: ["hs_createdate", "hs_lastmodifieddate", "hs_object_id"]
        }
    }

    /// Properties that must be set on create.
    var requiredProperties: [String] {
        ["calls", "notes", "tasks", "meetings", "emails"].contains(name) ? ["hs_timestamp"] : []
    }

    /// The granular scope a read or a write of this type needs.
    func scope(write: Bool) -> String {
        let access = write ? "write" : "read"
        switch name {
        case "companies", "deals", "tickets", "contacts": return "crm.objects.\(name).\(access)"
        case "calls", "notes", "tasks", "meetings", "emails": return "crm.objects.contacts.\(access)"
        case "products", "line_items": return "crm.objects.\(name).\(access)"
        default: return "crm.objects.custom.\(access)"
        }
    }
}
