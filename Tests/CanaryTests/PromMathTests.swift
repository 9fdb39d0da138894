import Canary
import Testing

private func points(_ pairs: [(Double, Double)]) -> [PromMath.Point] {
    pairs.map { PromMath.Point(time: $0.0, value: $0.1) }
}

private func isClose(_ actual: Double?, _ expected: Double) -> Bool {
    guard let actual else { return false }
    return abs(actual - expected) <= 1e-9 * max(1, abs(expected))
}

// MARK: - increase

@Test func increaseWithoutResetAndSamplesOnTheEdges() {
    // Samples sit exactly on both range edges: nothing to extrapolate, 60 - 0 = 60.
    let series = points([(0, 0), (15, 15), (30, 30), (45, 45), (60, 60)])
    #expect(PromMath.increase(series, rangeStart: 0, rangeEnd: 60) == 60)
    #expect(PromMath.rawIncrease(series) == 60)
}

@Test func increaseHandlesACounterReset() {
    // 5→10 (+5), reset to 0 then 2 (+2), 2→6 (+4), 6→9 (+3): 14. Computed as last - first + value before
    // the drop: 9 - 5 + 10 = 14. Samples on both edges, so no extrapolation.
    let series = points([(0, 5), (15, 10), (30, 2), (45, 6), (60, 9)])
    #expect(PromMath.rawIncrease(series) == 14)
    #expect(PromMath.increase(series, rangeStart: 0, rangeEnd: 60) == 14)
}

@Test func increaseExtrapolatesToBothEdges() {
    // Range [0, 60], samples at 5, 20, 35, 50 with values 10, 20, 30, 40.
    // Raw increase 30; sampled interval 45; average interval 15; threshold 1.1 × 15 = 16.5.
    // Gap to start 5 < 16.5 → extrapolate 5; zero point is 45 × 10/30 = 15 before the first sample,
    // further than 5, so no clamp. Gap to end 10 < 16.5 → extrapolate 10.
    // 30 × (45 + 5 + 10) / 45 = 40.
    let series = points([(5, 10), (20, 20), (35, 30), (50, 40)])
    #expect(isClose(PromMath.increase(series, rangeStart: 0, rangeEnd: 60), 40))
    #expect(PromMath.rawIncrease(series) == 30)
}

@Test func increaseExtrapolatesOnlyHalfAnIntervalAcrossLargeGaps() {
    // Range [0, 120], samples at 40, 50, 60, 70 with values 100…130: raw 30, interval 30, average 10,
    // threshold 11. Gaps 40 and 50 are both ≥ 11 → each edge gets 10 / 2 = 5.
    // Zero point 30 × 100/30 = 100 away: no clamp. 30 × (30 + 5 + 5) / 30 = 40.
    let series = points([(40, 100), (50, 110), (60, 120), (70, 130)])
    #expect(isClose(PromMath.increase(series, rangeStart: 0, rangeEnd: 120), 40))
}

@Test func increaseNeverExtrapolatesBelowZero() {
    // Range [0, 60], samples at 10, 25, 40, 55 with values 1, 4, 7, 10: raw 9, interval 45, average 15,
    // threshold 16.5. Gap to start 10 would be used, but the counter hits zero 45 × 1/9 = 5 before the
    // first sample, so the start extrapolation is clamped to 5. Gap to end 5 → 5.
    // 9 × (45 + 5 + 5) / 45 = 11 (without the clamp it would be 9 × 60 / 45 = 12).
    let series = points([(10, 1), (25, 4), (40, 7), (55, 10)])
    #expect(isClose(PromMath.increase(series, rangeStart: 0, rangeEnd: 60), 11))

    // The zero point only ever shortens the start extrapolation, after the half-interval rule: range
    // [0, 100], samples at 50, 60, 70 with values 8, 18, 28: raw 20, interval 20, average 10, threshold 11.
    // Gap 50 ≥ 11 → 5; zero point 20 × 8/20 = 8 is further than 5 → stays 5. Gap to end 30 → 5.
    // 20 × (20 + 5 + 5) / 20 = 30 (clamping before the threshold rule would give 20 × 33 / 20 = 33).
    let late = points([(50, 8), (60, 18), (70, 28)])
    #expect(isClose(PromMath.increase(late, rangeStart: 0, rangeEnd: 100), 30))
}

@Test func increaseNeedsTwoPoints() {
    #expect(PromMath.increase([], rangeStart: 0, rangeEnd: 60) == nil)
    #expect(PromMath.increase(points([(30, 5)]), rangeStart: 0, rangeEnd: 60) == nil)
    #expect(PromMath.rawIncrease([]) == nil)
    #expect(PromMath.rawIncrease(points([(30, 5)])) == nil)
}

