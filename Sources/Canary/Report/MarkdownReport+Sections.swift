import Foundation

extension MarkdownReport {
    /// Every reason, when the decision's headline had to leave some out.
    static func allReasonsSection(_ report: RunReport) -> [String] {
        guard report.reasonDetails.count > ReasonText.headlineLimit else { return [] }
        return ["## All reasons", ""] + report.allReasonLines.map { "- \(escape($0))" } + [""]
    }

    /// The runbook, and what executing it did; empty when the report has no rollback section.
    static func rollbackSection(_ report: RunReport) -> [String] {
        guard let rollback = report.rollback else { return [] }
        var lines = ["## Rollback runbook", ""]
        if rollback.runbook.steps.isEmpty {
            lines.append("The plan has no rollback steps: roll back by hand.")
        } else if rollback.executed.isEmpty {
            lines.append("Not executed (run with `--execute-rollback` to execute). Steps, in order:")
            lines.append("")
            for step in rollback.runbook.steps {
                lines.append("\(step.position). \(escape(step.name)): `\(escape(step.action))` (timeout \(DurationText.format(.seconds(step.timeoutSeconds))))")
            }
        } else {
            lines.append("Executed with `--execute-rollback`:")
            lines.append("")
            lines.append("| step | action | outcome | status | took |")
            lines.append("|---:|---|---|---:|---:|")
            for step in rollback.executed {
                lines.append(
                    "| \(step.position). \(escape(step.name)) | `\(escape(step.action))` | \(step.outcome == .succeeded ? "✅" : "❌") \(step.outcome.rawValue) "
                        + "| \(step.exitStatus.map(String.init) ?? "–") | \(String(format: "%.1f s", step.durationSeconds)) |")
            }
            for step in rollback.executed where !step.output.isEmpty {
                lines.append("")
                lines.append("<details><summary>output of step \(step.position)</summary>")
                lines.append("")
                lines.append("```")
                lines.append(step.output.replacingOccurrences(of: "```", with: "'''"))
                lines.append("```")
                lines.append("</details>")
            }
        }
        lines.append("")
        return lines
    }

    /// The baseline comparison table; empty when the run had no baseline.
    static func comparisonSection(_ report: RunReport) -> [String] {
        guard let comparison = report.comparison else { return [] }
        var lines = ["", "## Baseline comparison", ""]
        guard let result = comparison.result else {
            lines.append("⚠️ No baseline run was found for `\(comparison.baseline.chosenBy)`, so latencies were not compared.")
            return lines
        }
        lines.append("Against run `\(result.baselineRunID)`\(escape(ComparisonText.chosen(comparison.baseline))): \(ComparisonText.policy(result.policy)).")
        lines.append("")
        lines.append("| probe | verdict | baseline n | canary n | baseline median | canary median | p | P(canary slower) |")
        lines.append("|---|---|---:|---:|---:|---:|---:|---:|")
        for row in result.rows {
            lines.append(
                "| \(row.key) | \(ComparisonText.verdict(row.verdict)) | \(row.baselineCount) | \(row.candidateCount) "
                    + "| \(QuantityText.latency(row.baselineMedian)) | \(QuantityText.latency(row.candidateMedian)) "
                    + "| \(row.pValue.map(ComparisonText.pValue) ?? "–") | \(row.commonLanguage.map { String(format: "%.2f", $0) } ?? "–") |")
        }
        return lines
    }

    /// Each location of a run recorded from several; empty for other runs.
    static func locationsSection(_ report: RunReport) -> [String] {
        guard let locations = report.locations else { return [] }
        var lines = ["", "## Locations", "", report.locationRule, ""]
        lines.append("| location | state | attempts | failed | last seen | runner | target |")
        lines.append("|---|---|---:|---:|---|---|---|")
        for location in locations {
            lines.append(
                "| \(escape(location.name)) | \(location.state.rawValue) | \(location.attempts) | \(location.failed) "
                    + "| \(location.lastSeen.map { ClockText.format($0, speed: report.run.speed) } ?? "never") "
                    + "| \(escape(location.host ?? "–")) | \(escape(location.target ?? "–")) |")
        }
        return lines
    }
}
