import FakeSupport

extension OdooDatabase {
    /// Creates one record from `vals` and returns its id.
    mutating func create(model: OdooModel, vals: JSONValue, uid: Int) throws(OdooFault) -> Int {
        guard let members = vals.object else {
            throw .typeError("create() argument must be a dict or a list of dicts, not \(vals.jsonText)")
        }
        var record = try normalize(members, model: model)
        for (name, value) in defaults(model: model, uid: uid) where record[name] == nil { record[name] = value }
        try checkRequired(record, model: model)
        let id = nextIDs[model.name, default: 1]
        nextIDs[model.name] = id + 1
        let now = Self.timestamp()
        record["id"] = .int(id)
        record["create_date"] = .string(now)
        record["write_date"] = .string(now)
        record["create_uid"] = .int(uid)
        record["write_uid"] = .int(uid)
        tables[model.name, default: [:]][id] = record
        return id
    }

    /// Writes `vals` on every record of `ids`.
    mutating func write(model: OdooModel, ids: [Int], vals: JSONValue, uid: Int) throws(OdooFault) {
        guard let members = vals.object else { throw .typeError("write() values must be a dict") }
        let missing = ids.filter { tables[model.name]?[$0] == nil }
        guard missing.isEmpty else { throw .missing(model: model.name, ids: missing, uid: uid) }
        let changes = try normalize(members, model: model)
        for id in ids {
            var record = tables[model.name]![id]!
            for (name, value) in changes { record[name] = value == .null ? nil : value }
            try checkRequired(record, model: model)
            record["write_date"] = .string(Self.timestamp())
            record["write_uid"] = .int(uid)
            tables[model.name]![id] = record
        }
    }

    /// Deletes the records of `ids`.
    mutating func unlink(model: OdooModel, ids: [Int], uid: Int) throws(OdooFault) {
        let missing = ids.filter { tables[model.name]?[$0] == nil }
        guard missing.isEmpty else { throw .missing(model: model.name, ids: missing, uid: uid) }
        for id in ids { tables[model.name]![id] = nil }
    }

    /// Posts a message on a record and returns the message id.
    mutating func messagePost(model: OdooModel, id: Int, kwargs: [String: JSONValue], uid: Int) throws(OdooFault) -> Int {
        guard model.isThread else {
            throw .valueError("The method 'message_post' does not exist on the model '\(model.name)'")
        }
        guard tables[model.name]?[id] != nil else { throw .missing(model: model.name, ids: [id], uid: uid) }
        let messageID = messages.count + 1
        messages.append([
            "id": .int(messageID), "model": .string(model.name), "res_id": .int(id),
            "body": kwargs["body"] ?? "", "message_type": kwargs["message_type"] ?? "notification",
            "subtype_xmlid": kwargs["subtype_xmlid"] ?? "mail.mt_note", "author_id": .int(3),
            "date": .string(Self.timestamp()),
        ])
        return messageID
    }

    /// The stored form of `vals`: known, writable fields only, with each value checked against its type.
    private func normalize(_ vals: [String: JSONValue], model: OdooModel) throws(OdooFault) -> [String: JSONValue] {
        var clean: [String: JSONValue] = [:]
        for (name, value) in vals {
            guard let field = model.field(name), name != "id", !field.computed,
                !["create_date", "write_date", "create_uid", "write_uid"].contains(name)
            else { continue }
            clean[name] = try convert(value, field: field, model: model)
        }
        if model.name == "mail.activity", let modelID = clean["res_model_id"]?.int, let resID = clean["res_id"]?.int {
            let target = tables["ir.model"]?[modelID]?["model"]?.string ?? ""
            guard tables[target]?[resID] != nil else {
                throw .validation("The activity's document \(target)(\(resID),) does not exist.")
            }
        }
        return clean
    }

    private func convert(_ value: JSONValue, field: OdooField, model: OdooModel) throws(OdooFault) -> JSONValue {
        if value == .bool(false) || value == .null {
            return field.kind == .boolean ? .bool(false) : .null
        }
        switch field.kind {
        case .char, .text, .html:
            if value.string != nil { return value }
            if let number = value.number { return .string(JSONValue.numberText(number)) }
            if value == .bool(true) { return "True" }
            throw .valueError("Wrong value for \(model.name).\(field.name): \(value.jsonText)")
        case .selection:
            guard let text = value.string, field.selection.contains(where: { $0.0 == text }) else {
                throw .valueError("Wrong value for \(model.name).\(field.name): \(value.jsonText)")
            }
            return value
        case .integer, .many2oneReference:
            guard let number = value.number else {
                throw .valueError("invalid literal for int() with base 10: \(value.jsonText)")
            }
            return .int(Int(number))
        case .float, .monetary:
            guard let number = value.number else { throw .valueError("could not convert string to float: \(value.jsonText)") }
            return .number(number)
        case .boolean:
            return .bool(Self.isTruthy(value))
        case .date, .datetime:
            guard let text = value.string, Self.isDate(text, withTime: field.kind == .datetime) else {
                let format = field.kind == .date ? "%Y-%m-%d" : "%Y-%m-%d %H:%M:%S"
                throw .valueError("time data \(value.jsonText) does not match format '\(format)'")
            }
            return .string(field.kind == .date ? String(text.prefix(10)) : text)
        case .many2one:
            let id = value.int ?? value.array?.first?.int
            guard let id, let relation = field.relation else {
                throw .valueError("Wrong value for \(model.name).\(field.name): \(value.jsonText)")
            }
            guard exists(model: relation, id: id) else {
                throw .validation(
                    "The operation cannot be completed: the record \(relation)(\(id),) set on \(field.string) "
                        + "(\(model.name).\(field.name)) does not exist.")
            }
            return .int(id)
        }
    }

    private func checkRequired(_ record: [String: JSONValue], model: OdooModel) throws(OdooFault) {
        for field in model.fields where field.required && !field.computed {
            guard let value = record[field.name], Self.isTruthy(value) || value.number != nil else {
                throw .validation(
                    "The operation cannot be completed: Create/update: a mandatory field is not set.\n"
                        + "Delete: another model requires the record being deleted. If possible, archive it instead.\n\n"
                        + "Model: \(model.description) (\(model.name))\nField: \(field.string) (\(field.name))")
            }
        }
        if model.name == "res.partner", record["type"]?.string == "contact",
            !Self.isTruthy(record["name"] ?? .null)
        {
            throw .validation("Contacts require a name")
        }
    }

    private func defaults(model: OdooModel, uid: Int) -> [String: JSONValue] {
        switch model.name {
        case "res.partner": ["active": true, "type": "contact", "is_company": false]
        case "crm.lead":
            [
                "active": true, "type": "lead", "stage_id": 1, "team_id": 1, "user_id": .int(uid), "probability": 10.0,
                "priority": "0",
            ]
        case "mail.activity": ["activity_type_id": 4, "user_id": .int(uid)]
        default: [:]
        }
    }

    private static func isDate(_ text: String, withTime: Bool) -> Bool {
        let characters = Array(text)
        guard characters.count >= 10, characters[4] == "-", characters[7] == "-" else { return false }
        let digits = [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy { characters[$0].isNumber }
        guard digits, let month = Int(String(characters[5...6])), (1...12).contains(month),
            let day = Int(String(characters[8...9])), (1...31).contains(day)
        else { return false }
        if !withTime { return characters.count == 10 || characters.count == 19 }
        return characters.count == 10 || (characters.count == 19 && characters[10] == " " && characters[13] == ":")
    }
}
