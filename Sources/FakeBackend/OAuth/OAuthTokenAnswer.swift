import FakeSupport

/// A token endpoint's answer, in the shape HubSpot and Zoho share.
package struct OAuthTokenAnswer: Sendable {
    package var accessToken: String
    package var refreshToken: String?
    package var expiresIn: Duration
    package var apiDomain: String?

    /// Reads `access_token`, `refresh_token`, `expires_in` and `api_domain`; Zoho's `{"error": …}` with 200 is a failure.
    package init(_ json: JSONValue, what: String) throws {
        guard let access = json["access_token"]?.string else {
            let error = json["error"]?.string ?? json["message"]?.string ?? "no access_token"
            throw CRMSinkError(code: .rejected, message: "\(what): \(error)")
        }
        accessToken = access
        refreshToken = json["refresh_token"]?.string
        expiresIn = .seconds(json["expires_in"]?.int ?? 3600)
        apiDomain = json["api_domain"]?.string
    }
}
