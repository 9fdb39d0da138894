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
        public var probe: String
        public var provider: String?
        public var phase: String
        /// When it finished, seconds since the run began.
        public var finishedAt: Double
        /// Seconds from its intended start to its end.
        public var latency: Double
        public var passed: Bool
        public var errorClass: String?

        public init(
            probe: String, provider: String?, phase: String, finishedAt: Double, latency: Double, passed: Bool,
            errorClass: String?
        ) {
            self.probe = probe
            self.provider = provider
            self.phase = phase
            self.finishedAt = finishedAt
            self.latency = latency
            self.passed = passed
            self.errorClass = errorClass
        }
    }

    private(set) var series: [String: Series] = [:]
    private(set) var seriesKeysByName: [String: [String]] = [:]
    /// Attempts in the order they finished.
    public private(set) var attempts: [Attempt] = []
    /// Latencies of the baseline run per probe instance, for `latency_regressions`; nil without a baseline.
    public var baseline: [ProbeKey: [Double]]?

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

    /// Attempts that finished in `window` and match the selector (by probe id, `provider`, `error`, `phase`).
    func attempts(matching selector: Selector, in window: ClosedRange<Double>) -> [Attempt] {
        let first = attempts.partitioningIndex { $0.finishedAt >= window.lowerBound }
        return attempts[first...].prefix { $0.finishedAt <= window.upperBound }.filter { attempt in
            selector.matchesName(attempt.probe)
                && selector.labels.allSatisfy { label, value in
                    switch label {
                    case "provider": attempt.provider == value
                    case "error": attempt.errorClass == value
                    case "phase": attempt.phase == value
                    default: false
                    }
                }
        }
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
