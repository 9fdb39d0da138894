import FakeSupport

extension OdooDatabase {
    /// Runs one ORM method as `execute_kw` does: positional `args` and keyword `kwargs`.
    mutating func call(model name: String, method: String, args: [JSONValue], kwargs: [String: JSONValue], uid: Int)
        throws(OdooFault) -> JSONValue
    {
        guard let model = OdooModel.named(name) else { throw .userError("Object \(name) doesn't exist") }
        if method.hasPrefix("_") {
            throw .accessError("Private methods (such as \(model.name).\(method)) cannot be called remotely.")
        }
        let arguments = OdooArguments(args: args, kwargs: kwargs)
        switch method {
        case "create":
            try requireWritable(model, "create")
            let vals = try arguments.value(0, "vals_list", or: "vals")
            if let list = vals.array {
                var ids: [JSONValue] = []
                for item in list { ids.append(.int(try create(model: model, vals: item, uid: uid))) }
                return .array(ids)
            }
            return .int(try create(model: model, vals: vals, uid: uid))
        case "write":
            try requireWritable(model, "write")
            try write(model: model, ids: try arguments.ids(0), vals: try arguments.value(1, "vals"), uid: uid)
            return true
        case "unlink":
            try requireWritable(model, "unlink")
            try unlink(model: model, ids: try arguments.ids(0), uid: uid)
            return true
        case "read":
            return .array(
                try read(
                    model: model, ids: try arguments.ids(0), fields: try arguments.strings(1, "fields"), uid: uid,
                    classicWrite: kwargs["load"]?.string == "_classic_write"))
        case "search":
            let ids = try search(
                model: model, domain: try arguments.domain(0), offset: try arguments.int(1, "offset") ?? 0,
                limit: try arguments.int(2, "limit"), order: try arguments.string(3, "order"))
            if let count = arguments.optional(4, "count"), Self.isTruthy(count) { return .int(ids.count) }
            return .array(ids.map { .int($0) })
        case "search_count":
            let ids = try search(
                model: model, domain: try arguments.domain(0), offset: 0, limit: try arguments.int(1, "limit"),
                order: nil)
            return .int(ids.count)
        case "search_read":
            let ids = try search(
                model: model, domain: try arguments.domain(0), offset: try arguments.int(2, "offset") ?? 0,
                limit: try arguments.int(3, "limit"), order: try arguments.string(4, "order"))
            return .array(
                try read(
                    model: model, ids: ids, fields: try arguments.strings(1, "fields"), uid: uid,
                    classicWrite: kwargs["load"]?.string == "_classic_write"))
        case "fields_get":
            return fieldsGet(
                model: model, only: try arguments.strings(0, "allfields"), attributes: try arguments.strings(1, "attributes"))
        case "name_search":
            return try nameSearch(
                model: model, name: try arguments.string(0, "name") ?? "", domain: try arguments.domain(1),
                operatorName: try arguments.string(2, "operator") ?? "ilike", limit: try arguments.int(3, "limit") ?? 100)
        case "name_get", "read_display_name":
            return .array(try arguments.ids(0).map { id in [.int(id), .string(displayName(model: model.name, id: id) ?? "")] })
        case "message_post":
            let ids = try arguments.ids(0)
            guard ids.count == 1 else { throw .valueError("Expected singleton: \(model.name)(\(ids.map(String.init).joined(separator: ", ")))") }
            return .int(try messagePost(model: model, id: ids[0], kwargs: kwargs, uid: uid))
        case "context_get" where model.name == "res.users":
            let user = tables["res.users"]?[uid]
            return ["lang": user?["lang"] ?? "en_US", "tz": user?["tz"] ?? "Europe/Brussels", "uid": .int(uid)]
        default:
            throw OdooFault(
                kind: .application, name: "builtins.AttributeError",
                message: "The method '\(method)' does not exist on the model '\(model.name)'")
        }
    }

    private func requireWritable(_ model: OdooModel, _ operation: String) throws(OdooFault) {
        guard model.writable else {
            throw .accessError(
                "You are not allowed to \(operation == "unlink" ? "delete" : operation == "write" ? "modify" : operation) "
                    + "'\(model.description)' (\(model.name)) records.")
        }
    }
}

/// The positional and keyword arguments of one ORM call, read as Odoo's method signatures read them.
struct OdooArguments: Sendable {
    let args: [JSONValue]
    let kwargs: [String: JSONValue]

    /// The argument at `position`, or the keyword `name` (or `alternative`), when given.
    func optional(_ position: Int, _ name: String, or alternative: String? = nil) -> JSONValue? {
        if position < args.count { return args[position] }
        return kwargs[name] ?? alternative.flatMap { kwargs[$0] }
    }

    func value(_ position: Int, _ name: String, or alternative: String? = nil) throws(OdooFault) -> JSONValue {
        guard let value = optional(position, name, or: alternative) else {
            throw .typeError("missing 1 required positional argument: '\(name)'")
        }
        return value
    }

    /// Record ids: a list of ints or a single int.
    func ids(_ position: Int) throws(OdooFault) -> [Int] {
        let value = try value(position, "ids")
        if let id = value.int { return [id] }
        guard let list = value.array else { throw .typeError("ids must be a list of integers, not \(value.jsonText)") }
        var ids: [Int] = []
        for item in list {
            guard let id = item.int else { throw .typeError("ids must be a list of integers, not \(value.jsonText)") }
            ids.append(id)
        }
        return ids
    }

    func domain(_ position: Int) throws(OdooFault) -> OdooDomain {
        try OdooDomain.parse(optional(position, "domain", or: "args") ?? .array([]))
    }

    func int(_ position: Int, _ name: String) throws(OdooFault) -> Int? {
        guard let value = optional(position, name), value != .bool(false), value != .null else { return nil }
        guard let number = value.int else { throw .typeError("'\(name)' must be an integer, not \(value.jsonText)") }
        return number
    }

    func string(_ position: Int, _ name: String) throws(OdooFault) -> String? {
        guard let value = optional(position, name), value != .bool(false), value != .null else { return nil }
        guard let text = value.string else { throw .typeError("'\(name)' must be a string, not \(value.jsonText)") }
        return text
    }

    func strings(_ position: Int, _ name: String) throws(OdooFault) -> [String] {
        guard let value = optional(position, name), value != .bool(false), value != .null else { return [] }
        guard let list = value.array, list.allSatisfy({ $0.string != nil }) else {
            throw .typeError("'\(name)' must be a list of field names, not \(value.jsonText)")
        }
        return list.compactMap(\.string)
    }
}
