/// Watches a run as it goes, for the people watching and for stop-on-critical: evaluates the alert rules on
/// their grid, prints each transition and finding, sends status snapshots, and stops the run on a critical
/// alert or a finding when the plan says so. It decides nothing: the ``Judge`` does, from the store.
struct LiveWatcher: Sendable {
    let plan: Plan
    let settings: RunSettings
    let control: RunControl
    private var observed = RunObservations()
    private var monitor: AlertMonitor
    private var passed = 0, failed = 0, unverified = 0
    private var latencies = LatencyHistogram()
    /// Alerts firing now, by name.
    private var firing: [String: AlertRule.Level] = [:]

    init(plan: Plan, settings: RunSettings, control: RunControl) {
        self.plan = plan
        self.settings = settings
        self.control = control
        monitor = AlertMonitor(rules: plan.alerts, speed: settings.speed)
    }

    /// Starts from what an earlier segment of the run observed, without announcing its transitions again.
    mutating func resume(from earlier: RunObservations, at start: Double) {
        observed = earlier
        for event in monitor.advance(observed.observations, to: start) {
            firing[event.name] = event.state == .fired ? event.level : nil
        }
    }

    mutating func observe(_ result: ProbeResult) {
        if result.passed { passed += 1 } else if result.unverified { unverified += 1 } else { failed += 1 }
        if !result.unverified { latencies.record(seconds: result.latency) }
        observed.add(result)
        if let finding = result.finding {
            let who = ProbeKey(probe: result.probe, provider: result.provider)
            settings.progress("✖ \(who) proved the release broken: \(finding)")
            if plan.stopOnCritical { control.stop(.stoppedOnCritical) }
        }
    }

    mutating func tick(at now: Double) {
        for event in monitor.advance(observed.observations, to: now) {
            firing[event.name] = event.state == .fired ? event.level : nil
            settings.progress(Self.line(for: event, speed: settings.speed))
            if event.state == .fired, event.level == .critical, plan.stopOnCritical {
                control.stop(.stoppedOnCritical)
            }
        }
        guard let status = settings.status else { return }
        let speed = settings.speed
        status(
            RunStatus(
                elapsed: now, speed: speed, planSeconds: plan.duration.seconds, phase: plan.phaseName(at: now, speed: speed),
                passed: passed, failed: failed, unverified: unverified, p95: latencies.quantile(0.95),
                firing: firing.sorted { $0.key < $1.key }.map { "\($0.value.rawValue): \($0.key)" }))
    }

    static func line(for event: AlertEvent, speed: Double) -> String {
        let mark = event.state == .resolved ? "✓" : (event.level == .critical ? "✖" : "⚠")
        let value = event.value.map { QuantityText.format($0, event.unit) } ?? "n/a"
        var line = "\(mark) \(ClockText.format(event.at, speed: speed)) \(event.level.rawValue) alert \"\(event.name)\" "
            + "\(event.state.rawValue): \(event.condition) (observed \(value))"
        if let evidence = event.evidence.first {
            var reason = Reason(cause: .contractFailed, effect: .rollback, evidence: evidence)
            reason.rules = [event.name]
            line += "; " + ReasonText.evidence(reason)
        }
        return line
    }
}
