extension Query {
    /// Counts probe instances matching `selector` whose latencies regressed against the baseline.
    ///
    /// Samples are the fewest latencies on either side of any compared instance, so a gate's `min_samples`
    /// applies per side. No baseline, nothing to compare, or fewer than the policy's minimum on a side is
    /// no data, never a pass.
    static func evaluateLatencyRegressions(
        _ selector: Selector, _ window: ClosedRange<Double>, _ observations: Observations
    ) -> Evaluation {
        guard let baseline = observations.baseline else { return .noData }
        var candidate: [ProbeKey: [Double]] = [:]
        for attempt in observations.judgedAttempts(matching: selector, in: window) {
            candidate[ProbeKey(probe: attempt.probe, provider: attempt.provider), default: []].append(attempt.latency)
        }
        let baselineMatching = baseline.filter { key, _ in
            selector.matchesName(key.probe) && (selector.labels["provider"].map { $0 == key.provider } ?? true)
        }
        let comparison = LatencyComparison(
            baselineRunID: "baseline", candidateRunID: "candidate", baseline: baselineMatching, candidate: candidate)
        guard !comparison.rows.isEmpty else { return .noData }
        let samples = comparison.rows.map { Swift.min($0.baselineCount, $0.candidateCount) }.min() ?? 0
        guard !comparison.rows.contains(where: { $0.verdict == .tooFewSamples }) else {
            return Evaluation(value: nil, samples: samples)
        }
        return Evaluation(value: Double(comparison.rows.count { $0.verdict == .regressed }), samples: samples)
    }
}
