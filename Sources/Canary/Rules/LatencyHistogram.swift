import Histogram

/// Latencies in an HdrHistogram at microsecond resolution (1 µs … 1 h, three significant digits).
public struct LatencyHistogram: Sendable {
    private var histogram = Histogram<UInt64>(
        lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .three)

    public init() {}

    /// Records one latency; values beyond an hour count as an hour.
    public mutating func record(seconds: Double) {
        let micros = UInt64(Swift.max(1, Swift.min(seconds * 1e6, 3_600_000_000)))
        _ = histogram.record(micros)
    }

    /// How many latencies were recorded.
    public var count: Int { Int(histogram.totalCount) }

    /// The latency at quantile `q` (0…1), in seconds; nil when empty.
    public func quantile(_ q: Double) -> Double? {
        guard histogram.totalCount > 0 else { return nil }
        return Double(histogram.valueAtPercentile(q * 100)) / 1e6
    }

    /// The largest latency, in seconds; nil when empty.
    public var max: Double? { histogram.totalCount > 0 ? Double(histogram.max) / 1e6 : nil }
}
