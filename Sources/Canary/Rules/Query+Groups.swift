extension Query {
    /// The series or probes the query reads.
    public var selector: Selector {
        switch self {
        case .latest(let selector), .increase(let selector, _), .overTime(_, let selector, _),
            .histogramQuantile(_, let selector, _), .probeFailures(let selector, _), .probeSuccessRatio(let selector, _),
            .probeQuantile(_, let selector, _), .latencyRegressions(let selector, _):
            selector
        }
    }

    /// Whether the query reads probe attempts rather than scraped metrics.
    public var readsProbes: Bool {
        switch self {
        case .probeFailures, .probeSuccessRatio, .probeQuantile, .latencyRegressions: true
        case .latest, .increase, .overTime, .histogramQuantile: false
        }
    }

    /// The metric the query reads, as scraped (`…_bucket` for histograms); nil for probe queries.
    public var metricName: String? {
        switch self {
        case .histogramQuantile(_, let selector, _): selector.name + "_bucket"
        case .latest(let selector), .increase(let selector, _), .overTime(_, let selector, _): selector.name
        case .probeFailures, .probeSuccessRatio, .probeQuantile, .latencyRegressions: nil
        }
    }

    /// The same query restricted to one value of `label` (`probe` names the probe id exactly).
    func narrowed(_ label: String, to value: String) -> Query {
        var selector = self.selector
        if label == "probe", readsProbes { selector.name = value } else { selector.labels[label] = value }
        return replacingSelector(selector)
    }

    /// The values of `label` present in what the query reads over the whole run, sorted.
    func groups(_ label: String, in observations: Observations) -> [String] {
        var values: Set<String> = []
        if readsProbes {
            for attempt in observations.attempts(matching: selector, in: 0...Double.infinity) {
                switch label {
                case "provider": if let provider = attempt.provider { values.insert(provider) }
                case "probe": values.insert(attempt.probe)
                case "location": if let location = attempt.location { values.insert(location) }
                default: break
                }
            }
        } else if let name = metricName {
            for series in observations.series(named: name, matching: selector) {
                if let value = series.labels[label] { values.insert(value) }
            }
        }
        return values.sorted()
    }

    private func replacingSelector(_ selector: Selector) -> Query {
        switch self {
        case .latest: .latest(selector)
        case .increase(_, let range): .increase(selector, range)
        case .overTime(let extreme, _, let range): .overTime(extreme, selector, range)
        case .histogramQuantile(let q, _, let range): .histogramQuantile(q, selector, range)
        case .probeFailures(_, let range): .probeFailures(selector, range)
        case .probeSuccessRatio(_, let range): .probeSuccessRatio(selector, range)
        case .probeQuantile(let q, _, let range): .probeQuantile(q, selector, range)
        case .latencyRegressions(_, let range): .latencyRegressions(selector, range)
        }
    }
}

extension Condition {
    /// The condition evaluated once, or per value of `per`: the group's name (nil when not grouped) and its value.
    /// Metric conditions read what Prometheus answered when the observations hold Prometheus readings.
    func evaluations(
        _ observations: Observations, at now: Double, speed: Double, per label: String?
    ) -> [(group: String?, evaluation: Evaluation)] {
        if let readings = observations.prometheus, query.readsTargetMetrics {
            return readings.evaluations(PrometheusReading.key(self, per: label), at: now, grouped: label != nil)
        }
        guard let label else { return [(nil, query.evaluate(observations, at: now, speed: speed))] }
        return query.groups(label, in: observations).map { value in
            (value, query.narrowed(label, to: value).evaluate(observations, at: now, speed: speed))
        }
    }
}
