import Foundation

/// The Mann-Whitney U test, one-sided: is the second sample stochastically larger than the first?
///
/// Normal approximation with tie correction and continuity correction; meant for samples of 20 or more a
/// side (the exact small-sample distribution is not computed). The effect size is the common-language
/// effect size: the probability that a value from the second sample exceeds one from the first, ties
/// counting half (0.5 means no difference; the rank-biserial correlation is `2·CL − 1`).
///
/// ```swift
/// let test = MannWhitneyU(baseline: [0.010, 0.012, …], candidate: [0.030, 0.031, …])
/// test.pValue            // 1.2e-08
/// test.commonLanguage    // 0.97
/// ```
public struct MannWhitneyU: Sendable, Equatable, Codable {
    /// U of the candidate sample: pairs (baseline, candidate) where the candidate is larger, ties half.
    public var u: Double
    /// Standard score of U under "no difference", tie- and continuity-corrected.
    public var z: Double
    /// One-sided p-value of "the candidate is slower"; 1 when there is no spread at all.
    public var pValue: Double
    /// Common-language effect size `U / (n1·n2)`.
    public var commonLanguage: Double
    public var baselineCount: Int
    public var candidateCount: Int

    /// Rank-biserial correlation, `2·CL − 1` (−1…1; positive means the candidate is slower).
    public var rankBiserial: Double { 2 * commonLanguage - 1 }

    /// Runs the test; both samples must be non-empty.
    public init(baseline: [Double], candidate: [Double]) {
        precondition(!baseline.isEmpty && !candidate.isEmpty, "Mann-Whitney U needs values on both sides")
        let n1 = Double(baseline.count), n2 = Double(candidate.count), n = n1 + n2
        // Rank the pooled values; tied values share the mean of their ranks.
        var pooled = baseline.map { (value: $0, candidate: false) } + candidate.map { (value: $0, candidate: true) }
        pooled.sort { $0.value < $1.value }
        var candidateRankSum = 0.0, tieTerm = 0.0
        var start = 0
        while start < pooled.count {
            var end = start
            while end + 1 < pooled.count, pooled[end + 1].value == pooled[start].value { end += 1 }
            let rank = Double(start + end + 2) / 2
            let tied = Double(end - start + 1)
            if tied > 1 { tieTerm += tied * tied * tied - tied }
            for index in start...end where pooled[index].candidate { candidateRankSum += rank }
            start = end + 1
        }
        let u = candidateRankSum - n2 * (n2 + 1) / 2
        let mean = n1 * n2 / 2
        let variance = n1 * n2 / 12 * ((n + 1) - tieTerm / (n * (n - 1)))
        self.u = u
        commonLanguage = u / (n1 * n2)
        baselineCount = baseline.count
        candidateCount = candidate.count
        if variance > 0 {
            let difference = u - mean
            // Continuity correction towards the mean.
            z = (difference - 0.5 * (difference > 0 ? 1 : difference < 0 ? -1 : 0)) / variance.squareRoot()
            pValue = 0.5 * erfc(z / 2.0.squareRoot())
        } else {
            z = 0
            pValue = 1
        }
    }
}
