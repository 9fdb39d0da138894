import Canary
import Testing

/// One row per line of the decision table in the architecture notes.
@Suite struct DecisionEngineTests {
    static func alert(_ level: AlertRule.Level, _ state: AlertEvent.State = .fired) -> AlertEvent {
        AlertEvent(rule: "\(level) rule", level: level, state: state, at: 60, value: 1, samples: 5, condition: "x > 0")
    }

    static func gate(_ verdict: GateVerdict.Verdict) -> GateVerdict {
        GateVerdict(
            gate: "g", condition: "x < 1", observed: verdict == .noData ? nil : 0.5, threshold: "< 1", window: "run",
            samples: verdict == .noData ? 0 : 20, minSamples: 10, verdict: verdict)
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var name: String
        var input: DecisionInput
        var expected: Decision
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "clean run", input: .init(end: .completed, alerts: [], gates: [gate(.pass)], findings: [], attempts: 100), expected: .go),
        Row(name: "warning fired", input: .init(end: .completed, alerts: [alert(.warning)], gates: [gate(.pass)], findings: [], attempts: 100), expected: .fixAndRetest),
        Row(name: "warning fired and resolved", input: .init(end: .completed, alerts: [alert(.warning), alert(.warning, .resolved)], gates: [], findings: [], attempts: 100), expected: .fixAndRetest),
        Row(name: "gate missed", input: .init(end: .completed, alerts: [], gates: [gate(.fail)], findings: [], attempts: 100), expected: .fixAndRetest),
        Row(name: "gate without data", input: .init(end: .completed, alerts: [], gates: [gate(.noData)], findings: [], attempts: 100), expected: .fixAndRetest),
        Row(name: "interrupted", input: .init(end: .interrupted, alerts: [], gates: [gate(.pass)], findings: [], attempts: 100), expected: .fixAndRetest),
        Row(name: "never finished", input: .init(end: .unfinished, alerts: [], gates: [], findings: [], attempts: 100), expected: .fixAndRetest),
        Row(name: "no attempts", input: .init(end: .completed, alerts: [], gates: [], findings: [], attempts: 0), expected: .fixAndRetest),
        Row(name: "critical alert", input: .init(end: .stoppedOnCritical, alerts: [alert(.critical)], gates: [gate(.pass)], findings: [], attempts: 100), expected: .rollback),
        Row(name: "critical alert in an interrupted run", input: .init(end: .interrupted, alerts: [alert(.critical)], gates: [], findings: [], attempts: 100), expected: .rollback),
        Row(name: "probe proved it broken", input: .init(end: .completed, alerts: [], gates: [gate(.pass)], findings: [Finding(probe: "webhook.delivery", detail: "forged webhook accepted")], attempts: 100), expected: .rollback),
    ]

    @Test(arguments: rows)
    func decides(row: Row) {
        let outcome = DecisionEngine.decide(row.input)
        #expect(outcome.decision == row.expected)
        #expect(!outcome.reasons.isEmpty)
    }

    @Test func rollbackNamesTheCriticalAlertFirst() {
        let outcome = DecisionEngine.decide(
            .init(end: .completed, speed: 60, alerts: [Self.alert(.warning), Self.alert(.critical)], gates: [Self.gate(.fail)], findings: [], attempts: 5))
        #expect(outcome.reasons.first?.hasPrefix("critical alert \"critical rule\" fired at t+60m00s") == true)
        #expect(outcome.reasons.count == 3)
    }

    @Test func gatesStarvedByAnEarlyEndShareOneReason() {
        var starved = Self.gate(.noData)
        starved.gate = "h"
        let gates = [Self.gate(.noData), starved, Self.gate(.fail)]
        let early = DecisionEngine.decide(
            .init(end: .stoppedOnCritical, alerts: [Self.alert(.critical)], gates: gates, findings: [], attempts: 5))
        #expect(early.decision == .rollback)
        #expect(early.reasons.last == "2 gates had no data because the run ended early: \"g\", \"h\"")
        #expect(early.reasons.count == 3, "the critical alert, the missed gate, the starved gates: \(early.reasons)")

        let completed = DecisionEngine.decide(.init(end: .completed, alerts: [], gates: gates, findings: [], attempts: 5))
        #expect(completed.reasons.filter { $0.contains("has no data: 0 of 10") }.count == 2)
    }

    @Test func exitCodes() {
        #expect(Decision.allCases.map(\.exitCode) == [0, 1, 2])
    }
}
