import FakeSupport

/// One stored CRM object: id, property values (always strings) with their history, and timestamps.
struct HubSpotObject: Sendable {
    let id: Int
    let type: HubSpotObjectType
    var properties: [String: String]
    /// The values given at creation, which end every property's history; shares storage with `properties`
    /// until the first update, so a create does not build a history per property.
    let initialProperties: [String: String]
    /// Values set by updates, newest first.
    var updates: [String: [(value: String, timestamp: String)]] = [:]
    let createdAt: String
    /// When the object was created, to the instant, for the search index's lag.
    let created: ContinuousClock.Instant
    var updatedAt: String
    var archived = false
    var archivedAt: String?

    /// A new object with HubSpot's own properties set.
    init(id: Int, type: HubSpotObjectType, properties: [String: String], nowMilliseconds: Int64) {
        let now = HubSpotTimestamp.text(milliseconds: nowMilliseconds)
        self.id = id
        self.type = type
        self.createdAt = now
        self.created = .now
        self.updatedAt = now
        var all = properties
        all[type.createdProperty] = now
        all[type.modifiedProperty] = now
        all["hs_object_id"] = String(id)
        self.properties = all
        self.initialProperties = all
    }

    /// Sets properties; answers the names whose value changed.
    mutating func update(_ changes: [String: String], nowMilliseconds: Int64) -> [String] {
        let now = HubSpotTimestamp.text(milliseconds: nowMilliseconds)
        var changed: [String] = []
        for (name, value) in changes where name != "hs_object_id" && properties[name] != value {
            properties[name] = value
            updates[name, default: []].insert((value, now), at: 0)
            changed.append(name)
        }
        updatedAt = now
        properties[type.modifiedProperty] = now
        return changed.sorted()
    }

    /// The object as the API answers it; `properties` nil means every stored one.
    func json(properties names: [String]?, withHistory: [String] = [], associations: JSONValue? = nil) -> JSONValue {
        var shown: [String: JSONValue] = [:]
        if let names {
            for name in names { shown[name] = properties[name].map(JSONValue.string) ?? .null }
        } else {
            shown = properties.mapValues(JSONValue.string)
        }
        var object: [String: JSONValue] = [
            "id": .string(String(id)), "properties": .object(shown), "createdAt": .string(createdAt),
            "updatedAt": .string(updatedAt), "archived": .bool(archived),
        ]
        if let archivedAt { object["archivedAt"] = .string(archivedAt) }
        if !withHistory.isEmpty {
            var histories: [String: JSONValue] = [:]
            for name in withHistory {
                histories[name] = .array(
                    history(of: name).map {
                        ["value": .string($0.value), "timestamp": .string($0.timestamp), "sourceType": "API"]
                    })
            }
            object["propertiesWithHistory"] = .object(histories)
        }
        if let associations { object["associations"] = associations }
        return .object(object)
    }

    /// Every value `name` has had, newest first, the one given at creation last.
    func history(of name: String) -> [(value: String, timestamp: String)] {
        let initial = initialProperties[name].map { [(value: $0, timestamp: createdAt)] } ?? []
        return (updates[name] ?? []) + initial
    }
}
