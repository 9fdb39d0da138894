import NIOCore

/// Fetches a new access token with OAuth's refresh-token grant and keeps it for the rest of the run.
enum TokenRefresher {
    /// Refreshes `provider`'s token; the new one is in `context.secrets.refreshed` afterwards.
    /// - Throws: ``ProbeFailure`` (`check`) when a secret is missing or the token endpoint refuses.
    static func refresh(_ refresh: TokenRefresh, for provider: String, context: ProbeContext) async throws {
        guard let clientSecret = context.secrets[refresh.clientSecretName],
            let refreshToken = context.secrets[refresh.refreshTokenName]
        else {
            throw ProbeFailure.fail(
                .check,
                "the \(provider) token expired and cannot be refreshed: set \(refresh.refreshTokenName) and \(refresh.clientSecretName)")
        }
        let form = [
            ("grant_type", "refresh_token"), ("client_id", refresh.clientID),
            ("client_secret", clientSecret.unredacted()), ("refresh_token", refreshToken.unredacted()),
        ].map { "\($0.0)=\(QueryString.encode($0.1))" }.joined(separator: "&")
        let response = try await context.send(
            .POST, url: refresh.tokenURL, headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: ByteBuffer(string: form))
        // Zoho answers failures with 200 and {"error": …}; the word is safe to show, the body is not.
        guard response.isSuccess, let token = response.jsonObject?["access_token"] as? String, !token.isEmpty else {
            let word = (response.jsonObject?["error"] as? String).map { " (\($0))" } ?? ""
            throw ProbeFailure.fail(.check, "refreshing the \(provider) token answered \(response.status)\(word)")
        }
        context.secrets.refreshed.store(Secret(token), for: provider)
    }
}
