/// Cumulative bucket counts, sum and count of one histogram series.
public struct HistogramValue: Sendable, Hashable {
    /// Upper bounds of the finite buckets, ascending; `+Inf` is implied.
    public let bounds: [Double]
    /// Observations at or below each bound (cumulative), same order as `bounds`.
    public private(set) var cumulativeCounts: [UInt64]
    /// Sum of all observed values.
    public private(set) var sum: Double = 0
    /// Number of observations (the `+Inf` bucket).
    public private(set) var count: UInt64 = 0

    /// Creates an empty histogram with the given bucket bounds.
    public init(bounds: [Double]) {
        self.bounds = bounds.sorted()
        self.cumulativeCounts = Array(repeating: 0, count: bounds.count)
    }

    /// Adds one observation.
    public mutating func observe(_ value: Double) {
        for (index, bound) in bounds.enumerated() where value <= bound {
            cumulativeCounts[index] += 1
        }
        sum += value
        count += 1
    }
}
