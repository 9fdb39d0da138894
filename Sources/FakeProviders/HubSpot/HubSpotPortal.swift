/// One portal's CRM: objects per type, the contacts' email index, associations and the id counter.
struct HubSpotPortal: Sendable {
    let hubID: Int
    var objects: [HubSpotObjectType: [Int: HubSpotObject]] = [:]
    /// Ids per type in creation order, for cursors.
    var order: [HubSpotObjectType: [Int]] = [:]
    /// Live contacts by lowercased email.
    var contactsByEmail: [String: Int] = [:]
    /// `(type, id)` → `(other type, other id)` → association types, kept for both directions.
    var associations: [ObjectKey: [ObjectKey: Set<HubSpotAssociationSpec>]] = [:]
    var nextID: Int

    struct ObjectKey: Sendable, Hashable {
        let type: HubSpotObjectType
        let id: Int
    }

    init(hubID: Int) {
        self.hubID = hubID
        self.nextID = 1001
    }

    func object(_ type: HubSpotObjectType, _ id: Int) -> HubSpotObject? {
        objects[type]?[id]
    }

    /// The live object of `type` with `id`, looked up by `idProperty` (`email`, `hs_object_id`) when given.
    func find(_ type: HubSpotObjectType, id: String, idProperty: String?) -> HubSpotObject? {
        switch idProperty {
        case nil, "hs_object_id":
            return Int(id).flatMap { object(type, $0) }
        case "email" where type.name == "contacts":
            return contactsByEmail[id.lowercased()].flatMap { object(type, $0) }
        case let name?:
            return objects[type]?.values.first { !$0.archived && $0.properties[name] == id }
        }
    }

    mutating func store(_ object: HubSpotObject) {
        let isNew = objects[object.type]?[object.id] == nil
        objects[object.type, default: [:]][object.id] = object
        if isNew { order[object.type, default: []].append(object.id) }
        if object.type.name == "contacts", let email = object.properties["email"]?.lowercased(), !email.isEmpty {
            if object.archived {
                if contactsByEmail[email] == object.id { contactsByEmail[email] = nil }
            } else {
                contactsByEmail[email] = object.id
            }
        }
    }

    mutating func associate(_ from: ObjectKey, _ to: ObjectKey, _ spec: HubSpotAssociationSpec) {
        associations[from, default: [:]][to, default: []].insert(spec)
        associations[to, default: [:]][from, default: []].insert(HubSpotAssociationTypes.inverse(of: spec))
    }

    /// Removes every association between the two; answers whether there was one.
    mutating func dissociate(_ from: ObjectKey, _ to: ObjectKey) -> Bool {
        let existed = associations[from]?[to] != nil
        associations[from]?[to] = nil
        associations[to]?[from] = nil
        return existed
    }

    /// Associations from `key` to objects of `type`, ids ascending.
    func associations(of key: ObjectKey, to type: HubSpotObjectType) -> [(id: Int, specs: Set<HubSpotAssociationSpec>)] {
        (associations[key] ?? [:]).filter { $0.key.type == type && object(type, $0.key.id)?.archived == false }
            .map { ($0.key.id, $0.value) }.sorted { $0.id < $1.id }
    }
}
