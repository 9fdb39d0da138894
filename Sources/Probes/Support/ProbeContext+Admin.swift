extension ProbeContext {
    /// Headers for `/crm/admin/*` calls: `Authorization: Bearer …` when the plan names an admin secret.
    /// - Throws: ``ProbeFailure`` when the plan names one that the environment does not provide.
    public func adminHeaders() throws -> [(String, String)] {
        guard let name = target.adminAuthSecret else { return [] }
        guard let secret = secrets[name] else {
            throw ProbeFailure.unverified("\(name) is not set (admin routes)")
        }
        return [("Authorization", "Bearer \(secret.unredacted())")]
    }

    /// A backend path with `{placeholder}`s filled in and the workspace id (plus `query`) appended.
    public func workspacePath(
        _ template: String, _ replacements: [String: String] = [:], query: [(String, String)] = []
    ) -> String {
        var path = template
        for (key, value) in replacements { path = path.replacingOccurrences(of: "{\(key)}", with: value) }
        return QueryString.append(query + [("workspace_id", target.workspaceID)], to: path)
    }
}
