import FakeSupport

extension OdooDatabase {
    /// Checks every leaf's field path and value shape, as Odoo does before it builds the query.
    func validate(_ domain: OdooDomain, model: OdooModel) throws(OdooFault) {
        switch domain {
        case .always, .never: return
        case .not(let term): try validate(term, model: model)
        case .and(let lhs, let rhs), .or(let lhs, let rhs):
            try validate(lhs, model: model)
            try validate(rhs, model: model)
        case .leaf(let path, let op, let value):
            var current = model
            for (offset, name) in path.enumerated() {
                guard let field = current.field(name) else {
                    throw .valueError("Invalid field \(current.name).\(name) in leaf \(leafText(path, op, value))")
                }
                let last = offset == path.count - 1
                if !last || op == .any || op == .notAny {
                    guard field.kind == .many2one, let relation = field.relation, let next = OdooModel.named(relation)
                    else {
                        throw .valueError(
                            "Invalid field \(current.name).\(name) in leaf \(leafText(path, op, value))")
                    }
                    current = next
                }
            }
            if [.in, .notIn].contains(op), value.array == nil, value.object != nil {
                throw .valueError("Invalid value \(value.jsonText) for operator '\(op.rawValue)'")
            }
            if [.any, .notAny].contains(op) { try validate(try OdooDomain.parse(value), model: current) }
        }
    }

    /// Whether `record` of `model` satisfies the domain.
    func matches(_ record: [String: JSONValue], model: OdooModel, domain: OdooDomain) -> Bool {
        switch domain {
        case .always: return true
        case .never: return false
        case .not(let term): return !matches(record, model: model, domain: term)
        case .and(let lhs, let rhs):
            return matches(record, model: model, domain: lhs) && matches(record, model: model, domain: rhs)
        case .or(let lhs, let rhs):
            return matches(record, model: model, domain: lhs) || matches(record, model: model, domain: rhs)
        case .leaf(let path, let op, let value):
            guard let field = model.field(path[0]) else { return false }
            let stored = path[0] == "id" ? record["id"] : record[path[0]]
            if path.count > 1 || op == .any || op == .notAny {
                guard let relation = field.relation, let next = OdooModel.named(relation) else { return false }
                let target = stored?.int.flatMap { tables[relation]?[$0] }
                if op == .any || op == .notAny {
                    let sub = (try? OdooDomain.parse(value)) ?? .never
                    let found = target.map { matches($0, model: next, domain: sub) } ?? false
                    return op == .any ? found : !found
                }
                guard let target else { return op == .notEqual || op == .notIn || op == .notIlike || op == .notLike }
                return matches(target, model: next, domain: .leaf(path: Array(path.dropFirst()), op: op, value: value))
            }
            return compare(stored, field: field, model: model, op: op, value: value)
        }
    }

    private func compare(_ stored: JSONValue?, field: OdooField, model: OdooModel, op: OdooDomain.Operator, value: JSONValue)
        -> Bool
    {
        let isSet = stored.map(Self.isTruthy) ?? false || (stored?.number != nil && field.kind != .many2one)
        let text = field.kind == .many2one
            ? stored?.int.flatMap { displayName(model: field.relation ?? "", id: $0) } ?? ""
            : Self.text(stored)
        switch op {
        case .equal, .notEqual:
            let equal: Bool
            if value == .bool(false) || value == .null {
                equal = !isSet
            } else if field.kind == .many2one, let name = value.string {
                equal = isSet && text == name
            } else if field.kind == .boolean {
                equal = Self.isTruthy(stored ?? .bool(false)) == Self.isTruthy(value)
            } else {
                equal = isSet && Self.same(stored!, value)
            }
            return op == .equal ? equal : !equal
        case .equalOrUnset:
            return value == .bool(false) || value == .null
                || compare(stored, field: field, model: model, op: .equal, value: value)
        case .greater, .greaterEqual, .less, .lessEqual:
            guard isSet, let order = Self.order(stored!, value) else { return false }
            switch op {
            case .greater: return order > 0
            case .greaterEqual: return order >= 0
            case .less: return order < 0
            default: return order <= 0
            }
        case .like, .ilike, .notLike, .notIlike:
            let pattern = "%" + Self.text(value) + "%"
            let found = isSet && Self.like(text, pattern, ignoringCase: op == .ilike || op == .notIlike)
            return op == .like || op == .ilike ? found : !found
        case .equalLike, .equalIlike:
            return isSet && Self.like(text, Self.text(value), ignoringCase: op == .equalIlike)
        case .in, .notIn:
            let options = value.array ?? [value]
            let found = options.contains { option in
                option == .bool(false) || option == .null ? !isSet : isSet && Self.same(stored!, option)
            }
            return op == .in ? found : !found
        case .childOf, .parentOf:
            guard let id = stored?.int else { return false }
            let wanted = Set((value.array ?? [value]).compactMap(\.int))
            return op == .childOf
                ? ancestors(model: model.name, id: id).contains { wanted.contains($0) }
                : wanted.contains { ancestors(model: model.name, id: $0).contains(id) }
        case .any, .notAny:
            return false
        }
    }

