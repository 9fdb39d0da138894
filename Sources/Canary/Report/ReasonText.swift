/// Renders ``Reason`` values as the one-line sentences every report format shows.
public enum ReasonText {
    /// How many reasons the headline of a decision shows before "and N more".
    public static let headlineLimit = 5

    /// The first reasons, then `and N more reasons …` when there are more than ``headlineLimit``.
    ///
    /// Contracts that failed with the same detail, caught by the same rule, share one line: a target that refuses
    /// every connection gives one line naming the cause and the instances, not one line per probe.
    public static func headline(_ reasons: [Reason], speed: Double, limit: Int = headlineLimit) -> [String] {
        let groups = sameFailureGroups(reasons)
        let shown = groups.count > limit ? Array(groups.prefix(limit)) : groups
        let lines = shown.map { $0.count == 1 ? line($0[0], speed: speed) : sharedFailure($0, speed: speed) }
        let rest = reasons.count - shown.reduce(0) { $0 + $1.count }
        guard rest > 0 else { return lines }
        return lines + ["and \(rest) more reason\(rest == 1 ? "" : "s") (the report lists every one)"]
    }

    /// Reasons in order, with each failed contract gathered with later ones that failed the same way.
    static func sameFailureGroups(_ reasons: [Reason]) -> [[Reason]] {
        struct Key: Hashable {
            var detail: String?
            var rules: [String]
            var threshold: String?
            var locations: [String]?
        }
        var groups: [[Reason]] = []
        var index: [Key: Int] = [:]
        for reason in reasons {
            guard reason.cause == .contractFailed, reason.detail != nil else {
                groups.append([reason])
                continue
            }
            let key = Key(
                detail: reason.detail, rules: reason.rules, threshold: reason.threshold, locations: reason.locations)
            if let at = index[key] {
                groups[at].append(reason)
            } else {
                index[key] = groups.count
                groups.append([reason])
            }
        }
        return groups
    }

    /// `19 probe instances failed the same way, 19 of 19 attempts: the target refused the connection (…): a, b …`.
    private static func sharedFailure(_ group: [Reason], speed: Double) -> String {
        let failed = group.reduce(0) { $0 + ($1.failed ?? 0) }, attempts = group.reduce(0) { $0 + ($1.attempts ?? 0) }
        let names = group.map { $0.instance ?? "a probe" }
        let shown = names.prefix(4).joined(separator: ", ")
        let more = names.count > 4 ? " and \(names.count - 4) more" : ""
        return "\(group.count) probe instances failed the same way, \(failed) of \(attempts) attempts: "
            + "\(group[0].detail ?? "") (\(caughtBy(group[0], speed: speed))): \(shown)\(more)"
            + seenFrom(group[0])
    }

    /// One reason as a sentence; in a run recorded from several locations, it says where the failure was seen.
    public static func line(_ reason: Reason, speed: Double) -> String {
        sentence(reason, speed: speed) + seenFrom(reason)
    }

    /// ` (seen from eu-west, us-east)`, for reasons about what locations saw.
    private static func seenFrom(_ reason: Reason) -> String {
        guard ![.locationSilent, .allPassed].contains(reason.cause), let locations = reason.locations, !locations.isEmpty
        else { return "" }
        return " (seen from \(locations.joined(separator: ", ")))"
    }

