/// Everything that makes one fake HubSpot differ from another: the app's credentials, portals, limits.
public struct HubSpotConfiguration: Sendable {
    /// The public app's client id (OAuth `client_id`).
    public var clientID = "3f2a9c4e-7b1d-4e8a-9c6f-0d5e8b7a1c2f"
    /// The public app's client secret: OAuth and the key of webhook signatures.
    public var clientSecret = "c7d1e9f0-4a2b-4c3d-8e5f-6a7b8c9d0e1f"
    /// The developer account's API key, sent as `hapikey` to the developer APIs (webhook settings and subscriptions).
    public var developerAPIKey = "9e4b2d7a-5c1f-4a8e-b3d6-2f7c0a9e8b41"
    /// The app's id, as in webhook events and token introspection.
    public var appID = 1_160_452
    /// The portal (hub id) an authorization lands in unless the request names another with `hub_id`.
    public var defaultHubID = 62_515
    /// The user who consents, as introspection shows.
    public var userEmail = "fake.user@example.com"
    /// The user's id.
    public var userID = 4_242_424
    /// Redirect URIs accepted; empty accepts any.
    public var redirectURIs: [String] = []
    /// Scopes granted when the authorize request names none.
    public var defaultScopes = ["oauth", "crm.objects.contacts.read", "crm.objects.contacts.write"]
    /// How long an access token lives (HubSpot: 30 minutes).
    public var accessTokenLifetime: Duration = .seconds(1800)
    /// Private-app access tokens: accepted for the default portal with the default scopes, and never expiring.
    public var privateAppTokens: [String] = []
    /// How long an authorization code can be exchanged.
    public var authorizationCodeLifetime: Duration = .seconds(600)
    /// Rate limits per portal.
    public var rateLimits = HubSpotRateLimits()
    /// How failed webhook deliveries are retried.
    public var webhookRetry = WebhookRetryPolicy()
    /// How long a webhook receiver has to answer.
    public var webhookTimeout: Duration = .seconds(5)
    /// How long a new object takes to appear in search results (HubSpot: seconds).
    public var searchIndexDelay = SearchIndex.defaultDelay

    /// The default configuration: a public app with fixed, well-known fake credentials.
    public init() {}
}

/// HubSpot's request limits, per portal and app.
public struct HubSpotRateLimits: Sendable, Hashable {
    /// Requests per rolling ten seconds (public OAuth apps: about 110).
    public var perTenSeconds = 110
    /// Requests per day (Free and Starter: 250,000).
    public var perDay = 250_000
    /// Search requests per second.
    public var searchPerSecond = 5
    /// How many times faster than real time the ten-second and one-second windows run; a plan in plan
    /// time sets its speed here, so a limit means the same share of the plan's traffic at any speed.
    public var timeScale = 1.0

    /// A limit window of HubSpot's, run `timeScale` times faster.
    func window(_ real: Duration) -> Duration {
        real / scale
    }

    /// The ten-second window in milliseconds, as `X-HubSpot-RateLimit-Interval-Milliseconds` states it.
    var intervalMilliseconds: String {
        String(Int((10_000 / scale).rounded()))
    }

    private var scale: Double { timeScale > 0 ? timeScale : 1 }

    /// Creates limits; the defaults are those of a public app on a Free or Starter portal.
    public init(perTenSeconds: Int = 110, perDay: Int = 250_000, searchPerSecond: Int = 5) {
        self.perTenSeconds = perTenSeconds
        self.perDay = perDay
        self.searchPerSecond = searchPerSecond
    }
}
