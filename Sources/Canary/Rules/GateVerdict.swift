import Foundation

/// How a gate fared at the end of a run.
public struct GateVerdict: Sendable, Equatable, Codable {
    /// Passed, missed its threshold, or had too few samples to judge.
    public enum Verdict: String, Sendable, Codable { case pass, fail, noData = "no-data" }

    /// How one value of a `per` label fared.
    public struct Group: Sendable, Equatable, Codable {
        public var name: String
        public var observed: Double?
        public var samples: Int
        public var verdict: Verdict
    }

    public var gate: String
    public var condition: String
    /// The measured value (for a `per` gate, the deciding group's); nil when there was no data.
    public var observed: Double?
    /// The comparison and threshold with its unit, e.g. `< 2 s`.
    public var threshold: String
    /// The threshold as a raw number, in `unit`'s base (seconds, fraction, count).
    public var thresholdValue: Double
    /// The unit of `observed` and `thresholdValue`; nil when the plan does not say.
    public var unit: QuantityUnit?
    /// The range it looked at, in plan time (`5m`, `run`).
    public var window: String
    public var samples: Int
    public var minSamples: Int
    public var verdict: Verdict
    /// `critical` decides `rollback` when missed.
    public var severity: Severity
    /// The label the gate is judged per, if any, and each value's verdict.
    public var per: String?
    public var groups: [Group]
    /// For gates over probe results that did not pass: the probe instances that failed or went unverified.
    public var evidence: [ProbeEvidence]
    /// The probe ids it reads (a pattern such as `webhook.*`), for gates over probe results.
    public var probePattern: String?
    /// Why there was no data, when the verdict is `no-data` (set by the ``Judge``).
    public var noDataCause: NoDataCause?
    /// In a run recorded from several locations: where the gate missed. A pass with locations here missed at
    /// fewer than the plan's `min_location_failed`.
    public var missedAt: [String]?

    public init(
        gate: String, condition: String, observed: Double?, threshold: String, thresholdValue: Double = 0,
        unit: QuantityUnit? = nil, window: String, samples: Int, minSamples: Int, verdict: Verdict,
        severity: Severity = .warning, per: String? = nil, groups: [Group] = [], evidence: [ProbeEvidence] = [],
        probePattern: String? = nil, noDataCause: NoDataCause? = nil
    ) {
        self.gate = gate
        self.condition = condition
        self.observed = observed
        self.threshold = threshold
        self.thresholdValue = thresholdValue
        self.unit = unit
        self.window = window
        self.samples = samples
        self.minSamples = minSamples
        self.verdict = verdict
        self.severity = severity
        self.per = per
        self.groups = groups
        self.evidence = evidence
        self.probePattern = probePattern
        self.noDataCause = noDataCause
    }

    /// The observed value with its unit, or `no data`.
    public var observedText: String { observed.map { QuantityText.format($0, unit) } ?? "no data" }
}

extension Gate {
    /// Judges the gate at `now`. Too few samples is `no-data`, never a pass; a `per` gate passes only when every
    /// value of its label passes.
    public func judge(_ observations: Observations, at now: Double, speed: Double) -> GateVerdict {
        let groups = condition.evaluations(observations, at: now, speed: speed, per: per).map { group, evaluation in
            let verdict: GateVerdict.Verdict
            if let value = evaluation.value, evaluation.samples >= minSamples {
                verdict = condition.holds(for: value) ? .pass : .fail
            } else {
                verdict = .noData
            }
            return GateVerdict.Group(
                name: group ?? "", observed: evaluation.value, samples: evaluation.samples, verdict: verdict)
        }
        let deciding = decidingGroup(groups)
        let verdict: GateVerdict.Verdict =
            groups.contains { $0.verdict == .fail } ? .fail
            : groups.isEmpty || groups.contains { $0.verdict == .noData } ? .noData : .pass
        let unit = QuantityUnit.of(condition.query)
        var evidence: [ProbeEvidence] = []
        if verdict != .pass, condition.query.readsProbes {
            let window = Query.window(condition.query.range ?? .run, now: now, speed: speed)
            let failing = Set(groups.filter { $0.verdict != .pass }.map(\.name))
            evidence = observations.evidence(matching: condition.query.selector, in: window).filter { item in
                guard item.failed > 0 || item.unverified > 0 else { return false }
                switch per {
                case "provider": return failing.contains(item.provider ?? "")
                case "probe": return failing.contains(item.probe)
                default: return true
                }
            }
        }
        return GateVerdict(
            gate: name, condition: condition.source, observed: deciding?.observed,
            threshold: QuantityText.threshold(condition.comparison, condition.threshold, unit),
            thresholdValue: condition.threshold, unit: unit,
            window: condition.query.range.map(RangeText.format) ?? "latest", samples: deciding?.samples ?? 0,
            minSamples: minSamples, verdict: verdict, severity: severity, per: per,
            groups: per == nil ? [] : groups, evidence: evidence,
            probePattern: condition.query.readsProbes ? condition.query.selector.name : nil)
    }

    /// The group that decides the verdict: the worst failing one, else one without data, else the closest pass.
    private func decidingGroup(_ groups: [GateVerdict.Group]) -> GateVerdict.Group? {
        let worstFirst: (GateVerdict.Group, GateVerdict.Group) -> Bool = { lhs, rhs in
            let l = lhs.observed ?? 0, r = rhs.observed ?? 0
            switch condition.comparison {
            case .less, .lessOrEqual: return l > r
            case .greater, .greaterOrEqual: return l < r
            case .equal, .notEqual: return false
            }
        }
        if let failing = groups.filter({ $0.verdict == .fail }).sorted(by: worstFirst).first { return failing }
        if let missing = groups.first(where: { $0.verdict == .noData }) { return missing }
        return groups.sorted(by: worstFirst).first
    }
}
