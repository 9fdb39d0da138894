/// Whether `/crm/health` reports a provider connected, the check that ends both OAuth probes.
enum CRMConnection {
    /// Passes when the provider is connected with a healthy status; "not connected" proves OAuth broken.
    static func check(_ provider: String, _ context: ProbeContext, after step: String) async throws -> ProbeOutcome {
        let path = context.workspacePath(context.target.paths.crmHealth, query: [("provider", provider)])
        let response = try await context.send(.GET, path)
        guard response.isSuccess else {
            return .fail(.httpStatus, "GET \(context.target.paths.crmHealth) for \(provider) answered \(response.status)")
        }
        guard let body = response.jsonObject else { return .fail(.badBody, "CRM health body for \(provider) is not a JSON object") }
        guard body["connected"] as? Bool == true else {
            return .brokenRelease("OAuth connect for \(provider) is broken: not connected after \(step)")
        }
        let status = (body["status"] as? String)?.lowercased()
        guard let status, context.target.crmHealthyWords.contains(status) else {
            return .fail(.check, "\(provider) is connected but its status is \(status.map { "\"\($0)\"" } ?? "missing")")
        }
        return .pass("\(provider) connected and \(status) after \(step)")
    }
}
