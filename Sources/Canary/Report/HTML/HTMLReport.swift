import Foundation

/// `report.html`: one self-contained page (inline CSS and SVG, no scripts, fonts or network) that a
/// release manager can read on a laptop or a phone: decision first, then the evidence.
public enum HTMLReport {
    /// Renders the page.
    public static func render(_ report: RunReport) -> String {
        let run = report.run
        let planSeconds = report.phases.map(\.untilSeconds).max() ?? run.reachSeconds * run.speed
        var body = banner(report)
        body += rollbackSection(report)
        body += gatesSection(report)
        body += locationsSection(report)
        body += timelineSection(report, planSeconds: planSeconds)
        body += latencySection(report)
        body += comparisonSection(report)
        body += failuresSection(report)
        body += metadataSection(report)
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Canary \(e(run.id)): \(MarkdownReport.headline(report.decision))</title>
            <style>\(HTMLStyle.css)</style>
            </head><body><main>
            \(body)
            </main></body></html>

            """
    }

    static func e(_ text: String) -> String { XMLText.escape(text) }

    private static func banner(_ report: RunReport) -> String {
        let run = report.run
        var html = #"<header class="banner \#(report.decision.rawValue)"><h1>\#(MarkdownReport.headline(report.decision))</h1>"#
        html += #"<div class="meta">decision <b>\#(report.decision.rawValue)</b> (exit code \#(report.decision.exitCode)) · run \#(e(run.id)) · plan \#(e(run.plan)) · \#(e(run.target)) · speed \#(NumberText.format(run.speed))×</div>"#
        html += "<ul>" + report.reasons.map { "<li>\(e($0))</li>" }.joined() + "</ul>"
        if run.skippedTLSVerification { html += #"<p class="tls-warning">Warning: \#(e(MarkdownReport.tlsWarning))</p>"# }
        if report.reasonDetails.count > ReasonText.headlineLimit {
            html += "<details><summary>all \(report.reasonDetails.count) reasons</summary><ol>"
                + report.allReasonLines.map { "<li>\(e($0))</li>" }.joined() + "</ol></details>"
        }
        return html + "</header>"
    }

    private static func rollbackSection(_ report: RunReport) -> String {
        guard let rollback = report.rollback else { return "" }
        var html = "<section><h2>Rollback runbook</h2>"
        if rollback.runbook.steps.isEmpty {
            return html + "<p>The plan has no rollback steps: roll back by hand.</p></section>"
        }
        if rollback.executed.isEmpty {
            html += #"<p class="note">Not executed. Run with <code>--execute-rollback</code> to execute, or follow the steps in order:</p><ol class="runbook">"#
            for step in rollback.runbook.steps {
                html += "<li><b>\(e(step.name))</b><br><code>\(e(step.action))</code> <span class=\"note\">timeout \(DurationText.format(.seconds(step.timeoutSeconds)))</span></li>"
            }
            return html + "</ol></section>"
        }
        html += "<p>Executed with <code>--execute-rollback</code>:</p>"
        html += HTMLTable(
            columns: [("step", false), ("action", false), ("outcome", false), ("status", true), ("took", true)],
            rows: rollback.executed.map { step in
                [
                    "\(step.position). \(e(step.name))", "<code>\(e(step.action))</code>",
                    #"<span class="verdict \#(step.outcome == .succeeded ? "pass" : step.outcome.rawValue)">\#(step.outcome.rawValue)</span>"#,
                    step.exitStatus.map(String.init) ?? "–", String(format: "%.1f s", step.durationSeconds),
                ]
            }
        ).html
        for step in rollback.executed where !step.output.isEmpty {
            html += "<details><summary>output of step \(step.position)</summary><pre>\(e(step.output))</pre></details>"
        }
        return html + "</section>"
    }

    private static func gatesSection(_ report: RunReport) -> String {
        var html = "<section><h2>Gates</h2>"
        guard !report.gates.isEmpty else { return html + "<p>The plan has no gates.</p></section>" }
        html += HTMLTable(
            columns: [("gate", false), ("severity", false), ("verdict", false), ("observed", true), ("threshold", false), ("window", false), ("samples", true)],
            rows: report.gates.map { gate in
                [
                    "\(e(gate.gate))<br><code>\(e(gate.condition))</code>"
                        + (gate.groups.isEmpty ? "" : "<br><span class=\"note\">per \(e(gate.per ?? "")): \(e(gate.groupsText))</span>")
                        + (gate.locationNote(minimum: report.minLocationFailed).map { "<br><span class=\"note\">\(e($0))</span>" } ?? ""),
                    gate.severity == .critical ? #"<span class="fail">critical</span>"# : "warning",
                    #"<span class="verdict \#(gate.verdict.rawValue)">\#(gate.verdict.rawValue)</span>"#,
                    e(gate.observedText), "<code>\(e(gate.threshold))</code>", e(gate.window),
                    "\(gate.samples) <span class=\"note\">(min \(gate.minSamples))</span>",
                ]
            }
        ).html
        return html + "</section>"
    }

    private static func locationsSection(_ report: RunReport) -> String {
        guard let locations = report.locations else { return "" }
        let table = HTMLTable(
            columns: [("location", false), ("state", false), ("attempts", true), ("failed", true), ("last seen", false), ("runner", false), ("target", false)],
            rows: locations.map { location in
                [
                    e(location.name),
                    location.state == .silent ? #"<span class="fail">silent</span>"# : e(location.state.rawValue),
                    "\(location.attempts)", location.failed > 0 ? #"<span class="fail">\#(location.failed)</span>"# : "0",
                    e(location.lastSeen.map { ClockText.format($0, speed: report.run.speed) } ?? "never"),
                    e(location.host ?? "–"), e(location.target ?? "–"),
                ]
            })
        return "<section><h2>Locations</h2><p class=\"note\">\(e(report.locationRule))</p>\(table.html)</section>"
    }

    private static func timelineSection(_ report: RunReport, planSeconds: Double) -> String {
        let run = report.run
        var html = "<section><h2>Timeline</h2>"
        let endSeconds = run.end == .completed ? nil : run.reachSeconds * run.speed
        html += SVGTimeline.render(
            phases: report.phases, alerts: report.alerts, speed: run.speed, planSeconds: planSeconds, endSeconds: endSeconds)
        html += report.gapLines.map { #"<p class="warning">⚠ \#(e($0))</p>"# }.joined()
        html += #"<ol class="phases">"# + report.phases.map { phase in
            "<li>\(e(phase.name)) <span class=\"note\">\(SVGScale.timeLabel(phase.fromSeconds))–\(SVGScale.timeLabel(phase.untilSeconds))</span></li>"
        }.joined() + "</ol>"
        html += #"<p class="note">Plan time. ▲ an alert fired (amber warning, red critical), ○ it resolved.</p>"#
        if report.alerts.isEmpty {
            html += "<p>No alert fired.</p>"
        } else {
            html += HTMLTable(
                columns: [("plan time", false), ("level", false), ("rule", false), ("state", false), ("observed", true), ("condition", false)],
                rows: report.alerts.map { event in
                    [
                        ClockText.format(event.at, speed: run.speed),
                        #"<span class="verdict \#(event.level == .critical ? "fail" : "no-data")">\#(event.level.rawValue)</span>"#,
                        e(event.name), event.state.rawValue, e(event.valueText),
                        "<code>\(e(event.condition))</code>",
                    ]
                }
            ).html
        }
        return html + "</section>"
    }

    private static func latencySection(_ report: RunReport) -> String {
        var html = "<section><h2>Latency</h2>"
        html += #"<p class="note">Measured from when each attempt was due to when it finished, in real time; x is plan time, y is logarithmic.</p>"#
        html += HTMLTable(
            columns: [("probe", false), ("attempts", true), ("failed", true), ("unverified", true), ("p50", true), ("p95", true), ("p99", true), ("max", true)],
            rows: report.probes.map { stats in
                [
                    e(stats.provider.map { "\(stats.probe) (\($0))" } ?? stats.probe), "\(stats.attempts)",
                    stats.failed > 0 ? #"<span class="fail">\#(stats.failed)</span>"# : "0",
                    stats.unverified > 0 ? #"<span class="no-data">\#(stats.unverified)</span>"# : "0",
                    QuantityText.latency(stats.p50), QuantityText.latency(stats.p95), QuantityText.latency(stats.p99),
                    QuantityText.latency(stats.max),
                ]
            }
        ).html
        for series in report.latencySeries {
            html += #"<div class="probe"><h3>\#(e(series.probe))</h3>"#
            html += #"<div class="legend"><span class="l50">p50</span><span class="l95">p95</span>"#
            if !series.thresholds.isEmpty { html += #"<span class="lth">threshold</span>"# }
            html += "</div>"
            html += SVGLatencyChart.render(
                series, phases: report.phases, alerts: report.alerts, speed: report.run.speed, planSeconds: series.spanSeconds)
            html += "</div>"
        }
        html += "<h3>Latency breakdown</h3>"
        html += report.latencyBreakdownMeasured
            ? "<p>See the probe table.</p>"
            : #"<p class="note">Connect, TLS, first byte and transfer times: not measured. Probes time each attempt as a whole, from its due time to its last byte.</p>"#
        return html + "</section>"
    }

    private static func comparisonSection(_ report: RunReport) -> String {
        guard let comparison = report.comparison else { return "" }
        var html = "<section><h2>Baseline comparison</h2>"
        guard let result = comparison.result else {
            return html + "<p class=\"no-data\">No baseline run was found for <code>\(e(comparison.baseline.chosenBy))</code>, so latencies were not compared.</p></section>"
        }
        html += "<p>Against run <code>\(e(result.baselineRunID))</code>\(ComparisonText.chosen(comparison.baseline)).</p>"
        html += #"<p class="note">\#(e(ComparisonText.policy(result.policy))).</p>"#
        html += HTMLTable(
            columns: [("probe", false), ("verdict", false), ("baseline n", true), ("canary n", true), ("baseline median", true),
                      ("canary median", true), ("p", true), ("P(canary slower)", true)],
            rows: result.rows.map { row in
                [
                    e(row.key.description),
                    #"<span class="verdict \#(row.verdict.rawValue)">\#(row.verdict.rawValue)</span>"#,
                    "\(row.baselineCount)", "\(row.candidateCount)", QuantityText.latency(row.baselineMedian),
                    QuantityText.latency(row.candidateMedian), e(row.pValue.map(ComparisonText.pValue) ?? "–"),
                    row.commonLanguage.map { String(format: "%.2f", $0) } ?? "–",
                ]
            }
        ).html
        return html + "</section>"
    }

    private static func failuresSection(_ report: RunReport) -> String {
        var html = "<section><h2>Failures</h2>"
        if !report.findings.isEmpty {
            html += "<h3 class=\"fail\">Proof the release is broken</h3><ul>"
            html += report.findings.map { "<li><b>\(e($0.probe))</b>: \(e($0.detail))</li>" }.joined()
            html += "</ul>"
        }
        guard !report.failures.isEmpty else { return html + "<p>No probe attempt failed.</p></section>" }
        for group in report.failures {
            html += "<h3><code>\(e(group.errorClass))</code>: \(group.count) failed attempt\(group.count == 1 ? "" : "s")</h3><ul>"
            html += group.examples.map { "<li>\(e($0))</li>" }.joined()
            html += "</ul>"
        }
        return html + "</section>"
    }

    private static func metadataSection(_ report: RunReport) -> String {
        let run = report.run
        var rows: [(String, String)] = [
            ("run", run.id), ("plan", "\(run.plan) (\(run.planPath))"), ("target", run.target),
            ("speed", "\(NumberText.format(run.speed))× plan time"),
        ]
        if let faults = run.faults { rows.append(("faults", faults)) }
        if let tls = run.tls { rows.append(("TLS", tls)) }
        if let source = run.metricsSource { rows.append(("metrics", source)) }
        rows += [
            ("started", run.startedAt), ("ended", "\(run.endedAt ?? "not recorded") (\(run.end.rawValue))"),
            ("harness", "canary \(run.harnessVersion)"), ("report schema", "\(report.schemaVersion)"),
        ]
        if let seconds = run.durationSeconds { rows.insert(("wall time", String(format: "%.1f s", seconds)), at: rows.count - 2) }
        return "<section><h2>Run</h2><dl class=\"meta\">"
            + rows.map { "<dt>\(e($0.0))</dt><dd>\(e($0.1))</dd>" }.joined() + "</dl></section>"
    }
}
