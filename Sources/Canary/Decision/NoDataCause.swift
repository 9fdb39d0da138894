/// Why a gate had no data, so that reasons can group such gates by cause instead of listing each.
public enum NoDataCause: Sendable, Hashable, Codable {
    /// The run ended (or was stopped) before the gate could gather its samples.
    case runEndedEarly
    /// Every matching attempt was unverified: the harness lacked something, which `detail` names.
    case unverified(detail: String)
    /// The metrics endpoint answered, but never with this metric; `source` says what it gave.
    case metricAbsent(metric: String, source: String)
    /// No metrics scrape succeeded; `detail` is what the scrapes most often got.
    case metricsUnreadable(detail: String)
    /// The plan never scrapes the target's metrics.
    case metricsNotScraped
    /// The target is watched through Prometheus, which gave no usable value; `detail` says why (its error, no
    /// series, NaN).
    case prometheus(detail: String)
    /// There was no baseline run to compare latencies with.
    case noBaseline
    /// Fewer samples than the gate's minimum, for no reason the judge can name.
    case tooFewSamples
}
