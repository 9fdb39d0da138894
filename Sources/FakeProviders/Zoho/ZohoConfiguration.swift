/// How the fake Zoho CRM behaves: its OAuth clients, token lifetime and API limits.
public struct ZohoConfiguration: Sendable {
    /// The OAuth clients the accounts server knows; each one's records live in its own org.
    public var clients: [ZohoClient] = [ZohoClient()]
    /// Seconds an access token lives (Zoho: 3600).
    public var accessTokenLifetime: Duration = .seconds(3600)
    /// Seconds a grant code lives (Zoho: 2 minutes).
    public var grantCodeLifetime: Duration = .seconds(120)
    /// Requests one org may have in flight at once before `TOO_MANY_REQUESTS` (Standard edition: 10).
    public var concurrencyLimit = 10
    /// API credits per org per rolling 24 hours (Standard edition base: 50,000).
    public var dailyCredits = 50_000
    /// Live access tokens per refresh token; the oldest is dropped past this (Zoho: 30).
    public var accessTokensPerRefreshToken = 30
    /// Refresh tokens one client may mint per minute through code exchange (Zoho: 5).
    public var refreshTokensPerMinute = 5
    /// Whether the authorize page consents (`true`) or redirects with `error=access_denied`.
    public var consent = true
    /// How long a record call holds its concurrency slot, to make concurrency limits observable.
    public var recordLatency: Duration = .zero
    /// How long a notification callback may take before it is abandoned.
    public var callbackTimeout: Duration = .seconds(2)
    /// How many times faster than real time the per-minute and 24-hour limit windows run; a plan in plan
    /// time sets its speed here.
    public var timeScale = 1.0
    /// How long a new record takes to appear in `/search` results.
    public var searchIndexDelay = SearchIndex.defaultDelay

    /// The defaults: one client, Standard-edition limits.
    public init() {}

    /// A limit window of Zoho's, run `timeScale` times faster.
    func window(_ real: Duration) -> Duration {
        timeScale > 0 ? real / timeScale : real
    }
}

/// One OAuth client of the fake accounts server, with a ready refresh token for tests.
public struct ZohoClient: Sendable, Hashable {
    /// `client_id`, e.g. `1000.FAKEZOHOCLIENT`.
    public var clientID: String
    /// `client_secret`.
    public var clientSecret: String
    /// A refresh token that already exists for this client, so tests can skip the consent step.
    public var refreshToken: String
    /// The scopes that refresh token grants.
    public var scopes: [String]
    /// The org (`zgid`) whose records this client sees.
    public var orgID: String
    /// The signed-in user's email (`users?type=CurrentUser`).
    public var userEmail: String

    /// A client with working defaults; pass a distinct `orgID` for a second, isolated org.
    public init(
        clientID: String = "1000.FAKEZOHOCLIENT0000000000000001",
        clientSecret: String = "fakezohosecret0000000000000000000000000001",
        refreshToken: String = "1000.fakezohorefresh.0000000000000000000000000000001",
        scopes: [String] = ZohoClient.allScopes,
        orgID: String = "60000000001",
        userEmail: String = "owner@canary.example"
    ) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.refreshToken = refreshToken
        self.scopes = scopes
        self.orgID = orgID
        self.userEmail = userEmail
    }

    /// Every scope the fake serves.
    public static let allScopes = [
        "ZohoCRM.modules.ALL", "ZohoCRM.settings.ALL", "ZohoCRM.users.ALL", "ZohoCRM.org.ALL",
        "ZohoCRM.notifications.ALL",
    ]
}
