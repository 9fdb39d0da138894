/// When a latency difference counts as a regression.
///
/// `regressed` needs all three: p below `alpha` (one-sided Mann-Whitney U), a common-language effect
/// size of at least `minimumEffect`, and a median slow-down of at least `minimumShift` seconds
/// (sub-millisecond jitter on a busy CI machine is significant with thousands of samples, and irrelevant).
public struct ComparisonPolicy: Sendable, Equatable, Codable {
    /// Fewest latencies on each side for a verdict; fewer is `too-few-samples`, never a pass.
    public var minimumSamples: Int
    /// Significance level of the one-sided test.
    public var alpha: Double
    /// Smallest P(canary slower) that matters; 0.5 is no difference.
    public var minimumEffect: Double
    /// Smallest median slow-down that matters, in seconds.
    public var minimumShift: Double

    public init(minimumSamples: Int = 20, alpha: Double = 0.01, minimumEffect: Double = 0.6, minimumShift: Double = 0.005) {
        self.minimumSamples = minimumSamples
        self.alpha = alpha
        self.minimumEffect = minimumEffect
        self.minimumShift = minimumShift
    }

    /// The defaults: 20 samples a side, p < 0.01, CL ≥ 0.6, median at least 5 ms slower.
    public static let standard = ComparisonPolicy()
}
