import Canary
import Testing

/// The decision table, with severities: one row per line of the README's table, then the order of the reasons.
@Suite struct DecisionEngineTests {
    static func alert(_ level: AlertRule.Level, _ state: AlertEvent.State = .fired, evidence: [ProbeEvidence] = []) -> AlertEvent {
        AlertEvent(
            rule: "\(level) rule", level: level, state: state, at: 60, value: 1, samples: 5, condition: "x > 0",
            evidence: evidence)
    }

    static func gate(
        _ verdict: GateVerdict.Verdict, _ severity: Severity = .warning, name: String = "g", evidence: [ProbeEvidence] = [],
        noData: NoDataCause? = nil
    ) -> GateVerdict {
        GateVerdict(
            gate: name, condition: "x < 1", observed: verdict == .noData ? nil : 0.5, threshold: "< 1", window: "run",
            samples: verdict == .noData ? 0 : 20, minSamples: 10, verdict: verdict, severity: severity,
            evidence: evidence, noDataCause: noData)
    }

    static func evidence(_ provider: String, failed: Int, of attempts: Int, _ detail: String) -> ProbeEvidence {
        ProbeEvidence(
            probe: "webhook.delivery", provider: provider, attempts: attempts, failed: failed, unverified: 0,
            detail: detail, detailCount: failed, errorClass: "http_status")
    }

    static let finding = Finding(probe: "webhook.delivery", provider: "zoho", detail: "the backend accepted a forged zoho webhook")

