/// Per probe instance, whether a candidate run's latencies regressed against a baseline run's.
public struct LatencyComparison: Sendable, Codable, Equatable {
    /// The verdict on one probe instance.
    public enum Verdict: String, Sendable, Codable {
        /// Not measurably slower (or faster).
        case pass
        /// Slower with p < alpha, a meaningful effect size and a meaningful median shift.
        case regressed
        /// Fewer latencies than the policy's minimum on a side: no verdict, and never a pass.
        case tooFewSamples = "too-few-samples"
    }

    /// One probe instance compared.
    public struct Row: Sendable, Codable, Equatable {
        public var probe: String
        public var provider: String?
        public var baselineCount: Int
        public var candidateCount: Int
        /// Medians in seconds; nil on a side with no latencies.
        public var baselineMedian: Double?
        public var candidateMedian: Double?
        public var baselineP95: Double?
        public var candidateP95: Double?
        /// One-sided p-value; nil when too few samples.
        public var pValue: Double?
        /// Common-language effect size P(candidate slower); nil when too few samples.
        public var commonLanguage: Double?
        public var verdict: Verdict

        /// `probe` or `probe (provider)`.
        public var key: ProbeKey { ProbeKey(probe: probe, provider: provider) }
    }

    public var baselineRunID: String
    public var candidateRunID: String
    public var policy: ComparisonPolicy
    /// Every probe instance either run has, sorted.
    public var rows: [Row]

    /// Whether every row passed; too few samples or a regression anywhere is not a pass.
    public var passed: Bool { rows.allSatisfy { $0.verdict == .pass } && !rows.isEmpty }

    /// Compares per probe instance.
    public init(
        baselineRunID: String, candidateRunID: String, baseline: [ProbeKey: [Double]], candidate: [ProbeKey: [Double]],
        policy: ComparisonPolicy = .standard
    ) {
        self.baselineRunID = baselineRunID
        self.candidateRunID = candidateRunID
        self.policy = policy
        rows = Set(baseline.keys).union(candidate.keys).sorted().map { key in
            Self.compare(key, baseline[key] ?? [], candidate[key] ?? [], policy)
        }
    }

    /// Compares one probe instance's latencies.
    public static func compare(_ key: ProbeKey, _ baseline: [Double], _ candidate: [Double], _ policy: ComparisonPolicy) -> Row {
        let sortedBaseline = baseline.sorted(), sortedCandidate = candidate.sorted()
        var row = Row(
            probe: key.probe, provider: key.provider, baselineCount: baseline.count, candidateCount: candidate.count,
            baselineMedian: quantile(0.5, sortedBaseline), candidateMedian: quantile(0.5, sortedCandidate),
            baselineP95: quantile(0.95, sortedBaseline), candidateP95: quantile(0.95, sortedCandidate),
            pValue: nil, commonLanguage: nil, verdict: .tooFewSamples)
        guard baseline.count >= policy.minimumSamples, candidate.count >= policy.minimumSamples else { return row }
        let test = MannWhitneyU(baseline: baseline, candidate: candidate)
        row.pValue = test.pValue
        row.commonLanguage = test.commonLanguage
        let shift = (row.candidateMedian ?? 0) - (row.baselineMedian ?? 0)
        let regressed = test.pValue < policy.alpha && test.commonLanguage >= policy.minimumEffect
            && shift >= policy.minimumShift
        row.verdict = regressed ? .regressed : .pass
        return row
    }

    /// Nearest-rank quantile of sorted values.
    static func quantile(_ q: Double, _ sorted: [Double]) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((q * Double(sorted.count)).rounded(.up))
        return sorted[Swift.min(Swift.max(rank, 1), sorted.count) - 1]
    }
}
