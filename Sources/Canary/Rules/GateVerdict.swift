import Foundation

/// How a gate fared at the end of a run.
public struct GateVerdict: Sendable, Equatable, Codable {
    /// Passed, missed its threshold, or had too few samples to judge.
    public enum Verdict: String, Sendable, Codable { case pass, fail, noData = "no-data" }

    public var gate: String
    public var condition: String
    /// The measured value; nil when there was no data.
    public var observed: Double?
    /// The comparison and threshold, e.g. `< 2`.
    public var threshold: String
    /// The range it looked at, in plan time (`5m`, `run`).
    public var window: String
    public var samples: Int
    public var minSamples: Int
    public var verdict: Verdict

    public init(
        gate: String, condition: String, observed: Double?, threshold: String, window: String, samples: Int,
        minSamples: Int, verdict: Verdict
    ) {
        self.gate = gate
        self.condition = condition
        self.observed = observed
        self.threshold = threshold
        self.window = window
        self.samples = samples
        self.minSamples = minSamples
        self.verdict = verdict
    }
}

extension Gate {
    /// Judges the gate at the end of a run. Too few samples is `no-data`, never a pass.
    public func judge(_ observations: Observations, at now: Double, speed: Double) -> GateVerdict {
        let evaluation = condition.query.evaluate(observations, at: now, speed: speed)
        let verdict: GateVerdict.Verdict
        if let value = evaluation.value, evaluation.samples >= minSamples {
            verdict = condition.holds(for: value) ? .pass : .fail
        } else {
            verdict = .noData
        }
        return GateVerdict(
            gate: name, condition: condition.source, observed: evaluation.value,
            threshold: "\(condition.comparison.rawValue) \(NumberText.format(condition.threshold))",
            window: condition.query.range.map(RangeText.format) ?? "latest", samples: evaluation.samples,
            minSamples: minSamples, verdict: verdict)
    }
}
