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
            threshold: "\(condition.comparison.rawValue) \(ThresholdText.format(condition.threshold))",
            window: condition.query.range.map(RangeText.format) ?? "latest", samples: evaluation.samples,
            minSamples: minSamples, verdict: verdict)
    }
}

/// Formats ranges as plans write them.
enum RangeText {
    static func format(_ range: Range) -> String {
        switch range {
        case .run: "run"
        case .last(let duration): DurationText.format(duration)
        }
    }
}

/// Formats numbers compactly for reports.
public enum ThresholdText {
    /// `2`, `0.95`, `1.5e-05`, `NaN`.
    public static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = String(format: "%.4g", value)
        if text.contains(".") && !text.contains("e") {
            while text.hasSuffix("0") { text.removeLast() }
        }
        return text
    }
}