@Test func increaseSortsPointsByTime() {
    let series = points([(45, 6), (0, 5), (30, 2), (60, 9), (15, 10)])
    #expect(PromMath.increase(series, rangeStart: 0, rangeEnd: 60) == 14)
}

// MARK: - histogram_quantile

/// 100 observations: 20 ≤ 0.1, 40 in (0.1, 0.25], 30 in (0.25, 0.5], 8 in (0.5, 1], 2 above 1.
private let latencyBuckets: [(le: Double, count: Double)] = [
    (0.1, 20), (0.25, 60), (0.5, 90), (1, 98), (.infinity, 100),
]

@Test func histogramQuantileInterpolatesInsideTheBucket() {
    // p50: rank 50 falls in (0.1, 0.25] holding 40, 30 of them below the rank: 0.1 + 0.15 × 30/40 = 0.2125.
    #expect(isClose(PromMath.histogramQuantile(0.5, buckets: latencyBuckets), 0.2125))
    // p95: rank 95 falls in (0.5, 1] holding 8, 5 below the rank: 0.5 + 0.5 × 5/8 = 0.8125.
    #expect(isClose(PromMath.histogramQuantile(0.95, buckets: latencyBuckets), 0.8125))
    // p10: rank 10 in the first bucket, whose lower bound is 0: 0.1 × 10/20 = 0.05.
    #expect(isClose(PromMath.histogramQuantile(0.1, buckets: latencyBuckets), 0.05))
    // Order of the input does not matter.
    let shuffled = [latencyBuckets[3], latencyBuckets[4], latencyBuckets[0], latencyBuckets[2], latencyBuckets[1]]
    #expect(isClose(PromMath.histogramQuantile(0.95, buckets: shuffled), 0.8125))
}

@Test func histogramQuantileInTheInfBucketIsTheHighestFiniteBound() {
    // p99: rank 99 > 98, so it is in the +Inf bucket → the highest finite upper bound, 1.
    #expect(PromMath.histogramQuantile(0.99, buckets: latencyBuckets) == 1)
    #expect(PromMath.histogramQuantile(1, buckets: latencyBuckets) == 1)
}

@Test func histogramQuantileOutOfRangeQuantiles() {
    #expect(PromMath.histogramQuantile(-0.5, buckets: latencyBuckets) == -.infinity)
    #expect(PromMath.histogramQuantile(1.5, buckets: latencyBuckets) == .infinity)
    #expect(PromMath.histogramQuantile(.nan, buckets: latencyBuckets)?.isNaN == true)
}

@Test func histogramQuantileWithoutInfBucketOrObservationsIsNil() {
    #expect(PromMath.histogramQuantile(0.5, buckets: [(0.1, 20), (0.25, 60), (1, 100)]) == nil)
    #expect(PromMath.histogramQuantile(0.5, buckets: []) == nil)
    #expect(PromMath.histogramQuantile(0.5, buckets: [(0.1, 0), (1, 0), (.infinity, 0)]) == nil)
    #expect(PromMath.histogramQuantile(0.5, buckets: [(.infinity, 10)]) == nil)
}

@Test func histogramQuantileFixesNonMonotonicBuckets() {
    // The 0.5 bucket reads 55 < 60 (buckets scraped at different moments); it is raised to 60.
    // p75: rank 75 falls in (0.5, 1] holding 98 - 60 = 38, 15 below the rank: 0.5 + 0.5 × 15/38.
    // (Unfixed it would be 0.5 + 0.5 × 20/43.)
    let buckets: [(le: Double, count: Double)] = [(0.1, 20), (0.25, 60), (0.5, 55), (1, 98), (.infinity, 100)]
    #expect(isClose(PromMath.histogramQuantile(0.75, buckets: buckets), 0.5 + 0.5 * 15 / 38))
    #expect(isClose(PromMath.histogramQuantile(0.5, buckets: buckets), 0.2125))
}

@Test func histogramQuantileEdgeBuckets() {
    // A first bucket with upper bound ≤ 0 has no known lower bound: its upper bound is returned.
    #expect(PromMath.histogramQuantile(0.25, buckets: [(0, 10), (1, 20), (.infinity, 20)]) == 0)
    // Buckets with the same bound (e.g. from two series) are added together: 10 + 10 ≤ 1, 40 total.
    // p25: rank 10 in (0, 1] holding 20: 1 × 10/20 = 0.5.
    let merged: [(le: Double, count: Double)] = [(1, 10), (1, 10), (2, 20), (2, 20), (.infinity, 20), (.infinity, 20)]
    #expect(isClose(PromMath.histogramQuantile(0.25, buckets: merged), 0.5))
}
