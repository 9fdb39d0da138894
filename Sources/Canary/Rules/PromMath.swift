/// The arithmetic Prometheus uses for `increase()` and `histogram_quantile()`, on plain numbers.
public enum PromMath {
    /// One point of a series: seconds (any epoch) and value.
    public struct Point: Sendable, Equatable {
        /// Seconds since any fixed epoch.
        public var time: Double
        /// The sample value.
        public var value: Double

        /// Creates a point.
        public init(time: Double, value: Double) {
            self.time = time
            self.value = value
        }
    }

    /// Prometheus's `increase(v[range])` over points already restricted to [rangeStart, rangeEnd]:
    /// counter resets are handled (a drop means the counter restarted from 0), and the result is
    /// extrapolated to the range edges exactly as Prometheus's extrapolatedRate does (extrapolate to
    /// an edge only if the gap is < 1.1 × average sample interval, otherwise by half an interval;
    /// never extrapolate below zero for counters). Returns nil with fewer than 2 points.
    public static func increase(_ points: [Point], rangeStart: Double, rangeEnd: Double) -> Double? {
        let points = sortedByTime(points)
        guard points.count >= 2, let first = points.first, let last = points.last,
              let increase = rawIncreaseOfSorted(points)
        else { return nil }

        let sampledInterval = last.time - first.time
        // Prometheus never has two samples at one timestamp; with no interval there is nothing to scale.
        guard sampledInterval > 0 else { return increase }
        let averageInterval = sampledInterval / Double(points.count - 1)
        let threshold = averageInterval * 1.1

        var durationToStart = first.time - rangeStart
        if durationToStart >= threshold {
            durationToStart = averageInterval / 2
        }
        if increase > 0 && first.value >= 0 {
            // Where the line through the samples reaches zero: a counter cannot be extrapolated past it.
            let durationToZero = sampledInterval * (first.value / increase)
            if durationToZero < durationToStart {
                durationToStart = durationToZero
            }
        }

        var durationToEnd = rangeEnd - last.time
        if durationToEnd >= threshold {
            durationToEnd = averageInterval / 2
        }

        let extrapolatedInterval = sampledInterval + durationToStart + durationToEnd
        return increase * (extrapolatedInterval / sampledInterval)
    }

    /// Like increase but without extrapolation: the raw increase with resets handled (nil with < 2 points).
    public static func rawIncrease(_ points: [Point]) -> Double? {
        rawIncreaseOfSorted(sortedByTime(points))
    }

    /// Prometheus's `histogram_quantile(q, buckets)` for classic cumulative buckets given as
    /// (upper bound `le`, cumulative count).
    /// Sorts by le, requires a +Inf bucket (else nil), fixes non-monotonic counts as Prometheus does,
    /// q<0 → -Inf, q>1 → +Inf, total 0 → nil (no observations: "no data"), rank in +Inf bucket → upper bound
    /// of the highest finite bucket, lower bound of the first bucket is 0 when its upper bound is > 0,
    /// linear interpolation inside the bucket.
    public static func histogramQuantile(_ q: Double, buckets: [(le: Double, count: Double)]) -> Double? {
        guard !buckets.isEmpty else { return nil }
        if q.isNaN { return .nan }
        if q < 0 { return -.infinity }
        if q > 1 { return .infinity }

        let sorted = buckets.sorted { $0.le < $1.le }
        guard let highest = sorted.last, highest.le == .infinity else { return nil }

        var merged = coalesced(sorted)
        makeMonotonic(&merged)
        // A lone +Inf bucket says nothing about where observations lie.
        guard merged.count >= 2 else { return nil }
        let observations = merged[merged.count - 1].count
        guard observations > 0 else { return nil }

        var rank = q * observations
        // The first bucket whose cumulative count reaches the rank (the +Inf bucket always does).
        let lastIndex = merged.count - 1
        let index = merged[..<lastIndex].firstIndex { $0.count >= rank } ?? lastIndex
        if index == lastIndex {
            return merged[lastIndex - 1].le
        }
        if index == 0 && merged[0].le <= 0 {
            return merged[0].le
        }
        var bucketStart = 0.0
        let bucketEnd = merged[index].le
        var count = merged[index].count
        if index > 0 {
            bucketStart = merged[index - 1].le
            count -= merged[index - 1].count
            rank -= merged[index - 1].count
        }
        // As in Prometheus, q = 0 on an empty first bucket gives 0/0 = NaN.
        return bucketStart + (bucketEnd - bucketStart) * (rank / count)
    }

    // MARK: - Helpers

    private static func sortedByTime(_ points: [Point]) -> [Point] {
        var isSorted = true
        for index in points.indices.dropFirst() where points[index - 1].time > points[index].time {
            isSorted = false
            break
        }
        return isSorted ? points : points.sorted { $0.time < $1.time }
    }

    private static func rawIncreaseOfSorted(_ points: [Point]) -> Double? {
        guard points.count >= 2, let first = points.first, let last = points.last else { return nil }
        var result = last.value - first.value
        var previous = 0.0
        for point in points {
            // A drop means the counter restarted from zero: add back what it had reached.
            if point.value < previous {
                result += previous
            }
            previous = point.value
        }
        return result
    }

    /// Merges buckets with the same upper bound by adding their counts (input sorted by `le`).
    private static func coalesced(_ sorted: [(le: Double, count: Double)]) -> [(le: Double, count: Double)] {
        var merged: [(le: Double, count: Double)] = []
        merged.reserveCapacity(sorted.count)
        for bucket in sorted {
            if let lastIndex = merged.indices.last, merged[lastIndex].le == bucket.le {
                merged[lastIndex].count += bucket.count
            } else {
                merged.append(bucket)
            }
        }
        return merged
    }

    /// Prometheus's fix-up of cumulative counts: a count below the previous one is raised to it (scrapes of
    /// different buckets are not atomic), and differences within float noise (relative 1e-12) are ignored.
    private static func makeMonotonic(_ buckets: inout [(le: Double, count: Double)]) {
        guard var previous = buckets.first?.count else { return }
        for index in buckets.indices.dropFirst() {
            let current = buckets[index].count
            if current == previous { continue }
            if nearlyEqual(previous, current) || current < previous {
                buckets[index].count = previous
                continue
            }
            previous = current
        }
    }

    private static func nearlyEqual(_ first: Double, _ second: Double) -> Bool {
        let tolerance = 1e-12
        let difference = abs(first - second)
        if first == 0 || second == 0 || difference < Double.leastNormalMagnitude {
            return difference < tolerance * Double.leastNormalMagnitude
        }
        return difference / (abs(first) + abs(second)) < tolerance
    }
}
