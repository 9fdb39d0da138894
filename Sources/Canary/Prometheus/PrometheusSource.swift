/// Where a plan's metric rules are evaluated when the target is watched through Prometheus instead of scraped:
/// `target.metrics_source: {prometheus: URL, selector: '{job="backend"}'}`.
///
/// The selector's label matchers are added to every metric selector of the plan's queries, so a Prometheus that
/// scrapes many jobs answers for the deployment under test only.
public struct PrometheusSource: Sendable, Equatable {
    /// The Prometheus server's base URL, e.g. `http://prometheus:9090`.
    public var url: String
    /// Label matchers added to every metric selector.
    public var selector: [String: String]

    public init(url: String, selector: [String: String] = [:]) {
        self.url = url
        self.selector = selector
    }
}

extension Query {
    /// Whether the query reads the target's metrics, which a ``PrometheusSource`` answers; the harness's own
    /// `canary_…` samples (recorded by probes, never scraped by Prometheus) and probe results stay local.
    public var readsTargetMetrics: Bool {
        guard let name = metricName else { return false }
        return !name.hasPrefix("canary_")
    }
}
