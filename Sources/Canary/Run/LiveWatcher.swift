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
    /// Real seconds the alert rules look back; older observations are forgotten.
    private let horizon: Double
    private var lastForget = 0.0
    private var metrics: RunMetrics
    /// Whether metric alerts wait for Prometheus's answers: the rules are evaluated no further than it answered.
    private let waitsForPrometheus: Bool

    init(plan: Plan, settings: RunSettings, control: RunControl, runID: String) {
        self.plan = plan
        self.settings = settings
        self.control = control
        monitor = AlertMonitor(rules: plan.alerts, speed: settings.speed)
        horizon = Self.horizon(of: plan.alerts, speed: settings.speed)
        metrics = RunMetrics(factory: settings.metrics, runID: runID, location: settings.location)
        waitsForPrometheus =
            plan.target.metricsSource != nil
            && plan.alerts.contains { $0.condition.query.readsTargetMetrics && $0.condition.query.range != .run }
        if plan.target.metricsSource != nil { observed.observations.prometheus = PrometheusReadings() }
    }

    /// The longest look-back of any rule, in real seconds, with a grid step to spare; infinite for `[run]` ranges.
    static func horizon(of rules: [AlertRule], speed: Double) -> Double {
        let planSeconds = rules.map { rule -> Double in
            switch rule.condition.query.range {
            case .last(let duration): duration.seconds
            case .run: .infinity
            case nil: Query.staleness.seconds
            }
        }.max() ?? 0
        return (planSeconds + AlertMonitor.interval) / speed
    }

    /// Starts from what an earlier segment of the run observed, without announcing its transitions again.
    mutating func resume(from earlier: RunObservations, at start: Double) {
        let readings = observed.observations.prometheus
        observed = earlier
        if observed.observations.prometheus == nil { observed.observations.prometheus = readings }
        for event in monitor.advance(observed.observations, to: start) {
            firing[event.name] = event.state == .fired ? event.level : nil
        }
    }

    mutating func observe(_ result: ProbeResult) {
        if result.passed { passed += 1 } else if result.unverified { unverified += 1 } else { failed += 1 }
        if !result.unverified { latencies.record(seconds: result.latency) }
        observed.add(result)
        metrics.attempted(result)
        if let finding = result.finding {
            let who = ProbeKey(probe: result.probe, provider: result.provider)
            settings.progress("✖ \(who) proved the release broken: \(finding)")
            if plan.stopOnCritical { control.stop(.stoppedOnCritical) }
        }
    }

    /// Takes what Prometheus answered for the plan's metric conditions.
    mutating func observe(_ readings: [PrometheusReading]) {
        observed.observations.prometheus?.add(readings)
    }

    mutating func tick(at now: Double) {
        let answered = waitsForPrometheus ? Swift.min(now, observed.observations.prometheus?.reach ?? now) : now
        for event in monitor.advance(observed.observations, to: answered) {
            firing[event.name] = event.state == .fired ? event.level : nil
            metrics.alert(event)
            settings.progress(Self.line(for: event, speed: settings.speed))
            if event.state == .fired, event.level == .critical, plan.stopOnCritical {
                control.stop(.stoppedOnCritical)
            }
        }
        if horizon.isFinite, now - lastForget > horizon {
            observed.observations.forget(before: now - horizon)
            lastForget = now
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
