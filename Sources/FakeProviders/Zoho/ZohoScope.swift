/// Whether granted OAuth scopes (`ZohoCRM.modules.leads.READ`, `ZohoCRM.settings.ALL`, …) allow a call.
struct ZohoScope: Sendable {
    /// The scope family, e.g. `modules`, `settings`, `users`, `org`, `notifications`.
    let family: String
    /// The resource within the family, e.g. `leads` or `fields`; nil for the family as a whole.
    let resource: String?
    /// The operation: `READ`, `CREATE`, `UPDATE` or `DELETE`.
    let operation: String

    /// True when one of `granted` covers this call.
    func isAllowed(by granted: [String]) -> Bool {
        granted.contains { scope in
            let parts = scope.split(separator: ".").map(String.init)
            guard parts.count >= 3, parts[0].lowercased() == "zohocrm", parts[1].lowercased() == family else {
                return false
            }
            let operationPart = parts[parts.count - 1].uppercased()
            guard operationPart == "ALL" || operationPart == operation else { return false }
            if parts.count == 3 { return true }
            guard let resource else { return false }
            return parts[2].lowercased() == resource.lowercased()
        }
    }

    /// The operation a method stands for.
    static func operation(for method: String) -> String {
        switch method {
        case "GET": "READ"
        case "POST": "CREATE"
        case "PUT", "PATCH": "UPDATE"
        case "DELETE": "DELETE"
        default: "READ"
        }
    }
}