    private static func sentence(_ reason: Reason, speed: Double) -> String {
        switch reason.cause {
        case .brokenRelease:
            let times = (reason.detailCount ?? 1) > 1 ? " (\(reason.detailCount ?? 1) attempts)" : ""
            return "\(reason.instance ?? "a probe") proved the release broken: \(reason.detail ?? "")\(times)"
        case .contractFailed:
            return "\(evidence(reason)) (\(caughtBy(reason, speed: speed)))"
        case .criticalAlert, .warningAlert:
            var text = "\(reason.severity?.rawValue ?? "warning") alert \"\(reason.rules.first ?? "")\" fired at "
                + "\(ClockText.format(reason.at ?? 0, speed: speed)): \(reason.threshold ?? "")"
                + " (observed \(value(reason)))"
            if reason.probe != nil { text += ": " + evidence(reason) }
            return text
        case .criticalGate, .gateMissed:
            let level = reason.severity == .critical ? "critical gate" : "gate"
            var text = "\(level) \"\(reason.rules.first ?? "")\" missed: observed \(value(reason)), "
                + "needs \(reason.threshold ?? "") over \(reason.window ?? "run")"
            if reason.probe != nil { text += ": " + evidence(reason) }
            return text
        case .incomplete:
            let at = ClockText.format(reason.at ?? 0, speed: speed)
            return reason.end == .interrupted
                ? "the run was interrupted at \(at), before the timeline ended, so the evidence is incomplete"
                : "the run stopped at \(at) without recording its end (killed?), so the evidence is incomplete; "
                    + "`canary resume` continues it"
        case .unwatchedGap:
            return "nothing watched the target for \(DurationText.format(.seconds(reason.seconds ?? 0))) of plan time "
                + "from \(ClockText.format(reason.at ?? 0, speed: speed)) (the run was resumed), longer than the "
                + "\(DurationText.format(.seconds(reason.limitSeconds ?? 0))) window of the plan's shortest alert rule"
        case .locationSilent:
            let name = reason.locations?.first ?? "?"
            guard let at = reason.at else {
                return "location \(name), which the plan lists, never reported: the run lacks its view of the target"
            }
            return "location \(name) stopped reporting at \(ClockText.format(at, speed: speed)) before its timeline "
                + "ended (its runner stopped?), so the run lacks its view of the target from then on"
        case .noData:
            return noData(reason)
        case .noEvidence:
            return "no probe attempt finished: there is no evidence at all"
        case .allPassed:
            let text = "the full timeline ran, no alert fired and all \(reason.count ?? 0) gates passed"
            guard let locations = reason.locations, !locations.isEmpty else { return text }
            return text + "; failures seen from \(locations.joined(separator: ", ")) alone were not counted "
                + "(min_location_failed \(reason.minLocationFailed ?? 1))"
        }
    }

    /// `webhook.delivery (hubspot): 105 of 105 attempts failed: signed hubspot webhook answered 500`.
    static func evidence(_ reason: Reason) -> String {
        let who = reason.instance ?? "a probe"
        let failed = reason.failed ?? 0, attempts = reason.attempts ?? 0
        if failed == 0, let unverified = reason.count {
            return "\(who): \(unverified) attempt\(unverified == 1 ? "" : "s") unverified: \(reason.detail ?? "")"
        }
        var text = "\(who): \(failed) of \(attempts) attempt\(attempts == 1 ? "" : "s") failed"
        guard let detail = reason.detail else { return text }
        let count = reason.detailCount ?? failed
        text += count == failed ? ": \(detail)" : ", \(count) of them: \(detail)"
        return text
    }

    private static func caughtBy(_ reason: Reason, speed: Double) -> String {
        let rules = reason.rules.map { "\"\($0)\"" }.joined(separator: ", ")
        if let threshold = reason.threshold {
            return "critical gate \(rules): \(value(reason)), needs \(threshold)"
        }
        return "critical alert \(rules) fired at \(ClockText.format(reason.at ?? 0, speed: speed))"
    }

    private static func value(_ reason: Reason) -> String {
        reason.observed.map { QuantityText.format($0, reason.unit) } ?? "no data"
    }

    private static func noData(_ reason: Reason) -> String {
        let count = reason.count ?? reason.rules.count
        let gates = count == 1 ? "1 gate" : "\(count) gates"
        let names = members(reason.rules)
        switch reason.noData ?? .tooFewSamples {
        case .runEndedEarly:
            return "\(gates) had no data because the run ended early: \(names)"
        case .unverified(let detail):
            return "\(gates) had no data because the harness could not verify their probes: \(detail) (\(names))"
        case .metricAbsent(let metrics, let source):
            return "\(count == 1 ? "1 metric gate" : "\(count) metric gates") had no data: \(source) has no \(metrics) (\(names))"
        case .metricsUnreadable(let detail):
            return "\(count == 1 ? "1 metric gate" : "\(count) metric gates") had no data: no metrics scrape succeeded, "
                + "most often: \(detail) (\(names))"
        case .metricsNotScraped:
            return "\(gates) had no data: the plan never scrapes metrics (add metrics.scrape under watch) (\(names))"
        case .prometheus(let detail):
            return "\(count == 1 ? "1 metric gate" : "\(count) metric gates") had no data: \(detail) (\(names))"
        case .noBaseline:
            return "\(gates) had no data: there was no baseline run to compare latencies with (\(names))"
        case .tooFewSamples:
            return "\(gates) had too few samples: \(reason.detail ?? names)"
        }
    }

    /// Names in quotes, at most four, then how many more.
    private static func members(_ names: [String]) -> String {
        let shown = names.prefix(4).map { "\"\($0)\"" }.joined(separator: ", ")
        return names.count > 4 ? "\(shown) and \(names.count - 4) more" : shown
    }
}
