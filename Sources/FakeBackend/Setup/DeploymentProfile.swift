/// How this deployment strays from the default contract, as real deployments do.
///
/// The default profile follows the contract exactly. Some differences are a deployment's own way
/// (``oauthStart``, ``signing``, ``healthyWord``, ``metrics``, ``adminRequiresToken``), and a plan
/// describes them so that probes follow them; others are a broken release (``oauthRedirectURI``,
/// ``answers``), which a canary must catch.
public struct DeploymentProfile: Sendable, Hashable {
    /// How `GET /crm/{provider}/start` answers.
    public enum OAuthStart: String, Sendable, Hashable {
        /// `302 Location: <authorize URL>`.
        case redirect
        /// `200 {"auth_url": "<authorize URL>"}`.
        case json
    }

    /// How webhooks from one source are authenticated.
    public enum Signing: Sendable, Hashable {
        /// The vendor's own scheme (HubSpot v3, Zoho channel token, Retell, Stripe).
        case vendor
        /// Hex HMAC-SHA256 of the raw body in the named header.
        case hexHMAC(header: String)
        /// The plain shared secret in the named header.
        case sharedSecret(header: String)
        /// Nothing is checked.
        case none
    }

    /// What `GET /crm/metrics` serves.
    public enum MetricsFormat: String, Sendable, Hashable {
        case prometheus, json, absent
    }

    /// How OAuth start answers.
    public var oauthStart: OAuthStart = .redirect
    /// The callback OAuth start's authorize URL names instead of the backend's own; nil names the backend's.
    public var oauthRedirectURI: String?
    /// Signing per source; sources not listed use ``defaultSigning(for:)``.
    public var signing: [WebhookSource: Signing] = [:]
    /// The word health endpoints use for "healthy".
    public var healthyWord = "healthy"
    /// The metrics format.
    public var metrics: MetricsFormat = .prometheus
    /// Whether admin routes need `workspace_id` and `Authorization: Bearer <admin token>`.
    public var adminRequiresToken = false
    /// Route groups that answer a fixed error status instead of doing their work, as a broken release's do.
    public var answers = Answers()

    /// The contract's profile.
    public init() {}

    /// The signing in force for `source`.
    public func signing(for source: WebhookSource) -> Signing {
        signing[source] ?? Self.defaultSigning(for: source)
    }

    /// The contract's signing: the vendor's scheme, none for Odoo.
    public static func defaultSigning(for source: WebhookSource) -> Signing {
        source == .odoo ? .none : .vendor
    }
}
