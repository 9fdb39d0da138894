import FakeSupport

/// What a create asks for: properties and associations to existing objects.
struct HubSpotCreateInput: Sendable {
    var properties: [String: String]
    var associations: [(to: HubSpotPortal.ObjectKey, spec: HubSpotAssociationSpec)] = []
}

extension HubSpotPortal {
    /// Checks a create before anything is stored: required properties, email format, duplicate emails,
    /// association types and targets.
    func validateCreate(_ type: HubSpotObjectType, _ input: HubSpotCreateInput, pendingEmails: Set<String> = [])
        throws(HubSpotError)
    {
        for name in type.requiredProperties where (input.properties[name] ?? "").isEmpty {
            throw Self.invalidProperty(name: name, error: "REQUIRED_FIELD", message: "\(name) is required")
        }
        if type.name == "contacts", let email = input.properties["email"], !email.isEmpty {
            try Self.checkEmail(email)
            let key = email.lowercased()
            if let existing = contactsByEmail[key] {
                throw HubSpotError.conflict("Contact already exists. Existing ID: \(existing)")
            }
            if !pendingEmails.isEmpty, pendingEmails.contains(key) {
                throw HubSpotError.validation("Duplicate email \(email) in the batch inputs.")
            }
        }
        for association in input.associations {
            guard let target = object(association.to.type, association.to.id), !target.archived else {
                throw HubSpotError.validation(
                    "One or more associations are invalid: \(association.to.type.singular) \(association.to.id) does "
                        + "not exist.")
            }
        }
    }

    /// Stores a validated create; answers the object and the changes webhooks report.
    mutating func create(_ type: HubSpotObjectType, _ input: HubSpotCreateInput, now: Int64) -> (
        HubSpotObject, [HubSpotChange]
    ) {
        let object = HubSpotObject(id: nextID, type: type, properties: input.properties, nowMilliseconds: now)
        nextID += 1
        store(object)
        var changes: [HubSpotChange] = [.created(type, object.id)]
        for (name, value) in input.properties.sorted(by: { $0.key < $1.key }) {
            changes.append(.propertyChanged(type, object.id, name: name, value: value))
        }
        for association in input.associations {
            let key = ObjectKey(type: type, id: object.id)
            associate(key, association.to, association.spec)
            changes.append(
                .associationChanged(
                    type, object.id, to: association.to.type, toID: association.to.id, typeID: association.spec.typeID,
                    removed: false))
        }
        return (object, changes)
    }

    /// Checks an update of a live object: email format and that the email is not another contact's.
    func validateUpdate(_ type: HubSpotObjectType, id: Int, _ properties: [String: String]) throws(HubSpotError) {
        if type.name == "contacts", let email = properties["email"], !email.isEmpty {
            try Self.checkEmail(email)
            if let existing = contactsByEmail[email.lowercased()], existing != id {
                throw HubSpotError.conflict("Contact already exists. Existing ID: \(existing)")
            }
        }
    }

    /// Applies a validated update; answers the object and the property changes.
    mutating func update(_ type: HubSpotObjectType, id: Int, _ properties: [String: String], now: Int64) -> (
        HubSpotObject, [HubSpotChange]
    )? {
        guard var object = object(type, id), !object.archived else { return nil }
        if type.name == "contacts", let old = object.properties["email"]?.lowercased(), contactsByEmail[old] == id,
            properties["email"] != nil
        {
            contactsByEmail[old] = nil
        }
        let changed = object.update(properties, nowMilliseconds: now)
        store(object)
        return (object, changed.map { .propertyChanged(type, id, name: $0, value: object.properties[$0] ?? "") })
    }

    /// Archives a live object; answers the deletion change, or nil when there was nothing to archive.
    mutating func archive(_ type: HubSpotObjectType, id: Int, now: Int64) -> HubSpotChange? {
        guard var object = object(type, id), !object.archived else { return nil }
        object.archived = true
        object.archivedAt = HubSpotTimestamp.text(milliseconds: now)
        store(object)
        return .deleted(type, id)
    }

    /// A page of objects in id order from `after`, archived or live; the next cursor when there are more.
    func page(_ type: HubSpotObjectType, after: Int?, limit: Int, archived: Bool) -> ([HubSpotObject], Int?) {
        let ids = order[type] ?? []
        var start = 0
        if let after {
            var low = 0
            var high = ids.count
            while low < high {
                let middle = (low + high) / 2
                if ids[middle] < after { low = middle + 1 } else { high = middle }
            }
            start = low
        }
        var results: [HubSpotObject] = []
        var index = start
        while index < ids.count {
            if let object = object(type, ids[index]), object.archived == archived {
                if results.count == limit { return (results, object.id) }
                results.append(object)
            }
            index += 1
        }
        return (results, nil)
    }

    /// `associations` as v3 GET answers it, for the named types; nil when there are none.
    func associationsJSON(of type: HubSpotObjectType, id: Int, to names: [String]) -> JSONValue? {
        var result: [String: JSONValue] = [:]
        for name in names {
            guard let other = HubSpotObjectType.named(name) else { continue }
            var rows: [JSONValue] = []
            for (otherID, specs) in associations(of: ObjectKey(type: type, id: id), to: other) {
                for spec in specs.sorted(by: { $0.typeID < $1.typeID }) {
                    rows.append(["id": .string(String(otherID)), "type": .string(Self.label(type, other, spec))])
                }
            }
            if !rows.isEmpty { result[other.name] = ["results": .array(rows)] }
        }
        return result.isEmpty ? nil : .object(result)
    }

    private static func label(_ from: HubSpotObjectType, _ to: HubSpotObjectType, _ spec: HubSpotAssociationSpec) -> String {
        let base = "\(from.singular)_to_\(to.singular)"
        guard spec.category == "HUBSPOT_DEFINED" else { return String(spec.typeID) }
        return [279, 280, 341, 342].contains(spec.typeID) ? base + "_unlabeled" : base
    }

    private static func checkEmail(_ email: String) throws(HubSpotError) {
        let parts = email.utf8.split(separator: UInt8(ascii: "@"), omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains(UInt8(ascii: ".")),
            !email.utf8.contains(UInt8(ascii: " "))
        else {
            throw invalidProperty(name: "email", error: "INVALID_EMAIL", message: "Email address \(email) is invalid")
        }
    }

    /// HubSpot's 400 for a property value it refuses.
    static func invalidProperty(name: String, error: String, message: String) -> HubSpotError {
        let detail: JSONValue = [
            "isValid": false, "message": .string(message), "error": .string(error), "name": .string(name),
        ]
        return HubSpotError.validation(
            "Property values were not valid: [\(detail.jsonText)]",
            errors: [["message": .string(message), "code": .string(error), "context": ["propertyName": [.string(name)]]]])
    }
}
