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
        /// What the harness must have for an instance to judge the target; see ``HarnessNeed``.
        public var needs: @Sendable (_ provider: String, _ target: ProbeTarget) -> [HarnessNeed] = { _, _ in [] }

        init(
            acceptedProviders: [String]?, exclusive: Bool = false,
            needs: @escaping @Sendable (_ provider: String, _ target: ProbeTarget) -> [HarnessNeed] = { _, _ in [] },
            make: @escaping @Sendable (_ provider: String?) -> any Probe
        ) {
            self.acceptedProviders = acceptedProviders
            self.exclusive = exclusive
            self.needs = needs
            self.make = make
        }

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
        "webhook.send": Kind(acceptedProviders: crmProviders, needs: { HarnessNeed.signingSecret($0, $1) }) {
            WebhookSendProbe(provider: $0 ?? "")
        },
        "webhook.delivery": Kind(acceptedProviders: deliverySources, needs: signedWithStatus) {
            WebhookDeliveryProbe(provider: $0 ?? "")
        },
        "webhook.replay": Kind(acceptedProviders: crmProviders, needs: signedWithStatus) {
            WebhookReplayProbe(provider: $0 ?? "")
        },
        "oauth.flow": Kind(acceptedProviders: oauthProviders) { OAuthFlowProbe(provider: $0 ?? "") },
        "oauth.refresh": Kind(acceptedProviders: oauthProviders) { OAuthRefreshProbe(provider: $0 ?? "") },
        "import.csv": Kind(acceptedProviders: crmProviders, needs: { provider, _ in [.crmRead(provider)] }) {
            ImportCSVProbe(provider: $0 ?? "")
        },
        "call.push": Kind(
            acceptedProviders: crmProviders,
            needs: { provider, target in HarnessNeed.signingSecret("retell", target) + [.crmRead(provider)] }
        ) { CallPushProbe(provider: $0 ?? "") },
        "admin.kill-switch": Kind(acceptedProviders: crmProviders, needs: signedWithStatus) {
            KillSwitchProbe(provider: $0 ?? "")
        },
        "cors": Kind(acceptedProviders: nil, needs: { _, _ in [.frontendURL] }) { _ in CORSProbe() },
        "frontend": Kind(acceptedProviders: nil, needs: { _, _ in [.frontendURL] }) { _ in FrontendProbe() },
    ]

    /// A signed webhook whose effect is read back through the admin sync status.
    private static let signedWithStatus: @Sendable (String, ProbeTarget) -> [HarnessNeed] = { source, target in
        HarnessNeed.signingSecret(source, target) + HarnessNeed.adminToken(target)
    }

    /// What is missing for instance `provider` of probe `id` to judge the target: one sentence per unmet need.
    public static func unmetNeeds(of id: String, provider: String?, target: ProbeTarget, secrets: ProbeSecrets) -> [String] {
        guard let kind = kinds[id] else { return [] }
        return kind.needs(provider ?? "", target).compactMap { $0.problem(target: target, secrets: secrets) }
    }

    /// Known ids, sorted, for error hints.
    public static var ids: [String] { kinds.keys.sorted() }
}
