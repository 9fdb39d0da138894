import FakeSupport

/// A CRM search request: filter groups (ORed) of filters (ANDed), an optional query, one sort, paging.
struct HubSpotSearch: Sendable {
    struct Filter: Sendable {
        let propertyName: String
        let op: String
        let value: String?
        let values: [String]
        let highValue: String?
    }

    static let operators: Set<String> = [
        "EQ", "NEQ", "LT", "LTE", "GT", "GTE", "BETWEEN", "IN", "NOT_IN", "HAS_PROPERTY", "NOT_HAS_PROPERTY",
        "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN",
    ]
    static let maxGroups = 5
    static let maxFiltersPerGroup = 6
    static let maxFilters = 18
    static let maxLimit = 200
    static let maxResults = 10_000

    var groups: [[Filter]] = []
    var query: String?
    var sort: (property: String, descending: Bool)?
    var properties: [String]?
    var limit = 10
    var offset = 0

    /// Reads and checks a request body against HubSpot's limits.
    init(_ body: JSONValue) throws(HubSpotError) {
        guard body.object != nil else { throw HubSpotError.validation("The search body must be an object.") }
        let groups = body["filterGroups"]?.array ?? []
        guard groups.count <= Self.maxGroups else {
            throw HubSpotError.validation("Too many filter groups: \(groups.count). The maximum is \(Self.maxGroups).")
        }
        var total = 0
        for group in groups {
            let filters = group["filters"]?.array ?? []
            guard filters.count <= Self.maxFiltersPerGroup else {
                throw HubSpotError.validation(
                    "Too many filters in a group: \(filters.count). The maximum is \(Self.maxFiltersPerGroup).")
            }
            total += filters.count
            self.groups.append(try filters.map(Self.filter))
        }
        guard total <= Self.maxFilters else {
            throw HubSpotError.validation("Too many filters: \(total). The maximum is \(Self.maxFilters) in all groups.")
        }
        query = body["query"]?.string.flatMap { $0.isEmpty ? nil : $0 }
        let sorts = body["sorts"]?.array ?? []
        guard sorts.count <= 1 else { throw HubSpotError.validation("Only one sort is allowed.") }
        if let sort = sorts.first {
            if let text = sort.string {
                self.sort = text.hasPrefix("-") ? (String(text.dropFirst()), true) : (text, false)
            } else if let name = sort["propertyName"]?.string {
                let direction = sort["direction"]?.string ?? "ASCENDING"
                guard direction == "ASCENDING" || direction == "DESCENDING" else {
                    throw HubSpotError.validation("direction must be ASCENDING or DESCENDING.")
                }
                self.sort = (name, direction == "DESCENDING")
            } else {
                throw HubSpotError.validation("A sort is a property name or {\"propertyName\", \"direction\"}.")
            }
        }
        properties = body["properties"]?.array?.compactMap(\.string)
        if let limit = body["limit"] {
            guard let value = limit.int ?? limit.string.flatMap(Int.init), value >= 0, value <= Self.maxLimit else {
                throw HubSpotError.validation("limit must be a number from 0 to \(Self.maxLimit).")
            }
            self.limit = value
        }
        if let after = body["after"], after != .null {
            guard let value = after.string.flatMap(Int.init) ?? after.int, value >= 0 else {
                throw HubSpotError.validation("after must be a paging cursor from an earlier answer.")
            }
            offset = value
        }
        guard offset + limit <= Self.maxResults else {
            throw HubSpotError.validation("Search can page through at most \(Self.maxResults) results.")
        }
    }

    private static func filter(_ json: JSONValue) throws(HubSpotError) -> Filter {
        guard let name = json["propertyName"]?.string, let op = json["operator"]?.string else {
            throw HubSpotError.validation("Each filter needs propertyName and operator.")
        }
        guard operators.contains(op) else {
            throw HubSpotError.validation(
                "Unknown operator \(op). Use one of " + operators.sorted().joined(separator: ", ") + ".")
        }
        let filter = Filter(
            propertyName: name, op: op, value: json["value"].flatMap(text),
            values: json["values"]?.array?.compactMap(text) ?? [], highValue: json["highValue"].flatMap(text))
        switch op {
        case "EQ", "NEQ", "LT", "LTE", "GT", "GTE", "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN":
            guard filter.value != nil else { throw HubSpotError.validation("The \(op) filter on \(name) needs a value.") }
        case "BETWEEN":
            guard filter.value != nil, filter.highValue != nil else {
                throw HubSpotError.validation("The BETWEEN filter on \(name) needs value and highValue.")
            }
        case "IN", "NOT_IN":
            guard !filter.values.isEmpty else { throw HubSpotError.validation("The \(op) filter on \(name) needs values.") }
        default: break
        }
        return filter
    }

