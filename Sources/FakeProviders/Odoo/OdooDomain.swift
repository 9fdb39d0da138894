import FakeSupport

/// A search domain in Odoo's prefix notation: `["|", ["email", "=", "a@b.com"], ["phone", "=", "1"]]`.
///
/// `&` joins the next two terms (and is implied between consecutive terms), `|` is or, `!` negates the next
/// term. A leaf is `[path, operator, value]`, where the path may follow many2one fields (`partner_id.email`).
indirect enum OdooDomain: Sendable, Equatable {
    case leaf(path: [String], op: Operator, value: JSONValue)
    case and(OdooDomain, OdooDomain)
    case or(OdooDomain, OdooDomain)
    case not(OdooDomain)
    /// The empty domain and Odoo's `(1, '=', 1)`.
    case always
    /// Odoo's `(0, '=', 1)`.
    case never

    /// The leaf operators the fake evaluates.
    enum Operator: String, Sendable, CaseIterable {
        case equal = "=", notEqual = "!=", greater = ">", greaterEqual = ">=", less = "<", lessEqual = "<="
        case equalOrUnset = "=?", like, notLike = "not like", ilike, notIlike = "not ilike"
        case equalLike = "=like", equalIlike = "=ilike", `in`, notIn = "not in", childOf = "child_of"
        case parentOf = "parent_of", any, notAny = "not any"
    }

    /// Parses a domain value, throwing Odoo's `ValueError` text when it is not well formed.
    static func parse(_ value: JSONValue) throws(OdooFault) -> OdooDomain {
        guard let items = value.array else {
            if value == .bool(false) || value == .null { return .always }
            throw .valueError("Invalid domain: \(value.jsonText)")
        }
        var stack: [OdooDomain] = []
        for item in items.reversed() {
            if let symbol = item.string {
                switch symbol {
                case "!":
                    guard let term = stack.popLast() else { throw malformed(value) }
                    stack.append(.not(term))
                case "&", "|":
                    guard let first = stack.popLast(), let second = stack.popLast() else { throw malformed(value) }
                    stack.append(symbol == "&" ? .and(first, second) : .or(first, second))
                default:
                    throw .valueError("Invalid domain term \(item.jsonText) in \(value.jsonText)")
                }
            } else {
                stack.append(try leaf(item, in: value))
            }
        }
        guard var result = stack.popLast() else { return .always }
        while let next = stack.popLast() { result = .and(result, next) }
        return result
    }

    private static func leaf(_ item: JSONValue, in domain: JSONValue) throws(OdooFault) -> OdooDomain {
        guard let parts = item.array, parts.count == 3 else {
            throw .valueError("Invalid domain term \(item.jsonText) in \(domain.jsonText)")
        }
        if let left = parts[0].int, parts[1].string == "=", let right = parts[2].int, [0, 1].contains(left),
            right == 1
        {
            return left == 1 ? .always : .never
        }
        guard let path = parts[0].string, !path.isEmpty else {
            throw .valueError("Invalid field \(parts[0].jsonText) in leaf \(item.jsonText)")
        }
        guard let name = parts[1].string, let op = Operator(rawValue: name.lowercased()) else {
            throw .valueError("Invalid operator \(parts[1].jsonText) in leaf \(item.jsonText)")
        }
        return .leaf(path: path.split(separator: ".", omittingEmptySubsequences: false).map(String.init), op: op, value: parts[2])
    }

    private static func malformed(_ domain: JSONValue) -> OdooFault {
        .valueError("Domain \(domain.jsonText) is syntactically not correct.")
    }

    /// Whether the domain mentions `field` at the top of a path (used for the implicit `active = True`).
    func mentions(_ field: String) -> Bool {
        switch self {
        case .leaf(let path, _, _): path.first == field
        case .and(let lhs, let rhs), .or(let lhs, let rhs): lhs.mentions(field) || rhs.mentions(field)
        case .not(let term): term.mentions(field)
        case .always, .never: false
        }
    }
}
