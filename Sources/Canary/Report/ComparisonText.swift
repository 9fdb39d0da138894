/// Sentences and cells describing a baseline comparison, shared by every format.
public enum ComparisonText {
    /// One line: counts, medians, p-value and effect size.
    public static func summary(_ row: LatencyComparison.Row) -> String {
        var text = "baseline n=\(row.baselineCount) median \(QuantityText.latency(row.baselineMedian)), "
            + "canary n=\(row.candidateCount) median \(QuantityText.latency(row.candidateMedian))"
        if let p = row.pValue, let cl = row.commonLanguage {
            text += ", p=\(pValue(p)), P(canary slower)=\(String(format: "%.2f", cl))"
        }
        return text
    }

    /// A p-value for people: `< 0.0001` or four significant digits.
    public static func pValue(_ p: Double) -> String {
        p < 0.0001 ? "< 0.0001" : NumberText.format(p)
    }

    /// ` (the last go run)` when the baseline was chosen by rule rather than named.
    public static func chosen(_ baseline: RunBaseline) -> String {
        baseline.chosenBy == "last-go" ? " (the last go run)" : ""
    }

    /// The verdict word with a mark.
    public static func verdict(_ verdict: LatencyComparison.Verdict) -> String {
        switch verdict {
        case .pass: "✅ pass"
        case .regressed: "❌ regressed"
        case .tooFewSamples: "⚠️ too few samples"
        }
    }

    /// The policy as a sentence.
    public static func policy(_ policy: ComparisonPolicy) -> String {
        "one-sided Mann-Whitney U per probe; regressed when p < \(NumberText.format(policy.alpha)), "
            + "P(canary slower) ≥ \(NumberText.format(policy.minimumEffect)) and the median is at least "
            + "\(QuantityText.latency(policy.minimumShift)) slower; fewer than \(policy.minimumSamples) latencies on a side is too few"
    }
}
