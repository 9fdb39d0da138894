import Probes

/// Everything the rules can look at: scraped metric points and probe attempts, timed in seconds since the run began.
public struct Observations: Sendable {
    /// One metric series and its points, oldest first.
    public struct Series: Sendable {
        public var name: String
        public var labels: [String: String]
        public var points: [PromMath.Point]
    }

    /// One finished probe attempt, as the rules see it.
    public struct Attempt: Sendable {
        /// Passed, failed, or unverified: the harness lacked what it needed to judge it.
        public enum Outcome: String, Sendable, Codable { case pass, fail, unverified }

        public var probe: String
        public var provider: String?
        public var phase: String
        /// When it finished, seconds since the run began.
        public var finishedAt: Double
        /// Seconds from its intended start to its end.
        public var latency: Double
        public var outcome: Outcome
        public var errorClass: String?
        /// What the attempt saw; empty for passed attempts, which no reason quotes.
        public var detail: String
        /// The runner's location, in a run recorded from several.
        public var location: String?

        public init(
            probe: String, provider: String?, phase: String, finishedAt: Double, latency: Double, outcome: Outcome,
            errorClass: String?, detail: String = "", location: String? = nil
        ) {
            self.probe = probe
            self.provider = provider
            self.phase = phase
            self.finishedAt = finishedAt
            self.latency = latency
            self.outcome = outcome
            self.errorClass = errorClass
            self.detail = outcome == .pass ? "" : detail
            self.location = location
        }

        /// Whether it passed.
        public var passed: Bool { outcome == .pass }
        /// Whether it counts as evidence: passed or failed, not unverified.
        public var judged: Bool { outcome != .unverified }
        /// The probe instance.
        public var key: ProbeKey { ProbeKey(probe: probe, provider: provider) }
    }

    private(set) var series: [String: Series] = [:]
    private(set) var seriesKeysByName: [String: [String]] = [:]
    /// Attempts in the order they finished.
    public private(set) var attempts: [Attempt] = []
    /// Latencies of the baseline run per probe instance, for `latency_regressions`; nil without a baseline.
    public var baseline: [ProbeKey: [Double]]?
    /// What Prometheus answered for the plan's metric conditions, when the target is watched through Prometheus;
    /// nil when metric rules read scraped samples.
    public var prometheus: PrometheusReadings?

    public init() {}

    /// Adds the samples of one scrape taken at `time`.
    public mutating func add(_ samples: [MetricSample], at time: Double) {
        for sample in samples {
            let key = sample.seriesKey
            if series[key] == nil {
                series[key] = Series(name: sample.name, labels: sample.labels, points: [])
                seriesKeysByName[sample.name, default: []].append(key)
            }
            series[key]!.points.append(PromMath.Point(time: time, value: sample.value))
        }
    }

    /// Adds one finished attempt; attempts are expected roughly in finishing order.
    public mutating func add(_ attempt: Attempt) {
        attempts.append(attempt)
    }

    /// Series named `name` whose labels include the selector's.
    func series(named name: String, matching selector: Selector) -> [Series] {
        (seriesKeysByName[name] ?? []).compactMap { series[$0] }.filter { selector.matchesLabels($0.labels) }
    }

    /// Attempts that finished in `window` and match the selector (by probe id, `provider`, `error`, `phase`,
    /// `location`).
    func attempts(matching selector: Selector, in window: ClosedRange<Double>) -> [Attempt] {
        let first = attempts.partitioningIndex { $0.finishedAt >= window.lowerBound }
        return attempts[first...].prefix { $0.finishedAt <= window.upperBound }.filter { attempt in
            selector.matchesName(attempt.probe)
                && selector.labels.allSatisfy { label, value in
                    switch label {
                    case "provider": attempt.provider == value
                    case "error": attempt.errorClass == value
                    case "phase": attempt.phase == value
                    case "location": attempt.location == value
                    default: false
                    }
                }
        }
    }
}

extension Observations {
    /// Forgets attempts that finished, and points taken, before `time` (each series keeps its latest point), so a
    /// watcher that only looks back over a window holds that window, not the whole run.
    public mutating func forget(before time: Double) {
        let stale = attempts.partitioningIndex { $0.finishedAt >= time }
        if stale > 0 { attempts.removeFirst(stale) }
        for key in Array(series.keys) {
            let points = series[key]!.points
            let old = Swift.min(points.partitioningIndex { $0.time >= time }, points.count - 1)
            if old > 0 { series[key]!.points.removeFirst(old) }
        }
    }

    /// Attempts in `window` matching the selector that count as evidence: unverified ones are left out.
    func judgedAttempts(matching selector: Selector, in window: ClosedRange<Double>) -> [Attempt] {
        attempts(matching: selector, in: window).filter(\.judged)
    }
}

extension Array {
    /// Index of the first element for which `belongs` holds, assuming it holds for a suffix.
    func partitioningIndex(where belongs: (Element) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if belongs(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}

extension Observations.Series {
    /// Points with time inside `window`.
    func points(in window: ClosedRange<Double>) -> ArraySlice<PromMath.Point> {
        let first = points.partitioningIndex { $0.time >= window.lowerBound }
        let end = points.partitioningIndex { $0.time > window.upperBound }
        return points[first..<Swift.max(first, end)]
    }
}
