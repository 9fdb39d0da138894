/// Turns what a run recorded, as the ``Judge`` read it from the store, into a decision. Pure: the same input
/// always gives the same decision and reasons.
///
/// | decision | when |
/// |---|---|
/// | `rollback` | a probe proved the release broken, a critical alert fired, or a critical gate missed |
/// | `fix-and-retest` | otherwise: a warning fired, a gate missed or had no data, the run did not complete |
/// | | or went unwatched for longer than an alert window, or nothing ran |
/// | `go` | none of the above |
///
/// Reasons lead with what broke the release: findings, then the probe instances whose attempts failed under
/// critical rules (most failures first, with the most common failure quoted), then critical metric alerts and
/// gates, then warnings, missed gates, an incomplete run, and gates without data grouped by cause.
///
/// ```swift
/// let input = DecisionInput(end: .completed, alerts: [], gates: verdicts, findings: [], attempts: 120)
/// let outcome = DecisionEngine.decide(input)
/// ```
public enum DecisionEngine {
    /// Decides.
    public static func decide(_ input: DecisionInput) -> DecisionOutcome {
        var rollback = findingReasons(input.findings)
        rollback += contractReasons(input)
        // Critical rules without probe evidence (over metrics) are reasons of their own.
        let telling = { (evidence: [ProbeEvidence]) in evidence.contains(where: \.isTelling) }
        rollback += input.alerts.filter { $0.state == .fired && $0.level == .critical && !telling($0.evidence) }
            .map { alertReason($0, effect: .rollback) }
        rollback += input.gates.filter { $0.verdict == .fail && $0.severity == .critical && !telling($0.evidence) }
            .map { gateReason($0, effect: .rollback) }

        var retest: [Reason] = input.alerts.filter { $0.state == .fired && $0.level == .warning }
            .map { alertReason($0, effect: .fixAndRetest) }
        retest += input.gates.filter { $0.verdict == .fail && $0.severity == .warning }
            .map { gateReason($0, effect: .fixAndRetest) }
        retest += gapReasons(input)
        retest += input.silentLocations.map(silentReason)
        if let incomplete = incompleteReason(input) { retest.append(incomplete) }
        retest += noDataReasons(input.gates, end: input.end)
        if input.attempts == 0 { retest.append(Reason(cause: .noEvidence, effect: .fixAndRetest)) }

        if !rollback.isEmpty { return DecisionOutcome(decision: .rollback, reasons: rollback + retest) }
        if !retest.isEmpty { return DecisionOutcome(decision: .fixAndRetest, reasons: retest) }
        var passed = Reason(cause: .allPassed, effect: .go)
        passed.count = input.gates.count
        if !input.uncountedLocations.isEmpty {
            passed.locations = input.uncountedLocations
            passed.minLocationFailed = input.minLocationFailed
        }
        return DecisionOutcome(decision: .go, reasons: [passed])
    }

    private static func findingReasons(_ findings: [Finding]) -> [Reason] {
        findings.sorted { ($1.count, $0.at) < ($0.count, $1.at) }.map { finding in
            var reason = Reason(cause: .brokenRelease, effect: .rollback)
            reason.probe = finding.probe
            reason.provider = finding.provider
            reason.detail = finding.detail
            reason.detailCount = finding.count
            reason.at = finding.at
            return reason
        }
    }

    /// One reason per probe instance failing under a critical rule over probe results, merging rules that
    /// blame the same instance; the most failed attempts first.
    private static func contractReasons(_ input: DecisionInput) -> [Reason] {
        var byInstance: [ProbeKey: Reason] = [:]
        var order: [ProbeKey] = []
        func add(_ evidence: ProbeEvidence, rule: String, fill: (inout Reason) -> Void) {
            guard evidence.failed > 0 else { return }
            if var known = byInstance[evidence.key] {
                if !known.rules.contains(rule) { known.rules.append(rule) }
                byInstance[evidence.key] = known
                return
            }
            var reason = Reason(cause: .contractFailed, effect: .rollback, evidence: evidence)
            reason.severity = .critical
            reason.rules = [rule]
            fill(&reason)
            byInstance[evidence.key] = reason
            order.append(evidence.key)
        }
        for gate in input.gates where gate.verdict == .fail && gate.severity == .critical {
            for evidence in gate.evidence {
                add(evidence, rule: gate.gate) { reason in
                    reason.locations = gate.missedAt
                    reason.observed = gate.observed
                    reason.threshold = gate.threshold
                    reason.unit = gate.unit
                    reason.window = gate.window
                }
            }
        }
        for event in input.alerts where event.state == .fired && event.level == .critical {
            for evidence in event.evidence {
                add(evidence, rule: event.name) { reason in
                    reason.locations = event.locations
                    reason.at = event.at
                    reason.observed = event.value
                    reason.unit = event.unit
                }
            }
        }
        let indexed = order.enumerated().map { ($0.offset, byInstance[$0.element]!) }
        return indexed.sorted { ($1.1.failed ?? 0, $0.0) < ($0.1.failed ?? 0, $1.0) }.map(\.1)
    }

    private static func alertReason(_ event: AlertEvent, effect: Decision) -> Reason {
        var reason = event.evidence.first(where: \.isTelling)
            .map { Reason(cause: .warningAlert, effect: effect, evidence: $0) }
            ?? Reason(cause: .warningAlert, effect: effect)
        reason.cause = event.level == .critical ? .criticalAlert : .warningAlert
        reason.severity = event.level
        reason.rules = [event.name]
        reason.at = event.at
        reason.observed = event.value
        reason.unit = event.unit
        reason.threshold = event.condition
        reason.locations = event.locations
        return reason
    }

