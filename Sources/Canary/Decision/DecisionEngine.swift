import Foundation

/// Turns what a run recorded into a decision. Pure: the same records always give the same decision,
/// so a report rebuilt from the database agrees with the run.
///
/// - `rollback`: a critical alert fired, or a probe proved the release broken.
/// - `fix-and-retest`: otherwise, if the run did not complete, a warning fired, a gate missed,
///   a gate had no data, or no probe ran at all. Gates left without data by a run that ended early
///   share one reason.
/// - `go`: none of the above.
///
/// ```swift
/// let outcome = DecisionEngine.decide(DecisionInput(end: .completed, alerts: [], gates: verdicts, findings: [], attempts: 120))
/// ```
public enum DecisionEngine {
    /// Decides.
    public static func decide(_ input: DecisionInput) -> DecisionOutcome {
        var rollback: [String] = []
        var retest: [String] = []
        for event in input.alerts where event.state == .fired {
            let line = "\(event.level.rawValue) alert \"\(event.rule)\" fired at \(ClockText.format(event.at, speed: input.speed)): "
                + "\(event.condition) (observed \(event.value.map(NumberText.format) ?? "n/a"))"
            if event.level == .critical { rollback.append(line) } else { retest.append(line) }
        }
        for finding in input.findings {
            rollback.append("probe \(finding.probe) proved the release broken: \(finding.detail)")
        }
        switch input.end {
        case .completed, .stoppedOnCritical: break
        case .interrupted: retest.insert("the run was interrupted before the timeline ended, so the evidence is incomplete", at: 0)
        case .unfinished: retest.insert("the run never recorded its end, so the evidence is incomplete", at: 0)
        }
        if input.attempts == 0 {
            retest.append("no probe attempt finished: there is no evidence at all")
        }
        var cutShort: [String] = []
        for gate in input.gates {
            switch gate.verdict {
            case .pass: break
            case .fail:
                retest.append(
                    "gate \"\(gate.gate)\" missed: observed \(gate.observed.map(NumberText.format) ?? "n/a"), needs \(gate.threshold) over \(gate.window)")
            case .noData where input.end != .completed:
                cutShort.append("\"\(gate.gate)\"")
            case .noData:
                retest.append(
                    "gate \"\(gate.gate)\" has no data: \(gate.samples) of \(gate.minSamples) samples needed over \(gate.window)")
            }
        }
        if !cutShort.isEmpty {
            // A run that ended early starves most gates; one line keeps the reasons that matter readable.
            retest.append(
                "\(cutShort.count) gate\(cutShort.count == 1 ? "" : "s") had no data because the run ended early: "
                    + cutShort.joined(separator: ", "))
        }
        if !rollback.isEmpty { return DecisionOutcome(decision: .rollback, reasons: rollback + retest) }
        if !retest.isEmpty { return DecisionOutcome(decision: .fixAndRetest, reasons: retest) }
        return DecisionOutcome(
            decision: .go,
            reasons: ["the full timeline ran, no alert fired and all \(input.gates.count) gates passed"])
    }
}

/// What the decision is made from.
public struct DecisionInput: Sendable {
    public var end: RunEnd
    public var speed: Double
    public var alerts: [AlertEvent]
    public var gates: [GateVerdict]
    public var findings: [Finding]
    /// Finished probe attempts, of any outcome.
    public var attempts: Int

    public init(end: RunEnd, speed: Double = 1, alerts: [AlertEvent], gates: [GateVerdict], findings: [Finding], attempts: Int) {
        self.end = end
        self.speed = speed
        self.alerts = alerts
        self.gates = gates
        self.findings = findings
        self.attempts = attempts
    }
}

/// A probe attempt that proved the release broken.
public struct Finding: Sendable, Equatable, Codable {
    public var probe: String
    public var detail: String

    public init(probe: String, detail: String) {
        self.probe = probe
        self.detail = detail
    }
}
