/// A plan query as the PromQL text Prometheus evaluates: its value, and how many samples that value rests on
/// (for `min_samples`), both aggregated `by` the rule's `per` label when it has one.
public struct PromQLQuery: Sendable, Equatable {
    public var value: String
    public var samples: String

    public init(value: String, samples: String) {
        self.value = value
        self.samples = samples
    }
}

extension Query {
    /// Translates a metric query to PromQL, with `extra` label matchers merged into its selector (the plan's own
    /// matchers win) and windows scaled by `speed` as the local evaluation scales them; `[run]` spans `runSeconds`.
    /// A bare metric looks back the staleness window (scaled), as Prometheus's lookback would at speed 1.
    /// Nil for queries over probe results.
    public func promQL(adding extra: [String: String], speed: Double, runSeconds: Double, by label: String?) -> PromQLQuery? {
        guard readsTargetMetrics else { return nil }
        let by = label.map { " by (\($0))" } ?? ""
        func window(_ range: Range?) -> String {
            let seconds: Double =
                switch range {
                case .last(let duration): duration.seconds / speed
                case .run: runSeconds
                case nil: Self.staleness.seconds / speed
                }
            return "[\(Swift.max(1, Int((seconds * 1000).rounded())))ms]"
        }
        switch self {
        case .latest(let selector):
            let series = "last_over_time(\(Self.text(selector, adding: extra))\(window(nil)))"
            return PromQLQuery(value: "sum\(by) (\(series))", samples: "count\(by) (\(series))")
        case .increase(let selector, let range):
            let selected = Self.text(selector, adding: extra) + window(range)
            return PromQLQuery(
                value: "sum\(by) (increase(\(selected)))", samples: "max\(by) (count_over_time(\(selected)))")
        case .overTime(let extreme, let selector, let range):
            let selected = Self.text(selector, adding: extra) + window(range)
            return PromQLQuery(
                value: "\(extreme.rawValue)\(by) (\(extreme.rawValue)_over_time(\(selected)))",
                samples: "sum\(by) (count_over_time(\(selected)))")
        case .histogramQuantile(let quantile, let selector, let range):
            var buckets = selector
            buckets.name += "_bucket"
            var infinite = buckets
            infinite.labels["le"] = "+Inf"
            let grouping = label.map { "le, \($0)" } ?? "le"
            return PromQLQuery(
                value: "histogram_quantile(\(quantile), sum by (\(grouping)) "
                    + "(increase(\(Self.text(buckets, adding: extra))\(window(range)))))",
                samples: "sum\(by) (increase(\(Self.text(infinite, adding: extra))\(window(range))))")
        case .probeFailures, .probeSuccessRatio, .probeQuantile, .latencyRegressions:
            return nil
        }
    }

    /// `name{label="value",…}` with labels sorted and values escaped as PromQL strings.
    static func text(_ selector: Selector, adding extra: [String: String]) -> String {
        let labels = extra.merging(selector.labels) { _, own in own }
        guard !labels.isEmpty else { return selector.name }
        let matchers = labels.sorted { $0.key < $1.key }.map { "\($0.key)=\"\(escaped($0.value))\"" }
        return "\(selector.name){\(matchers.joined(separator: ","))}"
    }

    private static func escaped(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
