import Probes

/// Says why a gate had no data, from what the run observed: the harness lacked something, the metric was never
/// exposed, no scrape succeeded, the plan never scrapes, Prometheus gave no value, there was no baseline, or too
/// few samples.
struct NoDataReasons {
    let plan: Plan
    let observations: Observations
    let reach: Double
    let speed: Double

    func cause(of gate: Gate) -> NoDataCause {
        let query = gate.condition.query
        if case .latencyRegressions = query, observations.baseline == nil { return .noBaseline }
        if query.readsProbes { return probeCause(query) }
        guard let metric = query.metricName else { return .tooFewSamples }
        if let readings = observations.prometheus, query.readsTargetMetrics {
            return .prometheus(detail: readings.problem(PrometheusReading.key(gate.condition, per: gate.per), at: reach))
        }
        guard plan.runs("metrics.scrape") else { return .metricsNotScraped }
        let scrapes = observations.evidence(matching: Selector(name: "metrics.scrape"), in: 0...reach)
        let scraped = scrapes.reduce(0) { $0 + $1.attempts - $1.failed }
        if scraped == 0 {
            guard let failing = scrapes.first(where: { $0.failed > 0 }), let detail = failing.detail else {
                return .tooFewSamples
            }
            return .metricsUnreadable(detail: detail)
        }
        if observations.series(named: metric, matching: Selector(name: metric)).isEmpty {
            return .metricAbsent(metric: query.selector.name, source: source)
        }
        return .tooFewSamples
    }

    /// What the metrics endpoint gave, for reasons: `/crm/metrics (JSON counts)`.
    private var source: String {
        let format = plan.target.metricsFormat == .json ? "JSON counts" : "Prometheus text"
        return "\(plan.target.paths.metrics) (\(format))"
    }

    private func probeCause(_ query: Query) -> NoDataCause {
        let window = Query.window(query.range ?? .run, now: reach, speed: speed)
        let evidence = observations.evidence(matching: query.selector, in: window)
        let judged = evidence.reduce(0) { $0 + $1.attempts }
        if judged == 0, let unverified = evidence.first(where: { $0.unverified > 0 }), let detail = unverified.detail {
            return .unverified(detail: detail)
        }
        return .tooFewSamples
    }
}
