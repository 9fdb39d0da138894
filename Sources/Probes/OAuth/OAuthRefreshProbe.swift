/// `oauth.refresh`: the backend refreshes a provider's token and stays connected.
public struct OAuthRefreshProbe: Probe {
    public let id = "oauth.refresh"
    public let provider: String?

    /// A probe for `hubspot` or `zoho`.
    public init(provider: String) { self.provider = provider }

    public func run(in context: ProbeContext) async throws -> ProbeOutcome {
        let provider = self.provider ?? ""
        return try await probeAttempt {
            let path = context.workspacePath(context.target.paths.oauthRefresh, ["provider": provider])
            let response = try await context.send(.POST, path)
            if response.status == 409 { return .fail(.check, "\(provider) is not connected, so there is nothing to refresh") }
            guard response.isSuccess else { return .fail(.httpStatus, "refreshing \(provider) answered \(response.status)") }
            guard response.jsonObject?["refreshed"] as? Bool == true else {
                return .fail(.check, "refreshing \(provider) did not report \"refreshed\": true")
            }
            return try await CRMConnection.check(provider, context, after: "the refresh")
        }
    }
}
