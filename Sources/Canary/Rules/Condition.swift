/// A comparison of a query against a threshold, kept with its source text, e.g.
/// `histogram_quantile(0.95, webhook_latency_seconds[5m]) > 2`.
///
/// Alert rules fire while their condition holds; gates pass when theirs holds.
public struct Condition: Sendable, Equatable {
    /// What to measure.
    public var query: Query
    /// How to compare.
    public var comparison: Comparison
    /// The number compared against, in the metric's unit (durations are seconds).
    public var threshold: Double
    /// The text as written in the plan.
    public var source: String

    /// Whether `value` satisfies the comparison.
    public func holds(for value: Double) -> Bool { comparison.holds(value, threshold) }
}

/// A comparison operator.
public enum Comparison: String, Sendable, CaseIterable {
    case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", equal = "==", notEqual = "!="

    /// Applies the operator.
    public func holds(_ lhs: Double, _ rhs: Double) -> Bool {
        switch self {
        case .less: lhs < rhs
        case .lessOrEqual: lhs <= rhs
        case .greater: lhs > rhs
        case .greaterOrEqual: lhs >= rhs
        case .equal: lhs == rhs
        case .notEqual: lhs != rhs
        }
    }
}

/// What a condition measures: a small PromQL-like language over scraped metrics and probe results.
public enum Query: Sendable, Equatable {
    /// `name{labels}`: sum of the latest value of every matching series.
    case latest(Selector)
    /// `increase(name{labels}[range])`: counter increase, resets handled, summed over series.
    case increase(Selector, Range)
    /// `max_over_time(…)` / `min_over_time(…)`: extreme value of any matching series in the range.
    case overTime(Extreme, Selector, Range)
    /// `histogram_quantile(q, name{labels}[range])`: quantile of a histogram's observations in the range.
    case histogramQuantile(Double, Selector, Range)
    /// `probe_failures(id{labels}[range])`: failed probe attempts.
    case probeFailures(Selector, Range)
    /// `probe_success_ratio(id{labels}[range])`: passed / all attempts.
    case probeSuccessRatio(Selector, Range)
    /// `probe_quantile(q, id{labels}[range])`: latency quantile of probe attempts, in seconds.
    case probeQuantile(Double, Selector, Range)
    /// `latency_regressions(id{labels}[range])`: probe instances whose latencies regressed against the
    /// run's baseline (Mann-Whitney U, see ``LatencyComparison``); no data without a baseline or with too
    /// few samples.
    case latencyRegressions(Selector, Range)

    /// Which extreme `…_over_time` takes.
    public enum Extreme: String, Sendable { case max, min }

    /// The range the query looks back over, if it has one.
    public var range: Range? {
        switch self {
        case .latest: nil
        case .increase(_, let range), .overTime(_, _, let range), .histogramQuantile(_, _, let range),
            .probeFailures(_, let range), .probeSuccessRatio(_, let range), .probeQuantile(_, _, let range),
            .latencyRegressions(_, let range):
            range
        }
    }
}

/// Series (or probes) by name and exact label values. A probe name may end in `*`.
public struct Selector: Sendable, Equatable {
    /// Metric name or probe id (pattern).
    public var name: String
    /// Labels that must match exactly.
    public var labels: [String: String]

    public init(name: String, labels: [String: String] = [:]) {
        self.name = name
        self.labels = labels
    }

    /// Whether `candidate` is selected by the name, honouring a trailing `*`.
    public func matchesName(_ candidate: String) -> Bool {
        if name == "*" { return true }
        if name.hasSuffix("*") { return candidate.hasPrefix(name.dropLast()) }
        return candidate == name
    }

    /// Whether the given labels contain every required label.
    public func matchesLabels(_ candidate: [String: String]) -> Bool {
        labels.allSatisfy { candidate[$0.key] == $0.value }
    }
}

/// How far back a query looks.
public enum Range: Sendable, Equatable {
    /// The trailing window, in plan time.
    case last(Duration)
    /// The whole run so far.
    case run
}