    /// The record and its parents through `parent_id`, nearest first.
    func ancestors(model: String, id: Int) -> [Int] {
        var chain: [Int] = []
        var current: Int? = id
        while let next = current, !chain.contains(next), chain.count < 64 {
            chain.append(next)
            current = tables[model]?[next]?["parent_id"]?.int
        }
        return chain
    }

    /// Python truthiness: `False`, `None`, 0, "" and empty containers are false.
    static func isTruthy(_ value: JSONValue) -> Bool {
        switch value {
        case .null: false
        case .bool(let flag): flag
        case .number(let number): number != 0
        case .integer(let number): number != 0
        case .string(let text): !text.isEmpty
        case .array(let items): !items.isEmpty
        case .object(let members): !members.isEmpty
        }
    }

    static func text(_ value: JSONValue?) -> String {
        switch value {
        case .string(let text): text
        case .number(let number): JSONValue.numberText(number)
        case .integer(let number): String(number)
        case .bool(let flag): flag ? "True" : "False"
        default: ""
        }
    }

    static func same(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        if let left = lhs.number, let right = rhs.number { return left == right }
        if let right = rhs.array, right.count == 2, let id = right[0].int { return lhs.int == id }
        return lhs == rhs
    }

    /// -1, 0 or 1 for numbers or text; nil when they do not compare.
    static func order(_ lhs: JSONValue, _ rhs: JSONValue) -> Int? {
        if let left = lhs.number, let right = rhs.number { return left < right ? -1 : left > right ? 1 : 0 }
        if let left = lhs.string, let right = rhs.string { return left < right ? -1 : left > right ? 1 : 0 }
        if let left = lhs.bool, let right = rhs.bool { return left == right ? 0 : left ? 1 : -1 }
        return nil
    }

    /// SQL `LIKE`: `%` any run, `_` any one character, `\` escapes.
    static func like(_ text: String, _ pattern: String, ignoringCase: Bool) -> Bool {
        let subject = Array(ignoringCase ? text.lowercased() : text)
        let tokens = Array(ignoringCase ? pattern.lowercased() : pattern)
        var memo: [Int: Bool] = [:]
        func match(_ i: Int, _ j: Int) -> Bool {
            let key = i * (tokens.count + 1) + j
            if let known = memo[key] { return known }
            let result: Bool
            if j == tokens.count {
                result = i == subject.count
            } else if tokens[j] == "%" {
                result = match(i, j + 1) || (i < subject.count && match(i + 1, j))
            } else if tokens[j] == "\\", j + 1 < tokens.count {
                result = i < subject.count && subject[i] == tokens[j + 1] && match(i + 1, j + 2)
            } else {
                result = i < subject.count && (tokens[j] == "_" || subject[i] == tokens[j]) && match(i + 1, j + 1)
            }
            memo[key] = result
            return result
        }
        return match(0, 0)
    }

    private func leafText(_ path: [String], _ op: OdooDomain.Operator, _ value: JSONValue) -> String {
        "('\(path.joined(separator: "."))', '\(op.rawValue)', \(value.jsonText))"
    }
}
