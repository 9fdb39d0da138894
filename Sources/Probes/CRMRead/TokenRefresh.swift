/// How a reader gets a fresh access token when the CRM says the old one expired: OAuth's
/// refresh-token grant, as Zoho's access tokens last an hour and a canary runs for two.
public struct TokenRefresh: Sendable, Equatable {
    /// The token endpoint, e.g. `https://accounts.zoho.eu/oauth/v2/token`.
    public var tokenURL: String
    /// The OAuth client id.
    public var clientID: String
    /// Name of the secret holding the client secret.
    public var clientSecretName: String
    /// Name of the secret holding the refresh token.
    public var refreshTokenName: String

    public init(tokenURL: String, clientID: String, clientSecretName: String, refreshTokenName: String) {
        self.tokenURL = tokenURL
        self.clientID = clientID
        self.clientSecretName = clientSecretName
        self.refreshTokenName = refreshTokenName
    }
}