    private static func gateReason(_ gate: GateVerdict, effect: Decision) -> Reason {
        var reason = gate.evidence.first(where: \.isTelling)
            .map { Reason(cause: .gateMissed, effect: effect, evidence: $0) }
            ?? Reason(cause: .gateMissed, effect: effect)
        reason.cause = gate.severity == .critical ? .criticalGate : .gateMissed
        reason.severity = gate.severity
        reason.rules = [gate.gate]
        reason.observed = gate.observed
        reason.threshold = gate.threshold
        reason.unit = gate.unit
        reason.window = gate.window
        reason.locations = gate.missedAt
        return reason
    }

    private static func silentReason(_ location: LocationSummary) -> Reason {
        var reason = Reason(cause: .locationSilent, effect: .fixAndRetest)
        reason.locations = [location.name]
        reason.at = location.lastSeen
        return reason
    }

    private static func gapReasons(_ input: DecisionInput) -> [Reason] {
        guard let limit = input.shortestAlertWindow else { return [] }
        return input.gaps.filter { $0.seconds * input.speed > limit }.map { gap in
            var reason = Reason(cause: .unwatchedGap, effect: .fixAndRetest)
            reason.at = gap.at
            reason.seconds = gap.seconds * input.speed
            reason.limitSeconds = limit
            return reason
        }
    }

    private static func incompleteReason(_ input: DecisionInput) -> Reason? {
        switch input.end {
        case .completed, .stoppedOnCritical: return nil
        case .interrupted, .unfinished:
            var reason = Reason(cause: .incomplete, effect: .fixAndRetest)
            reason.end = input.end
            reason.at = input.reach
            return reason
        }
    }

    /// Gates without data, one reason per cause; gates starved by an early end share one.
    private static func noDataReasons(_ gates: [GateVerdict], end: RunEnd) -> [Reason] {
        var groups: [(key: NoDataCause, gates: [GateVerdict])] = []
        for gate in gates where gate.verdict == .noData {
            var cause = gate.noDataCause ?? (end == .completed ? .tooFewSamples : .runEndedEarly)
            if end != .completed, cause == .tooFewSamples { cause = .runEndedEarly }
            // Metric gates missing from one source share a line, whatever metric each lacks.
            var key = cause
            if case .metricAbsent(_, let source) = cause { key = .metricAbsent(metric: "", source: source) }
            if let index = groups.firstIndex(where: { $0.key == key }) {
                groups[index].gates.append(gate)
            } else {
                groups.append((key, [gate]))
            }
        }
        return groups.map { group in
            var reason = Reason(cause: .noData, effect: .fixAndRetest)
            reason.rules = group.gates.map(\.gate)
            reason.count = group.gates.count
            reason.noData = group.key
            if case .metricAbsent(_, let source) = group.key {
                var metrics: [String] = []
                for gate in group.gates {
                    if case .metricAbsent(let metric, _) = gate.noDataCause, !metrics.contains(metric) {
                        metrics.append(metric)
                    }
                }
                reason.detail = metrics.joined(separator: ", ")
                reason.noData = .metricAbsent(metric: reason.detail ?? "", source: source)
            }
            if group.key == .tooFewSamples {
                reason.detail = group.gates.map { "\"\($0.gate)\" \($0.samples) of \($0.minSamples)" }
                    .joined(separator: ", ")
            }
            return reason
        }
    }
}

/// What the decision is made from, as the ``Judge`` read it from the store.
public struct DecisionInput: Sendable {
    public var end: RunEnd
    public var speed: Double
    /// Alert transitions; evidence is attached to fired alerts over probe results.
    public var alerts: [AlertEvent]
    public var gates: [GateVerdict]
    public var findings: [Finding]
    /// Finished probe attempts, of any outcome.
    public var attempts: Int
    /// Real seconds since the start the run's results reach.
    public var reach: Double
    /// Stretches the run went unwatched (killed, then resumed).
    public var gaps: [RunGap]
    /// Plan seconds of the plan's shortest alert window; a gap longer than it can never be `go`.
    public var shortestAlertWindow: Double?
    /// Locations of the run that stopped reporting or never did; any one keeps the run from `go`.
    public var silentLocations: [LocationSummary] = []
    /// Locations where an alert fired or a gate missed on their own results, whether the quorum counted it or not,
    /// so a `go` can say what it did not count.
    public var uncountedLocations: [String] = []
    /// The plan's `min_location_failed`.
    public var minLocationFailed = 1

    public init(
        end: RunEnd, speed: Double = 1, alerts: [AlertEvent], gates: [GateVerdict], findings: [Finding], attempts: Int,
        reach: Double = 0, gaps: [RunGap] = [], shortestAlertWindow: Double? = nil
    ) {
        self.end = end
        self.speed = speed
        self.alerts = alerts
        self.gates = gates
        self.findings = findings
        self.attempts = attempts
        self.reach = reach
        self.gaps = gaps
        self.shortestAlertWindow = shortestAlertWindow
    }
}

/// A stretch of a resumed run during which nothing watched the target.
public struct RunGap: Sendable, Equatable, Codable {
    /// Real seconds since the run began (on the run's own clock) where the gap lies.
    public var at: Double
    /// Real (wall-clock) seconds between the last result before it and the resume.
    public var seconds: Double

    public init(at: Double, seconds: Double) {
        self.at = at
        self.seconds = seconds
    }
}
