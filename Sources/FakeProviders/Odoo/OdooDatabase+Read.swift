import FakeSupport

extension OdooDatabase {
    /// The ids matching `domain`, ordered, then offset and limited; inactive records only when asked for.
    func search(model: OdooModel, domain: OdooDomain, offset: Int, limit: Int?, order: String?) throws(OdooFault)
        -> [Int]
    {
        try validate(domain, model: model)
        let keys = try sortKeys(order ?? model.order, model: model)
        var effective = domain
        if model.hasActive, !domain.mentions("active") {
            effective = .and(.leaf(path: ["active"], op: .equal, value: true), domain)
        }
        let rows = (tables[model.name] ?? [:]).values.filter { matches($0, model: model, domain: effective) }
        let sorted = rows.sorted { lhs, rhs in
            for (name, descending) in keys {
                let left = sortValue(lhs, field: name, model: model)
                let right = sortValue(rhs, field: name, model: model)
                if left == right { continue }
                guard let left else { return descending }
                guard let right else { return !descending }
                let order = Self.order(left, right) ?? 0
                if order != 0 { return descending ? order > 0 : order < 0 }
            }
            return (lhs["id"]?.int ?? 0) < (rhs["id"]?.int ?? 0)
        }
        let ids = sorted.compactMap { $0["id"]?.int }.dropFirst(max(0, offset))
        return Array(limit.map { ids.prefix(max(0, $0)) } ?? ids)
    }

    /// The records of `ids` with `fields` (all when empty), in the order of `ids`, as `read` returns them;
    /// many2one values are `[id, "name"]`, or the bare id with `load="_classic_write"`.
    func read(model: OdooModel, ids: [Int], fields: [String], uid: Int, classicWrite: Bool = false) throws(OdooFault)
        -> [JSONValue]
    {
        let names = fields.isEmpty ? model.fields.map(\.name) : fields
        for name in names where model.field(name) == nil {
            throw .valueError("Invalid field '\(name)' on model '\(model.name)'")
        }
        let missing = ids.filter { tables[model.name]?[$0] == nil }
        guard missing.isEmpty else { throw .missing(model: model.name, ids: missing, uid: uid) }
        return ids.map { id in
            let record = tables[model.name]![id]!
            var row: [String: JSONValue] = ["id": .int(id)]
            for name in names where name != "id" {
                let value = readValue(record, field: model.field(name)!, model: model)
                row[name] = classicWrite ? (value.array?.first ?? value) : value
            }
            return .object(row)
        }
    }

    /// `fields_get`: every field's description, limited to `attributes` when given.
    func fieldsGet(model: OdooModel, only: [String], attributes: [String]) -> JSONValue {
        var result: [String: JSONValue] = [:]
        for field in [model.field("id")!] + model.fields where only.isEmpty || only.contains(field.name) {
            var description = field.description
            if !attributes.isEmpty { description = description.filter { attributes.contains($0.key) } }
            result[field.name] = .object(description)
        }
        return .object(result)
    }

    private func readValue(_ record: [String: JSONValue], field: OdooField, model: OdooModel) -> JSONValue {
        let id = record["id"]?.int ?? 0
        switch field.name {
        case "display_name": return .string(displayName(model: model.name, id: id) ?? "")
        case "res_model" where model.name == "mail.activity":
            return record["res_model_id"]?.int.flatMap { tables["ir.model"]?[$0]?["model"] } ?? false
        case "res_name" where model.name == "mail.activity":
            guard let modelID = record["res_model_id"]?.int, let target = tables["ir.model"]?[modelID]?["model"]?.string,
                let resID = record["res_id"]?.int, let name = displayName(model: target, id: resID)
            else { return false }
            return .string(name)
        default: break
        }
        guard let value = record[field.name], value != .null else { return field.emptyValue }
        if field.kind == .many2one, let target = value.int, let relation = field.relation {
            return [.int(target), .string(displayName(model: relation, id: target) ?? "")]
        }
        return value
    }

    private func sortKeys(_ order: String, model: OdooModel) throws(OdooFault) -> [(String, Bool)] {
        try order.split(separator: ",").map { part throws(OdooFault) -> (String, Bool) in
            let words = part.split(separator: " ").map { String($0) }
            let name = words.first ?? ""
            let direction = words.count > 1 ? words[1].lowercased() : "asc"
            guard words.count <= 3, model.field(name) != nil || name == "complete_name", ["asc", "desc"].contains(direction)
            else {
                throw .valueError(
                    "Invalid \"order\" specified (\(order)). A valid \"order\" specification is a comma-separated "
                        + "list of valid field names (optionally followed by asc/desc for the direction)")
            }
            return (name == "complete_name" ? "display_name" : name, direction == "desc")
        }
    }

    private func sortValue(_ record: [String: JSONValue], field name: String, model: OdooModel) -> JSONValue? {
        guard let field = model.field(name) else { return nil }
        let value = readValue(record, field: field, model: model)
        if let pair = value.array, pair.count == 2 { return pair[1] }
        if value == .bool(false), field.kind != .boolean { return nil }
        return value
    }
}
