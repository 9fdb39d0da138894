/// The probes a plan can name, and how each is built from a plan entry.
public enum ProbeCatalog {
    /// A probe kind: whether it runs once per provider, and how to make one.
    public struct Kind: Sendable {
        /// Whether the plan must (true) or must not (false) fan it out per provider.
        public let perProvider: Bool
        /// Whether attempts must never overlap, as scrapes of one target never do in Prometheus.
        public var exclusive = false
        /// Builds one instance, for `provider` when per provider.
        public let make: @Sendable (_ provider: String?) -> any Probe
    }

    /// Every probe kind by its id.
    public static let kinds: [String: Kind] = [
        "health": Kind(perProvider: false) { _ in HealthProbe() },
        "crm.health": Kind(perProvider: true) { CRMHealthProbe(provider: $0 ?? "") },
        "metrics.scrape": Kind(perProvider: false, exclusive: true) { _ in MetricsScrapeProbe() },
        "webhook.send": Kind(perProvider: true) { WebhookSendProbe(provider: $0 ?? "") },
    ]

    /// Known ids, sorted, for error hints.
    public static var ids: [String] { kinds.keys.sorted() }
}
