import Foundation

/// `junit.xml`: the decision, each gate, each probe kind, each location, each baseline comparison and each
/// executed rollback step as a test case, failures with their message, for CI test-report viewers.
///
/// A gate with no data is a failure (type `no-data`): no data never passes. A probe kind fails on a finding, a
/// missed gate or a fired alert over it, never on a failed attempt alone; its output counts the attempts.
public enum JUnitReport {
    /// Renders the report.
    public static func render(_ report: RunReport) -> String {
        var suites: [Suite] = []
        suites.append(
            Suite(name: "canary.decision", cases: [
                Case(
                    name: "decision is go", time: report.run.durationSeconds ?? 0,
                    failure: report.decision == .go
                        ? nil
                        : Failure(
                            type: report.decision.rawValue,
                            message: "decision \(report.decision.rawValue): \(report.reasons.first ?? "")",
                            body: report.allReasonLines.joined(separator: "\n")),
                    output: report.reasons.joined(separator: "\n"))
            ]))
        suites.append(Suite(name: "canary.gates", cases: report.gates.map(gateCase)))
        suites.append(Suite(name: "canary.probes", cases: probeCases(report)))
        if let locations = report.locations {
            suites.append(Suite(name: "canary.locations", cases: locations.map(locationCase)))
        }
        if let result = report.comparison?.result {
            suites.append(Suite(name: "canary.baseline", cases: result.rows.map(comparisonCase)))
        } else if let baseline = report.comparison?.baseline {
            suites.append(
                Suite(name: "canary.baseline", cases: [
                    Case(
                        name: "baseline \(baseline.chosenBy)", time: 0,
                        failure: Failure(
                            type: "no-baseline", message: "no baseline run was found for \(baseline.chosenBy)", body: ""),
                        output: "")
                ]))
        }
        if let executed = report.rollback?.executed, !executed.isEmpty {
            suites.append(Suite(name: "canary.rollback", cases: executed.map(rollbackCase)))
        }
        let tests = suites.reduce(0) { $0 + $1.cases.count }
        let failures = suites.reduce(0) { $0 + $1.failures }
        var xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        xml += #"<testsuites name="canary \#(XMLText.escape(report.run.id))" tests="\#(tests)" failures="\#(failures)" errors="0" time="\#(seconds(report.run.durationSeconds ?? 0))">"#
        xml += "\n"
        for suite in suites { xml += suite.xml(timestamp: String(report.run.startedAt.prefix(19))) }
        xml += "</testsuites>\n"
        return xml
    }

    /// A location fails when it went silent; its output counts its attempts.
    private static func locationCase(_ location: LocationSummary) -> Case {
        let output = "\(location.attempts) attempts, \(location.failed) failed, from \(location.host ?? "no runner")"
        let failure = location.state == .silent
            ? Failure(type: "silent", message: "location \(location.name) stopped reporting or never did", body: output)
            : nil
        return Case(name: "location \(location.name)", time: 0, failure: failure, output: output)
    }

    private static func gateCase(_ gate: GateVerdict) -> Case {
        let observed = gate.observedText
        let summary = "observed \(observed), needs \(gate.threshold) over \(gate.window); \(gate.samples) samples (min \(gate.minSamples))"
        let failure: Failure? = switch gate.verdict {
        case .pass: nil
        case .fail: Failure(type: "fail", message: "gate missed: \(summary)", body: gate.condition)
        case .noData: Failure(type: "no-data", message: "gate has no data: \(summary)", body: gate.condition)
        }
        return Case(name: gate.gate, time: 0, failure: failure, output: "\(gate.condition)\n\(summary)")
    }

