/// Where the deployment under test lives and how it speaks: the parts of a plan a probe needs.
///
/// Holds no secret values: signing, admin and CRM credentials are named here and looked up in ``ProbeSecrets``.
public struct ProbeTarget: Sendable {
    /// Base URL of the backend, without a trailing slash, e.g. `https://api.example.com`.
    public var backendURL: String
    /// Base URL of the frontend, if the plan names one.
    public var frontendURL: String?
    /// The workspace the canary acts for.
    public var workspaceID: String
    /// Paths of the target's endpoints; every one can be changed by the plan.
    public var paths: Paths
    /// Status words `/health` uses for "healthy" (`healthy`, `ok`, `connected` by default).
    public var healthyWords: Set<String>
    /// Status words `/crm/health` uses for a healthy CRM connection; the same as `/health`'s unless the plan says.
    public var crmHealthyWords: Set<String>
    /// How each webhook source is signed, by source (`hubspot`, `zoho`, `odoo`, `retell`, `stripe`).
    public var signing: [String: WebhookSigning]
    /// Whether `oauth.flow` follows the provider's authorize URL to the callback (`full`) or stops at it (`shallow`).
    public var oauthMode: OAuthMode
    /// Scopes the authorize URL must request, by provider; providers not listed are not checked.
    public var requiredScopes: [String: [String]]
    /// The callback the authorize URL must name; `{backend}` and `{provider}` are filled in.
    public var expectedRedirectURI: String
    /// Name of the secret sent as `Authorization: Bearer …` on `/crm/admin/*` calls; nil sends nothing.
    public var adminAuthSecret: String?
    /// How probes read effects straight from each CRM, by provider; a provider missing here cannot be checked.
    public var crmRead: [String: CRMReadAccess]
    /// The format of the metrics endpoint.
    public var metricsFormat: MetricsFormat
    /// Why a provider has no read access, by provider, naming the variable to set (filled in when the plan is
    /// resolved).
    public var crmReadUnavailable: [String: String] = [:]

    public init(
        backendURL: String,
        frontendURL: String? = nil,
        workspaceID: String,
        paths: Paths = Paths(),
        healthyWords: Set<String> = ["healthy", "ok", "connected"],
        crmHealthyWords: Set<String>? = nil,
        signing: [String: WebhookSigning] = WebhookSigning.defaults,
        oauthMode: OAuthMode = .full,
        requiredScopes: [String: [String]] = [:],
        expectedRedirectURI: String = "{backend}/crm/{provider}/callback",
        adminAuthSecret: String? = nil,
        crmRead: [String: CRMReadAccess] = [:],
        metricsFormat: MetricsFormat = .prometheus
    ) {
        self.backendURL = backendURL.hasSuffix("/") ? String(backendURL.dropLast()) : backendURL
        self.frontendURL = frontendURL
        self.workspaceID = workspaceID
        self.paths = paths
        self.healthyWords = healthyWords
        self.crmHealthyWords = crmHealthyWords ?? healthyWords
        self.signing = signing
        self.oauthMode = oauthMode
        self.requiredScopes = requiredScopes
        self.expectedRedirectURI = expectedRedirectURI
        self.adminAuthSecret = adminAuthSecret
        self.crmRead = crmRead
        self.metricsFormat = metricsFormat
    }

    /// How far `oauth.flow` goes.
    public enum OAuthMode: String, Sendable, CaseIterable {
        /// Follow the authorize URL's redirect to the callback and check the connection.
        case full
        /// Check the authorize URL only; for real providers that show a consent page.
        case shallow
    }

    /// The format of the metrics endpoint.
    public enum MetricsFormat: String, Sendable, CaseIterable {
        /// Prometheus text exposition.
        case prometheus
        /// A flat JSON object of numbers, optionally nested one level by provider.
        case json
    }

    /// The signing for `source`: the plan's, else the contract's default, else none.
    public func signing(for source: String) -> WebhookSigning {
        signing[source] ?? WebhookSigning.defaults[source] ?? WebhookSigning(scheme: .none)
    }

    /// The callback URL the authorize URL must carry for `provider`.
    public func expectedRedirectURI(for provider: String) -> String {
        expectedRedirectURI.replacingOccurrences(of: "{backend}", with: backendURL)
            .replacingOccurrences(of: "{provider}", with: provider)
    }
}
