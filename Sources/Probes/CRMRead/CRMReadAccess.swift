/// How probes read one CRM directly: its API base URL and the name of the credential in ``ProbeSecrets``.
public struct CRMReadAccess: Sendable, Equatable {
    /// API base URL without a trailing slash, e.g. `https://api.hubapi.com`.
    public var baseURL: String
    /// Name of the secret holding the access token (HubSpot, Zoho) or API key (Odoo).
    public var credentialSecret: String
    /// Odoo database name.
    public var database: String?
    /// Odoo login.
    public var login: String?
    /// How to get a new access token when the CRM answers 401 (Zoho).
    public var refresh: TokenRefresh?

    public init(
        baseURL: String, credentialSecret: String, database: String? = nil, login: String? = nil,
        refresh: TokenRefresh? = nil
    ) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.credentialSecret = credentialSecret
        self.database = database
        self.login = login
        self.refresh = refresh
    }
}
