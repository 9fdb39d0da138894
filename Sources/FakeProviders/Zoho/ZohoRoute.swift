/// Which CRM API operation a `/crm/vN/…` path and method name.
enum ZohoRoute: Sendable, Equatable {
    case currentUser, org, fields, modules, watch
    case records(String), upsert(String), search(String), record(String, id: String)

    /// The route for a path, or nil when Zoho would answer `INVALID_URL_PATTERN`.
    init?(path: String) {
        let parts = path.split(separator: "/").map(String.init)
        guard parts.count >= 3, parts[0] == "crm", parts[1].count == 2, parts[1].first == "v",
            let version = Int(parts[1].dropFirst()), (2...8).contains(version)
        else { return nil }
        let rest = Array(parts.dropFirst(2))
        switch rest.count {
        case 1 where rest[0] == "users": self = .currentUser
        case 1 where rest[0] == "org": self = .org
        case 1: self = .records(rest[0])
        case 2 where rest == ["settings", "fields"]: self = .fields
        case 2 where rest == ["settings", "modules"]: self = .modules
        case 2 where rest == ["actions", "watch"]: self = .watch
        case 2 where rest[1] == "upsert": self = .upsert(rest[0])
        case 2 where rest[1] == "search": self = .search(rest[0])
        case 2 where !rest[1].isEmpty && rest[1].allSatisfy(\.isNumber): self = .record(rest[0], id: rest[1])
        default: return nil
        }
    }

    /// The methods the route answers.
    var methods: Set<String> {
        switch self {
        case .currentUser, .org, .fields, .modules, .search: ["GET"]
        case .watch: ["GET", "POST", "PUT", "PATCH", "DELETE"]
        case .records: ["GET", "POST", "PUT", "DELETE"]
        case .upsert: ["POST"]
        case .record: ["GET", "PUT", "DELETE"]
        }
    }

    /// The OAuth scope a call needs.
    func scope(method: String) -> ZohoScope {
        let operation = ZohoScope.operation(for: method)
        switch self {
        case .currentUser: return ZohoScope(family: "users", resource: nil, operation: "READ")
        case .org: return ZohoScope(family: "org", resource: nil, operation: "READ")
        case .fields: return ZohoScope(family: "settings", resource: "fields", operation: "READ")
        case .modules: return ZohoScope(family: "settings", resource: "modules", operation: "READ")
        case .watch: return ZohoScope(family: "notifications", resource: nil, operation: operation)
        case .upsert(let module): return ZohoScope(family: "modules", resource: module, operation: "CREATE")
        case .search(let module): return ZohoScope(family: "modules", resource: module, operation: "READ")
        case .records(let module), .record(let module, _):
            return ZohoScope(family: "modules", resource: module, operation: operation)
        }
    }
}
