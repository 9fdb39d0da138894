/// The probes a plan can name, and how each is built from a plan entry.
public enum ProbeCatalog {
    /// A probe kind: which providers it runs for, and how to make one.
    public struct Kind: Sendable {
        /// Providers (or webhook sources) the probe can run for; nil when it is not per provider.
        public let acceptedProviders: [String]?
        /// Whether attempts must never overlap, as scrapes of one target never do in Prometheus.
        public var exclusive = false
        /// Builds one instance, for `provider` when per provider.
        public let make: @Sendable (_ provider: String?) -> any Probe

        /// Whether the plan fans it out per provider.
        public var perProvider: Bool { acceptedProviders != nil }
    }

    /// The CRMs the backend integrates.
    public static let crmProviders = ["hubspot", "zoho", "odoo"]
    /// Providers with an OAuth connect.
    public static let oauthProviders = ["hubspot", "zoho"]
    /// Webhook sources `webhook.delivery` sends for.
    public static let deliverySources = ["hubspot", "zoho", "odoo", "stripe"]

    /// Every probe kind by its id.
    public static let kinds: [String: Kind] = [
        "health": Kind(acceptedProviders: nil) { _ in HealthProbe() },
        "crm.health": Kind(acceptedProviders: crmProviders) { CRMHealthProbe(provider: $0 ?? "") },
        "metrics.scrape": Kind(acceptedProviders: nil, exclusive: true) { _ in MetricsScrapeProbe() },
        "webhook.send": Kind(acceptedProviders: crmProviders) { WebhookSendProbe(provider: $0 ?? "") },
        "webhook.delivery": Kind(acceptedProviders: deliverySources) { WebhookDeliveryProbe(provider: $0 ?? "") },
        "webhook.replay": Kind(acceptedProviders: crmProviders) { WebhookReplayProbe(provider: $0 ?? "") },
        "oauth.flow": Kind(acceptedProviders: oauthProviders) { OAuthFlowProbe(provider: $0 ?? "") },
        "oauth.refresh": Kind(acceptedProviders: oauthProviders) { OAuthRefreshProbe(provider: $0 ?? "") },
        "import.csv": Kind(acceptedProviders: crmProviders) { ImportCSVProbe(provider: $0 ?? "") },
        "call.push": Kind(acceptedProviders: crmProviders) { CallPushProbe(provider: $0 ?? "") },
        "admin.kill-switch": Kind(acceptedProviders: crmProviders) { KillSwitchProbe(provider: $0 ?? "") },
        "cors": Kind(acceptedProviders: nil) { _ in CORSProbe() },
        "frontend": Kind(acceptedProviders: nil) { _ in FrontendProbe() },
    ]

    /// Known ids, sorted, for error hints.
    public static var ids: [String] { kinds.keys.sorted() }
}