    struct Row: Sendable, CustomTestStringConvertible {
        var name: String
        var input: DecisionInput
        var expected: Decision
        var firstCause: Reason.Cause
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "clean run", input: .init(end: .completed, alerts: [], gates: [gate(.pass), gate(.pass, .critical)], findings: [], attempts: 100), expected: .go, firstCause: .allPassed),
        Row(name: "warning fired", input: .init(end: .completed, alerts: [alert(.warning)], gates: [gate(.pass)], findings: [], attempts: 100), expected: .fixAndRetest, firstCause: .warningAlert),
        Row(name: "warning fired and resolved", input: .init(end: .completed, alerts: [alert(.warning), alert(.warning, .resolved)], gates: [], findings: [], attempts: 100), expected: .fixAndRetest, firstCause: .warningAlert),
        Row(name: "warning gate missed", input: .init(end: .completed, alerts: [], gates: [gate(.fail)], findings: [], attempts: 100), expected: .fixAndRetest, firstCause: .gateMissed),
        Row(name: "critical gate missed", input: .init(end: .completed, alerts: [], gates: [gate(.fail, .critical)], findings: [], attempts: 100), expected: .rollback, firstCause: .criticalGate),
        Row(name: "critical gate over probes missed", input: .init(end: .completed, alerts: [], gates: [gate(.fail, .critical, evidence: [evidence("hubspot", failed: 105, of: 105, "signed hubspot webhook answered 500")])], findings: [], attempts: 420), expected: .rollback, firstCause: .contractFailed),
        Row(name: "critical gate without data", input: .init(end: .completed, alerts: [], gates: [gate(.noData, .critical)], findings: [], attempts: 100), expected: .fixAndRetest, firstCause: .noData),
        Row(name: "critical gate unverified", input: .init(end: .completed, alerts: [], gates: [gate(.noData, .critical, noData: .unverified(detail: "HUBSPOT_ACCESS_TOKEN is not set"))], findings: [], attempts: 100), expected: .fixAndRetest, firstCause: .noData),
        Row(name: "warning gate without data", input: .init(end: .completed, alerts: [], gates: [gate(.noData)], findings: [], attempts: 100), expected: .fixAndRetest, firstCause: .noData),
        Row(name: "interrupted", input: .init(end: .interrupted, alerts: [], gates: [gate(.pass)], findings: [], attempts: 100), expected: .fixAndRetest, firstCause: .incomplete),
        Row(name: "killed, never finished", input: .init(end: .unfinished, alerts: [], gates: [], findings: [], attempts: 100), expected: .fixAndRetest, firstCause: .incomplete),
        Row(name: "no attempts", input: .init(end: .completed, alerts: [], gates: [], findings: [], attempts: 0), expected: .fixAndRetest, firstCause: .noEvidence),
        Row(name: "critical alert", input: .init(end: .stoppedOnCritical, alerts: [alert(.critical)], gates: [gate(.pass)], findings: [], attempts: 100), expected: .rollback, firstCause: .criticalAlert),
        Row(name: "critical alert in an interrupted run", input: .init(end: .interrupted, alerts: [alert(.critical)], gates: [], findings: [], attempts: 100), expected: .rollback, firstCause: .criticalAlert),
        Row(name: "critical alert over probes", input: .init(end: .stoppedOnCritical, alerts: [alert(.critical, evidence: [evidence("zoho", failed: 6, of: 6, "signed zoho webhook answered 500")])], gates: [], findings: [], attempts: 30), expected: .rollback, firstCause: .contractFailed),
        Row(name: "probe proved it broken", input: .init(end: .completed, alerts: [], gates: [gate(.pass)], findings: [finding], attempts: 100), expected: .rollback, firstCause: .brokenRelease),
        Row(name: "short gap", input: .init(end: .completed, alerts: [], gates: [gate(.pass)], findings: [], attempts: 100, gaps: [RunGap(at: 30, seconds: 2)], shortestAlertWindow: 300), expected: .go, firstCause: .allPassed),
        Row(name: "gap longer than an alert window", input: .init(end: .completed, speed: 60, alerts: [], gates: [gate(.pass)], findings: [], attempts: 100, gaps: [RunGap(at: 30, seconds: 10)], shortestAlertWindow: 300), expected: .fixAndRetest, firstCause: .unwatchedGap),
    ]

    @Test(arguments: rows)
    func decides(row: Row) {
        let outcome = DecisionEngine.decide(row.input)
        #expect(outcome.decision == row.expected)
        #expect(outcome.reasons.first?.cause == row.firstCause)
        #expect(outcome.reasons.allSatisfy { !ReasonText.line($0, speed: 60).isEmpty })
    }

    @Test func theFirstReasonNamesTheFailingContractWithCounts() {
        let gates = [
            Self.gate(.noData, name: "webhook p95", noData: .metricAbsent(metric: "webhook_latency_seconds", source: "/crm/metrics (JSON counts)")),
            Self.gate(.noData, name: "sync p95", noData: .metricAbsent(metric: "crm_sync_duration_seconds", source: "/crm/metrics (JSON counts)")),
            Self.gate(.fail, name: "cors"),
            Self.gate(.fail, .critical, name: "webhooks take effect", evidence: [
                Self.evidence("zoho", failed: 105, of: 105, "signed zoho webhook answered 500"),
                Self.evidence("hubspot", failed: 105, of: 105, "signed hubspot webhook answered 500"),
            ]),
        ]
        let outcome = DecisionEngine.decide(.init(end: .completed, speed: 60, alerts: [], gates: gates, findings: [], attempts: 900))
        let lines = outcome.reasons.map { ReasonText.line($0, speed: 60) }
        #expect(outcome.decision == .rollback)
        #expect(lines[0].hasPrefix("webhook.delivery (zoho): 105 of 105 attempts failed: signed zoho webhook answered 500"), "\(lines)")
        #expect(lines[1].hasPrefix("webhook.delivery (hubspot): 105 of 105 attempts failed: signed hubspot webhook answered 500"))
        #expect(lines[2].hasPrefix("gate \"cors\" missed"))
        #expect(lines[3] == "2 metric gates had no data: /crm/metrics (JSON counts) has no webhook_latency_seconds, "
            + "crm_sync_duration_seconds (\"webhook p95\", \"sync p95\")")
        #expect(lines.count == 4)
    }

    @Test func gatesStarvedByAnEarlyEndShareOneReason() {
        let gates = [Self.gate(.noData), Self.gate(.noData, name: "h"), Self.gate(.fail)]
        let early = DecisionEngine.decide(
            .init(end: .stoppedOnCritical, alerts: [Self.alert(.critical)], gates: gates, findings: [], attempts: 5))
        let lines = early.reasons.map { ReasonText.line($0, speed: 1) }
        #expect(early.decision == .rollback)
        #expect(lines.last == "2 gates had no data because the run ended early: \"g\", \"h\"")
        #expect(lines.count == 3, "the critical alert, the missed gate, the starved gates: \(lines)")

        let completed = DecisionEngine.decide(.init(end: .completed, alerts: [], gates: gates, findings: [], attempts: 5))
        #expect(completed.reasons.map { ReasonText.line($0, speed: 1) }.last == "2 gates had too few samples: \"g\" 0 of 10, \"h\" 0 of 10")
    }

    @Test func theHeadlineShowsFiveReasonsThenHowManyMore() {
        let gates = (1...8).map { Self.gate(.fail, name: "gate \($0)") }
        let outcome = DecisionEngine.decide(.init(end: .completed, alerts: [], gates: gates, findings: [], attempts: 5))
        let headline = ReasonText.headline(outcome.reasons, speed: 1)
        #expect(headline.count == 6)
        #expect(headline.last == "and 3 more reasons (the report lists every one)")
    }

    @Test func contractsThatFailedTheSameWayShareOneHeadlineLine() {
        let refused = "the target refused the connection (nothing listens on that port)"
        let evidence = ["hubspot", "odoo", "zoho"].map { Self.evidence($0, failed: 3, of: 3, refused) }
            + [Self.evidence("stripe", failed: 2, of: 3, "signed stripe webhook answered 500")]
        let outcome = DecisionEngine.decide(
            .init(end: .stoppedOnCritical, alerts: [Self.alert(.critical, evidence: evidence)], gates: [], findings: [], attempts: 12))
        let headline = ReasonText.headline(outcome.reasons, speed: 1)
        #expect(outcome.decision == .rollback)
        #expect(headline[0].hasPrefix("3 probe instances failed the same way, 9 of 9 attempts: \(refused) ("), "\(headline)")
        #expect(headline[0].hasSuffix(": webhook.delivery (hubspot), webhook.delivery (odoo), webhook.delivery (zoho)"))
        #expect(headline[1].hasPrefix("webhook.delivery (stripe): 2 of 3 attempts failed: signed stripe webhook answered 500"))
        #expect(!headline.contains { $0.hasPrefix("and ") }, "every reason is shown, grouped: \(headline)")
    }

    @Test func exitCodes() {
        #expect(Decision.allCases.map(\.exitCode) == [0, 1, 2])
    }
}
