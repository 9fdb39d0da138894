import FakeSupport

/// Where the deployment's CRMs are and the app credentials it holds for them, like the seed's
/// `CRM_HUBSPOT_CLIENT_ID`, `CRM_ZOHO_CLIENT_SECRET` or `ODOO_BASE_URL`.
public struct ProviderLinks: Sendable {
    /// An OAuth app registered with a CRM.
    public struct OAuthApp: Sendable {
        /// The CRM's base URL, e.g. `http://127.0.0.1:51234`.
        public var baseURL: String
        /// Path of the consent page, e.g. `/oauth/authorize`.
        public var authorizePath: String
        /// Path of the token endpoint, e.g. `/oauth/v1/token`.
        public var tokenPath: String
        public var clientID: String
        public var clientSecret: String
        /// Scopes asked for.
        public var scopes: [String]
        /// How the CRM wants scopes joined (` ` for HubSpot, `,` for Zoho).
        public var scopeSeparator: String
        /// Extra authorize parameters, e.g. Zoho's `access_type=offline`.
        public var extraParameters: [(String, String)]

        public init(
            baseURL: String, authorizePath: String, tokenPath: String, clientID: String, clientSecret: String,
            scopes: [String], scopeSeparator: String, extraParameters: [(String, String)] = []
        ) {
            self.baseURL = baseURL
            self.authorizePath = authorizePath
            self.tokenPath = tokenPath
            self.clientID = clientID
            self.clientSecret = clientSecret
            self.scopes = scopes
            self.scopeSeparator = scopeSeparator
            self.extraParameters = extraParameters
        }
    }

    /// An Odoo database reached with an API key.
    public struct OdooLink: Sendable {
        public var baseURL: String
        public var database: String
        public var login: String
        public var apiKey: String

        public init(baseURL: String, database: String, login: String, apiKey: String) {
            self.baseURL = baseURL
            self.database = database
            self.login = login
            self.apiKey = apiKey
        }
    }

    public var hubspot: OAuthApp?
    public var zoho: OAuthApp?
    public var odoo: OdooLink?

    public init(hubspot: OAuthApp? = nil, zoho: OAuthApp? = nil, odoo: OdooLink? = nil) {
        self.hubspot = hubspot
        self.zoho = zoho
        self.odoo = odoo
    }

    /// The OAuth app for `provider`; Odoo has none.
    public func app(_ provider: CRMProvider) -> OAuthApp? {
        switch provider {
        case .hubspot: hubspot
        case .zoho: zoho
        case .odoo: nil
        }
    }
}