    private static func text(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): text
        case .number(let number): JSONValue.numberText(number)
        case .integer(let number): String(number)
        case .bool(let flag): flag ? "true" : "false"
        default: nil
        }
    }

    /// Whether an object matches the groups and the query.
    func matches(_ object: HubSpotObject) -> Bool {
        if let query, !Self.queryMatches(query, object) { return false }
        guard !groups.isEmpty else { return true }
        return groups.contains { group in group.allSatisfy { Self.matches($0, object.properties[$0.propertyName]) } }
    }

    /// Orders results by the sort, or by id.
    func sorted(_ objects: [HubSpotObject]) -> [HubSpotObject] {
        guard let sort else { return objects.sorted { $0.id < $1.id } }
        return objects.sorted { left, right in
            let a = left.properties[sort.property] ?? ""
            let b = right.properties[sort.property] ?? ""
            if a.isEmpty != b.isEmpty { return !a.isEmpty }
            let order = Self.compare(a, b)
            if order == 0 { return left.id < right.id }
            return sort.descending ? order > 0 : order < 0
        }
    }

    private static func matches(_ filter: Filter, _ actual: String?) -> Bool {
        let present = !(actual ?? "").isEmpty
        let value = actual ?? ""
        switch filter.op {
        case "HAS_PROPERTY": return present
        case "NOT_HAS_PROPERTY": return !present
        case "EQ": return present && compare(value, filter.value!) == 0
        case "NEQ": return !present || compare(value, filter.value!) != 0
        case "LT": return present && compare(value, filter.value!) < 0
        case "LTE": return present && compare(value, filter.value!) <= 0
        case "GT": return present && compare(value, filter.value!) > 0
        case "GTE": return present && compare(value, filter.value!) >= 0
        case "BETWEEN":
            return present && compare(value, filter.value!) >= 0 && compare(value, filter.highValue!) <= 0
        case "IN": return present && filter.values.contains { compare(value, $0) == 0 }
        case "NOT_IN": return !present || !filter.values.contains { compare(value, $0) == 0 }
        case "CONTAINS_TOKEN": return present && containsToken(value, filter.value!)
        case "NOT_CONTAINS_TOKEN": return !present || !containsToken(value, filter.value!)
        default: return false
        }
    }

    /// -1, 0 or 1: as numbers when both are, as times when either is a date, else as text ignoring ASCII case.
    static func compare(_ value: String, _ other: String) -> Int {
        if let a = Double(value), let b = Double(other) { return a < b ? -1 : (a > b ? 1 : 0) }
        if isDateLike(value) || isDateLike(other),
            let a = HubSpotTimestamp.milliseconds(value), let b = HubSpotTimestamp.milliseconds(other)
        {
            return a < b ? -1 : (a > b ? 1 : 0)
        }
        var left = value.utf8.makeIterator()
        var right = other.utf8.makeIterator()
        while true {
            switch (left.next().map(lowered), right.next().map(lowered)) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let a?, let b?) where a != b: return a < b ? -1 : 1
            default: continue
            }
        }
    }

    private static func lowered(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    /// `2025-05-01…`: four digits and a dash.
    private static func isDateLike(_ text: String) -> Bool {
        let bytes = text.utf8
        guard bytes.count >= 10 else { return false }
        var index = bytes.startIndex
        for _ in 0..<4 {
            guard bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9") else { return false }
            index = bytes.index(after: index)
        }
        return bytes[index] == UInt8(ascii: "-")
    }

    /// Token match; `*` in the value is a wildcard over the whole value (`*@example.com`).
    static func containsToken(_ value: String, _ token: String) -> Bool {
        let value = value.lowercased()
        let token = token.lowercased()
        if token.contains("*") { return wildcard(Array(token.utf8)[...], Array(value.utf8)[...]) }
        if value == token { return true }
        let tokens = Set(tokenize(value))
        return tokenize(token).allSatisfy(tokens.contains)
    }

    private static func tokenize(_ text: String) -> [String] {
        text.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
    }

    private static func wildcard(_ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
        guard let head = pattern.first else { return text.isEmpty }
        if head == UInt8(ascii: "*") {
            var rest = text
            while true {
                if wildcard(pattern.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        }
        guard let first = text.first, first == head else { return false }
        return wildcard(pattern.dropFirst(), text.dropFirst())
    }

    private static func queryMatches(_ query: String, _ object: HubSpotObject) -> Bool {
        let words = tokenize(query.lowercased())
        guard !words.isEmpty else { return true }
        let tokens = object.properties.values.flatMap { tokenize($0.lowercased()) }
        return words.allSatisfy { word in tokens.contains { $0.hasPrefix(word) } }
    }
}
