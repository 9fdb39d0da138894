import FakeSupport

/// Webhook settings, subscriptions and event ids of one fake HubSpot app.
struct HubSpotWebhookStore: Sendable {
    struct Subscription: Sendable {
        let id: Int
        let eventType: String
        let propertyName: String?
        let objectTypeID: String?
        /// Its own target (an inspection API subscription), or nil for the app's target in ``settings``.
        let targetURL: String?
        let portalID: Int?
        var active: Bool
        let createdAt: String
        var updatedAt: String

        /// Whether it belongs to the app, as the webhooks v3 API manages them, rather than to the inspection API.
        var isAppSubscription: Bool { targetURL == nil }

        var json: JSONValue {
            var object: [String: JSONValue] = [
                "id": .string(String(id)), "eventType": .string(eventType),
                "targetUrl": targetURL.map { .string($0) } ?? .null, "active": .bool(active),
                "createdAt": .string(createdAt), "updatedAt": .string(updatedAt),
            ]
            if let propertyName { object["propertyName"] = .string(propertyName) }
            if let objectTypeID { object["objectTypeId"] = .string(objectTypeID) }
            if let portalID { object["portalId"] = .int(portalID) }
            return .object(object)
        }

        /// Whether a change of this kind, to an object of `type` in `hubID`, is one this subscription wants.
        func wants(_ change: HubSpotChange, hubID: Int) -> Bool {
            guard active, portalID.map({ $0 == hubID }) ?? true else { return false }
            let type = change.objectType
            let prefix = type.hasClassicEvents ? type.singular : "object"
            guard eventType == "\(prefix).\(change.action)" else { return false }
            if !type.hasClassicEvents, let objectTypeID, objectTypeID != type.typeID { return false }
            if case .propertyChanged(_, _, let name, _) = change, let propertyName, propertyName != name { return false }
            return true
        }
    }

    static let eventTypes: Set<String> = {
        var types: Set<String> = ["contact.privacyDeletion"]
        for object in ["contact", "company", "deal", "ticket", "object"] {
            for action in ["creation", "deletion", "propertyChange", "merge", "restore", "associationChange"] {
                types.insert("\(object).\(action)")
            }
        }
        return types
    }()

    /// The app's target URL and throttling; nil until set, and then app subscriptions deliver nowhere.
    var settings: HubSpotWebhookSettings?
    var subscriptions: [Int: Subscription] = [:]
    var nextSubscriptionID = 1
    var nextEventID = 1001
}

/// Something that happened to a CRM object that webhooks may report.
enum HubSpotChange: Sendable {
    case created(HubSpotObjectType, Int)
    case deleted(HubSpotObjectType, Int)
    case propertyChanged(HubSpotObjectType, Int, name: String, value: String)
    case associationChanged(HubSpotObjectType, Int, to: HubSpotObjectType, toID: Int, typeID: Int, removed: Bool)

    var objectType: HubSpotObjectType {
        switch self {
        case .created(let type, _), .deleted(let type, _), .propertyChanged(let type, _, _, _),
            .associationChanged(let type, _, _, _, _, _):
            type
        }
    }

    var action: String {
        switch self {
        case .created: "creation"
        case .deleted: "deletion"
        case .propertyChanged: "propertyChange"
        case .associationChanged: "associationChange"
        }
    }

    /// The event's own fields, without ids, portal, app or attempt.
    var fields: [String: JSONValue] {
        var fields: [String: JSONValue] = [:]
        switch self {
        case .created(_, let id):
            fields["objectId"] = .int(id)
            fields["changeFlag"] = "CREATED"
        case .deleted(_, let id):
            fields["objectId"] = .int(id)
            fields["changeFlag"] = "DELETED"
        case .propertyChanged(_, let id, let name, let value):
            fields["objectId"] = .int(id)
            fields["propertyName"] = .string(name)
            fields["propertyValue"] = .string(value)
        case .associationChanged(let type, let id, let toType, let toID, let typeID, let removed):
            fields["objectId"] = .int(id)
            fields["fromObjectId"] = .int(id)
            fields["toObjectId"] = .int(toID)
            fields["associationType"] = .string("\(type.singular)_to_\(toType.singular)".uppercased())
            fields["associationTypeId"] = .int(typeID)
            fields["associationRemoved"] = .bool(removed)
            fields["isPrimaryAssociation"] = .bool(typeID == 1 || typeID == 2 || typeID == 5 || typeID == 6)
        }
        if !objectType.hasClassicEvents { fields["objectTypeId"] = .string(objectType.typeID) }
        return fields
    }
}
