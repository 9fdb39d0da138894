import FakeSupport
import Foundation

extension ZohoCriteria {
    /// Checks fields and operators against the module, as Zoho does before searching.
    func validate(in module: ZohoModule) throws(ZohoError) {
        switch self {
        case .and(let parts), .or(let parts):
            for part in parts { try part.validate(in: module) }
        case .condition(let field, let op, _):
            let kind: ZohoField.Kind
            if field == "id" {
                kind = .bigint
            } else if let known = module.field(field) {
                kind = known.kind
            } else {
                throw ZohoError.invalidQuery(
                    "the field is not available in the module", details: ["api_name": .string(field)])
            }
            let ordered: Set<Operator> = [.greaterThan, .greaterEqual, .lessThan, .lessEqual, .between]
            let orderable: Set<ZohoField.Kind> = [.integer, .bigint, .datetime]
            if ordered.contains(op), !orderable.contains(kind) {
                throw ZohoError.invalidQuery(
                    "invalid operator found", details: ["api_name": .string(field), "operator": .string(op.rawValue)])
            }
            if op == .startsWith, [.integer, .bigint, .boolean, .datetime].contains(kind) {
                throw ZohoError.invalidQuery(
                    "invalid operator found", details: ["api_name": .string(field), "operator": .string(op.rawValue)])
            }
        }
    }

    /// Whether a stored record satisfies the criteria; text compares without regard to case.
    func matches(_ record: [String: JSONValue]) -> Bool {
        switch self {
        case .and(let parts): return parts.allSatisfy { $0.matches(record) }
        case .or(let parts): return parts.contains { $0.matches(record) }
        case .condition(let field, let op, let values):
            let actual = Self.comparable(record[field])
            let wanted = values.map { $0 == "${EMPTY}" ? "" : $0.lowercased() }
            switch op {
            case .equals: return wanted.contains(actual)
            case .notEqual: return !wanted.contains(actual)
            case .in: return wanted.contains(actual)
            case .notIn: return !wanted.contains(actual)
            case .startsWith: return !actual.isEmpty && actual.hasPrefix(wanted.first ?? "")
            case .greaterThan: return !actual.isEmpty && Self.compare(actual, wanted[0]) == .orderedDescending
            case .greaterEqual: return !actual.isEmpty && Self.compare(actual, wanted[0]) != .orderedAscending
            case .lessThan: return !actual.isEmpty && Self.compare(actual, wanted[0]) == .orderedAscending
            case .lessEqual: return !actual.isEmpty && Self.compare(actual, wanted[0]) != .orderedDescending
            case .between:
                return !actual.isEmpty && Self.compare(actual, wanted[0]) != .orderedAscending
                    && Self.compare(actual, wanted[1]) != .orderedDescending
            }
        }
    }

    /// A stored value as lower-cased text: lookups by their id, empty for null.
    static func comparable(_ value: JSONValue?) -> String {
        switch value {
        case .string(let text): text.lowercased()
        case .number(let number): JSONValue.numberText(number)
        case .integer(let number): String(number)
        case .bool(let flag): flag ? "true" : "false"
        case .object(let members): members["id"]?.string ?? ""
        default: ""
        }
    }

    /// Numbers compare numerically, datetimes chronologically, other text lexically.
    static func compare(_ lhs: String, _ rhs: String) -> ComparisonResult {
        if let left = Double(lhs), let right = Double(rhs) {
            return left < right ? .orderedAscending : left > right ? .orderedDescending : .orderedSame
        }
        if let left = ZohoClock.parse(lhs), let right = ZohoClock.parse(rhs) {
            return left < right ? .orderedAscending : left > right ? .orderedDescending : .orderedSame
        }
        return lhs.compare(rhs)
    }
}
