import Histogram

/// The value of a query at one moment, and how much evidence it rests on.
public struct Evaluation: Sendable, Equatable {
    /// The measured value; nil means no data, which never passes a gate.
    public var value: Double?
    /// How many samples (scrapes, observations or attempts) the value rests on.
    public var samples: Int

    /// No data at all.
    public static let noData = Evaluation(value: nil, samples: 0)
}

extension Query {
    /// How long a gauge value stays current without a fresh scrape, in plan time (as Prometheus's lookback).
    static let staleness: Duration = .seconds(300)

    /// Evaluates the query at `now` (seconds since the run began); plan-time ranges are divided by `speed`.
    public func evaluate(_ observations: Observations, at now: Double, speed: Double) -> Evaluation {
        switch self {
        case .latest(let selector):
            let window = (now - Self.staleness.seconds / speed)...now
            let latest = observations.series(named: selector.name, matching: selector).compactMap {
                $0.points(in: window).last?.value
            }
            return latest.isEmpty ? .noData : Evaluation(value: latest.reduce(0, +), samples: latest.count)
        case .increase(let selector, let range):
            let window = Self.window(range, now: now, speed: speed)
            var total = 0.0, samples = 0, found = false
            for series in observations.series(named: selector.name, matching: selector) {
                let points = Array(series.points(in: window))
                guard let increase = PromMath.increase(points, rangeStart: window.lowerBound, rangeEnd: window.upperBound)
                else { continue }
                total += increase
                samples = Swift.max(samples, points.count)
                found = true
            }
            return found ? Evaluation(value: total, samples: samples) : .noData
        case .overTime(let extreme, let selector, let range):
            let window = Self.window(range, now: now, speed: speed)
            let values = observations.series(named: selector.name, matching: selector).flatMap {
                $0.points(in: window).map(\.value)
            }
            guard let value = extreme == .max ? values.max() : values.min() else { return .noData }
            return Evaluation(value: value, samples: values.count)
        case .histogramQuantile(let quantile, let selector, let range):
            return Self.histogramQuantile(quantile, selector, Self.window(range, now: now, speed: speed), observations)
        case .probeFailures(let selector, let range):
            let attempts = observations.judgedAttempts(matching: selector, in: Self.window(range, now: now, speed: speed))
            return Evaluation(value: Double(attempts.count { !$0.passed }), samples: attempts.count)
        case .probeSuccessRatio(let selector, let range):
            let attempts = observations.judgedAttempts(matching: selector, in: Self.window(range, now: now, speed: speed))
            guard !attempts.isEmpty else { return .noData }
            return Evaluation(value: Double(attempts.count(where: \.passed)) / Double(attempts.count), samples: attempts.count)
        case .probeQuantile(let quantile, let selector, let range):
            let attempts = observations.judgedAttempts(matching: selector, in: Self.window(range, now: now, speed: speed))
            guard !attempts.isEmpty else { return .noData }
            var histogram = LatencyHistogram()
            for attempt in attempts { histogram.record(seconds: attempt.latency) }
            return Evaluation(value: histogram.quantile(quantile), samples: attempts.count)
        case .latencyRegressions(let selector, let range):
            return Self.evaluateLatencyRegressions(selector, Self.window(range, now: now, speed: speed), observations)
        }
    }

    static func window(_ range: Range, now: Double, speed: Double) -> ClosedRange<Double> {
        switch range {
        case .run: 0...Swift.max(now, 0)
        case .last(let duration): Swift.max(0, now - duration.seconds / speed)...Swift.max(now, 0)
        }
    }

    private static func histogramQuantile(
        _ quantile: Double, _ selector: Selector, _ window: ClosedRange<Double>, _ observations: Observations
    ) -> Evaluation {
        var buckets: [Double: Double] = [:]
        for series in observations.series(named: selector.name + "_bucket", matching: selector) {
            guard let bound = series.labels["le"].flatMap(Self.bucketBound) else { continue }
            let points = Array(series.points(in: window))
            guard let increase = PromMath.increase(points, rangeStart: window.lowerBound, rangeEnd: window.upperBound)
            else { continue }
            buckets[bound, default: 0] += increase
        }
        let observationCount = buckets[.infinity] ?? 0
        guard observationCount > 0,
            let value = PromMath.histogramQuantile(quantile, buckets: buckets.map { (le: $0.key, count: $0.value) })
        else { return Evaluation(value: nil, samples: Int(observationCount.rounded())) }
        return Evaluation(value: value, samples: Int(observationCount.rounded()))
    }

    private static func bucketBound(_ text: String) -> Double? {
        text == "+Inf" ? .infinity : Double(text)
    }
}
