import Foundation

/// `report.md`: the decision first, then the evidence; reads well as a GitHub step summary.
public enum MarkdownReport {
    /// The warning every format shows when the run accepted any certificate.
    static let tlsWarning =
        "the target's TLS certificates were NOT verified (insecure_skip_verify): this run says nothing about its certificate, and its traffic could have been intercepted."

    /// Renders the report.
    public static func render(_ report: RunReport) -> String {
        var lines: [String] = []
        let run = report.run
        lines.append("# Canary \(run.id): \(headline(report.decision))")
        lines.append("")
        lines.append("**Decision: `\(report.decision.rawValue)`** (exit code \(report.decision.exitCode))")
        lines.append("")
        lines += report.reasons.map { "- \(escape($0))" }
        lines.append("")
        if run.skippedTLSVerification {
            lines.append("> **Warning:** \(MarkdownReport.tlsWarning)")
            lines.append("")
        }
        lines += rollbackSection(report)
        lines += allReasonsSection(report)
        lines.append("## Gates")
        lines.append("")
        if report.gates.isEmpty {
            lines.append("The plan has no gates.")
        } else {
            lines.append("| gate | severity | verdict | observed | threshold | window | samples |")
            lines.append("|---|---|---|---|---|---|---|")
            for gate in report.gates {
                lines.append(
                    "| \(escape(gate.gate)) | \(gate.severity.rawValue) | \(verdict(gate.verdict)) | \(gate.observedText) "
                        + "| `\(gate.threshold)` | \(gate.window) | \(gate.samples) (min \(gate.minSamples)) |")
            }
            for gate in report.gates where !gate.groups.isEmpty {
                lines.append("")
                lines.append("\(escape(gate.gate)), per \(gate.per ?? ""): \(escape(gate.groupsText))")
            }
            for gate in report.gates {
                if let note = gate.locationNote(minimum: report.minLocationFailed) {
                    lines.append("")
                    lines.append("\(escape(gate.gate)): \(escape(note))")
                }
            }
        }
        lines += locationsSection(report)
        lines.append("")
        lines.append("## Alerts")
        lines.append("")
        if report.alerts.isEmpty {
            lines.append("No alert fired.")
        } else {
            lines.append("| plan time | level | rule | state | observed | condition |")
            lines.append("|---|---|---|---|---|---|")
            for event in report.alerts {
                lines.append(
                    "| \(ClockText.format(event.at, speed: run.speed)) | \(event.level.rawValue) | \(escape(event.name)) "
                        + "| \(event.state.rawValue) | \(event.valueText) | `\(escape(event.condition))` |")
            }
        }
        lines.append("")
        lines.append("## Probes")
        lines.append("")
        lines.append("Latency is measured from when each attempt was due, in real time.")
        lines.append("")
        lines.append("| probe | provider | attempts | failed | unverified | p50 | p95 | p99 | max |")
        lines.append("|---|---|---:|---:|---:|---:|---:|---:|---:|")
        for probe in report.probes {
            lines.append(
                "| \(probe.probe) | \(probe.provider ?? "–") | \(probe.attempts) | \(probe.failed) | \(probe.unverified) "
                    + "| \(QuantityText.latency(probe.p50)) "
                    + "| \(QuantityText.latency(probe.p95)) | \(QuantityText.latency(probe.p99)) | \(QuantityText.latency(probe.max)) |")
        }
        lines += comparisonSection(report)
        if !report.failures.isEmpty {
            lines.append("")
            lines.append("## Failures")
            for group in report.failures {
                lines.append("")
                lines.append("**\(group.errorClass)**: \(group.count)")
                lines += group.examples.map { "- \(escape($0))" }
            }
        }
        lines.append("")
        lines.append("## Timeline")
        lines.append("")
        lines += report.gapLines.map { "- ⚠️ \(escape($0))" }
        for phase in report.phases {
            lines.append(
                "- \(DurationText.format(.seconds(phase.fromSeconds)))–\(DurationText.format(.seconds(phase.untilSeconds))): \(phase.name)")
        }
        lines.append("")
        lines.append("## Run")
        lines.append("")
        lines.append("| | |")
        lines.append("|---|---|")
        lines.append("| plan | \(escape(run.plan)) (`\(escape(run.planPath))`) |")
        lines.append("| target | \(escape(run.target)) |")
        lines.append("| speed | \(NumberText.format(run.speed))× |")
        if let faults = run.faults { lines.append("| faults | `\(escape(faults))` |") }
        lines.append("| started | \(run.startedAt) |")
        lines.append("| ended | \(run.endedAt ?? "not recorded") (\(run.end.rawValue)) |")
        if let seconds = run.durationSeconds { lines.append("| wall time | \(String(format: "%.1f", seconds)) s |") }
        if let tls = run.tls { lines.append("| TLS | \(escape(tls)) |") }
        if let source = run.metricsSource { lines.append("| metrics | \(escape(source)) |") }
        lines.append("| harness | canary \(run.harnessVersion) |")
        lines.append("")
        return lines.joined(separator: "\n")
    }

    static func headline(_ decision: Decision) -> String {
        switch decision {
        case .go: "GO"
        case .fixAndRetest: "FIX AND RETEST"
        case .rollback: "ROLLBACK"
        }
    }

    static func verdict(_ verdict: GateVerdict.Verdict) -> String {
        switch verdict {
        case .pass: "✅ pass"
        case .fail: "❌ fail"
        case .noData: "⚠️ no data"
        }
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
