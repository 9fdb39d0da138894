import FakeSupport

/// Checks one input row against a module's fields, as Zoho does before it writes.
struct ZohoRowValidator {
    let module: ZohoModule
    let org: ZohoOrg

    /// The writable fields of `row`, type-checked; unknown and read-only fields are dropped as Zoho drops them.
    func clean(_ row: JSONValue, index: Int, isUpdate: Bool) throws(ZohoRowError) -> [String: JSONValue] {
        guard let members = row.object else {
            throw .invalid("data", row: index, expected: "jsonobject")
        }
        var clean: [String: JSONValue] = [:]
        for field in module.fields where !field.readOnly {
            guard let value = members[field.apiName] else {
                if field.mandatory, !isUpdate { throw .mandatory(field.apiName, row: index) }
                continue
            }
            if value == .null || value == .string("") {
                if field.mandatory { throw .mandatory(field.apiName, row: index) }
                clean[field.apiName] = .null
                continue
            }
            clean[field.apiName] = try check(value, field: field, row: index)
        }
        if let duration = clean["Call_Duration"]?.string {
            let parts = duration.split(separator: ":").compactMap { Int($0) }
            clean["Call_Duration_in_seconds"] = .int(parts[0] * 60 + parts[1])
        }
        return clean
    }

    private func check(_ value: JSONValue, field: ZohoField, row: Int) throws(ZohoRowError) -> JSONValue {
        let name = field.apiName
        switch field.kind {
        case .text, .textarea, .phone:
            guard let text = value.string else { throw .invalid(name, row: row, expected: "string") }
            guard text.count <= field.length else {
                throw .invalid(name, row: row, expected: "string", message: "the length of the value exceeds the limit")
            }
            if name == "Call_Duration", !Self.isDuration(text) {
                throw .invalid(name, row: row, expected: "string")
            }
            return value
        case .email:
            guard let text = value.string, Self.isEmail(text), text.count <= field.length else {
                throw .invalid(name, row: row, expected: "email")
            }
            return value
        case .picklist:
            guard let text = value.string, field.picklist.contains(text) else {
                throw .invalid(name, row: row, expected: "picklist")
            }
            return value
        case .datetime:
            guard let text = value.string, ZohoClock.parse(text) != nil else {
                throw .invalid(name, row: row, expected: "datetime")
            }
            return value
        case .integer, .bigint:
            guard let number = value.int else { throw .invalid(name, row: row, expected: "integer") }
            return .int(number)
        case .boolean:
            guard value.bool != nil else { throw .invalid(name, row: row, expected: "boolean") }
            return value
        case .ownerlookup:
            guard let id = Self.lookupID(value), id == org.user.id else {
                throw .invalid(name, row: row, expected: "jsonobject", message: "the id given seems to be invalid")
            }
            return org.user.ownerLookup
        case .lookup:
            guard let id = Self.lookupID(value), id.allSatisfy(\.isNumber) else {
                throw .invalid(name, row: row, expected: "jsonobject")
            }
            let target = field.lookupModule ?? value["module"]?.string ?? value["$se_module"]?.string
            if let target, let targetModule = ZohoModule.named(target) {
                guard let found = org.records[targetModule.apiName]?.first(where: { $0["id"]?.string == id }) else {
                    throw .invalid(name, row: row, expected: "jsonobject", message: "the id given seems to be invalid")
                }
                return ["id": .string(id), "name": .string(Self.displayName(found))]
            }
            return ["id": .string(id), "name": value["name"] ?? .null]
        }
    }

    /// A lookup's id, given as `{"id": "…"}`, a string or a number.
    static func lookupID(_ value: JSONValue) -> String? {
        if let id = value["id"] { return id.string ?? id.int.map(String.init) }
        return value.string ?? value.int.map(String.init)
    }

    /// The name Zoho shows for a record in lookups.
    static func displayName(_ record: [String: JSONValue]) -> String {
        if let subject = record["Subject"]?.string { return subject }
        return [record["First_Name"]?.string, record["Last_Name"]?.string].compactMap { $0 }.joined(separator: " ")
    }

    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !text.contains(" ") else { return false }
        let domain = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return domain.count >= 2 && domain.allSatisfy { !$0.isEmpty }
    }

    static func isDuration(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
            && (Int(parts[1]) ?? 60) < 60
    }
}