    /// One case per probe id. It fails on what decides a release, not on a failed attempt among hundreds: a
    /// finding, a missed gate that reads the probe, or an alert over it that fired.
    private static func probeCases(_ report: RunReport) -> [Case] {
        var byProbe: [String: [RunReport.ProbeStats]] = [:]
        for stats in report.probes { byProbe[stats.probe, default: []].append(stats) }
        return byProbe.keys.sorted().map { probe in
            let stats = byProbe[probe]!
            let lines = stats.map { row in
                "\(ProbeKey(probe: probe, provider: row.provider)): \(row.attempts) attempts, \(row.failed) failed, "
                    + "\(row.unverified) unverified, p50 \(QuantityText.latency(row.p50)), p95 \(QuantityText.latency(row.p95)), "
                    + "p99 \(QuantityText.latency(row.p99))"
            }
            let reads = { (pattern: String?) in pattern.map { Selector(name: $0).matchesName(probe) } ?? false }
            let findings = report.findings.filter { $0.probe == probe }
            let missed = report.gates.filter { $0.verdict == .fail && reads($0.probePattern) }
            let fired = report.alerts.filter { $0.state == .fired && reads($0.probePattern) }
            var failure: Failure?
            if let finding = findings.first {
                failure = Failure(
                    type: "broken-release", message: "\(finding.key) proved the release broken: \(finding.detail)",
                    body: findings.map { "\($0.key): \($0.detail) (\($0.count))" }.joined(separator: "\n"))
            } else if let gate = missed.first {
                failure = Failure(
                    type: "gate-missed",
                    message: "gate \"\(gate.gate)\" missed: observed \(gate.observedText), needs \(gate.threshold)",
                    body: missed.map(\.gate).joined(separator: "\n"))
            } else if let alert = fired.first {
                failure = Failure(
                    type: "\(alert.level.rawValue)-alert",
                    message: "\(alert.level.rawValue) alert \"\(alert.name)\" fired: \(alert.condition) (observed \(alert.valueText))",
                    body: fired.map(\.name).joined(separator: "\n"))
            }
            return Case(name: probe, time: 0, failure: failure, output: lines.joined(separator: "\n"))
        }
    }

    private static func comparisonCase(_ row: LatencyComparison.Row) -> Case {
        let summary = ComparisonText.summary(row)
        let failure: Failure? = switch row.verdict {
        case .pass: nil
        case .regressed: Failure(type: "regressed", message: "latency regressed: \(summary)", body: "")
        case .tooFewSamples: Failure(type: "too-few-samples", message: "too few samples to compare: \(summary)", body: "")
        }
        return Case(name: "latency of \(row.key)", time: 0, failure: failure, output: summary)
    }

    private static func rollbackCase(_ step: RollbackStepRecord) -> Case {
        let status = step.exitStatus.map { "status \($0)" } ?? "no status"
        return Case(
            name: "rollback \(step.position): \(step.name)", time: step.durationSeconds,
            failure: step.outcome == .succeeded
                ? nil : Failure(type: step.outcome.rawValue, message: "\(step.action) \(step.outcome.rawValue) (\(status))", body: step.output),
            output: "\(step.action)\n\(step.output)")
    }

    static func seconds(_ value: Double) -> String { String(format: "%.3f", value) }

    private struct Failure {
        var type: String, message: String, body: String
    }

    private struct Case {
        var name: String, time: Double, failure: Failure?, output: String
    }

    private struct Suite {
        var name: String, cases: [Case]
        var failures: Int { cases.count { $0.failure != nil } }

        func xml(timestamp: String) -> String {
            var xml = #"  <testsuite name="\#(name)" tests="\#(cases.count)" failures="\#(failures)" errors="0" skipped="0" timestamp="\#(XMLText.escape(timestamp))" time="\#(JUnitReport.seconds(cases.reduce(0) { $0 + $1.time }))">"#
            xml += "\n"
            for testCase in cases {
                xml += #"    <testcase classname="\#(name)" name="\#(XMLText.escape(testCase.name))" time="\#(JUnitReport.seconds(testCase.time))">"#
                xml += "\n"
                if let failure = testCase.failure {
                    xml += #"      <failure type="\#(XMLText.escape(failure.type))" message="\#(XMLText.escape(failure.message))">\#(XMLText.escape(failure.body))</failure>"#
                    xml += "\n"
                }
                if !testCase.output.isEmpty {
                    xml += "      <system-out>\(XMLText.escape(testCase.output))</system-out>\n"
                }
                xml += "    </testcase>\n"
            }
            xml += "  </testsuite>\n"
            return xml
        }
    }
}
