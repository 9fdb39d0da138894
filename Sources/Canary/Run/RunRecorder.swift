import Foundation
import Logging

/// Consumes finished attempts: keeps the observations, evaluates alert rules as samples arrive,
/// and commits results to the store in batches (at most every `flushInterval`).
struct RunRecorder: Sendable {
    enum Event: Sendable {
        case result(ProbeResult)
        case tick(Double)
    }

    let runID: String
    let store: CanaryStore
    let plan: Plan
    let settings: RunSettings
    let control: RunControl
    var monitor: AlertMonitor
    var observations = Observations()
    var alertEvents: [AlertEvent] = []
    var findings: [Finding] = []
    var attempts = 0
    var failed = 0
    var latencies = LatencyHistogram()
    /// Alerts firing now, by rule name.
    var firing: [String: AlertRule.Level] = [:]
    var storeFailure: String?
    private var pending: [ProbeResult] = []
    private var lastSampleStart: [String: Double] = [:]
    private var pendingAlerts: [AlertEvent] = []
    private var lastFlush = 0.0
    private let batchLimit = 2000
    private let flushInterval = 0.5

    init(runID: String, store: CanaryStore, plan: Plan, settings: RunSettings, control: RunControl) {
        self.runID = runID
        self.store = store
        self.plan = plan
        self.settings = settings
        self.control = control
        self.monitor = AlertMonitor(rules: plan.alerts, speed: settings.speed)
    }

    /// Reads events until the stream ends, then commits what is left.
    mutating func consume(_ events: AsyncStream<Event>) async {
        for await event in events {
            switch event {
            case .result(let result):
                record(result)
                if !result.samples.isEmpty { evaluate(at: result.finishedAt) }
                if pending.count >= batchLimit { await flush(at: result.finishedAt) }
            case .tick(let now):
                evaluate(at: now)
                reportStatus(at: now)
                if now - lastFlush >= flushInterval { await flush(at: now) }
            }
        }
        await flush(at: .infinity)
    }

    private mutating func record(_ result: ProbeResult) {
        attempts += 1
        if !result.passed { failed += 1 }
        latencies.record(seconds: result.latency)
        observations.add(result.attempt)
        if !result.samples.isEmpty, result.startedAt >= lastSampleStart[result.probe, default: -.infinity] {
            // Samples of an attempt that started before the last applied one are older values: applying them
            // would look like a counter reset. They stay in the store; the rules skip them.
            lastSampleStart[result.probe] = result.startedAt
            observations.add(result.samples, at: result.finishedAt)
        }
        if let finding = result.finding {
            findings.append(Finding(probe: result.probe, detail: finding))
            settings.progress("✖ \(result.probe) proved the release broken: \(finding)")
            if plan.stopOnCritical { control.stop(.stoppedOnCritical) }
        }
        pending.append(result)
    }

    private mutating func evaluate(at now: Double) {
        for event in monitor.evaluate(observations, at: now) {
            firing[event.rule] = event.state == .fired ? event.level : nil
            alertEvents.append(event)
            pendingAlerts.append(event)
            settings.progress(Self.line(for: event, speed: settings.speed))
            if event.state == .fired, event.level == .critical, plan.stopOnCritical {
                control.stop(.stoppedOnCritical)
            }
        }
    }

    private func reportStatus(at now: Double) {
        guard let status = settings.status else { return }
        let speed = settings.speed
        status(
            RunStatus(
                elapsed: now, speed: speed, planSeconds: plan.duration.seconds, phase: plan.phaseName(at: now, speed: speed),
                passed: attempts - failed, failed: failed, p95: latencies.quantile(0.95),
                firing: firing.sorted { $0.key < $1.key }.map { "\($0.value.rawValue): \($0.key)" }))
    }

    private mutating func flush(at now: Double) async {
        lastFlush = now
        guard !pending.isEmpty || !pendingAlerts.isEmpty else { return }
        do {
            try await store.append(pending, alerts: pendingAlerts, to: runID)
            pending.removeAll(keepingCapacity: true)
            pendingAlerts.removeAll()
        } catch {
            // Keep the batch and try again at the next flush; the run goes on.
            if storeFailure == nil {
                settings.logger.error("cannot write results", metadata: ["canary.store.error": "\(error)"])
            }
            storeFailure = "\(error)"
        }
    }

    static func line(for event: AlertEvent, speed: Double) -> String {
        let mark = event.state == .resolved ? "✓" : (event.level == .critical ? "✖" : "⚠")
        let value = event.value.map(NumberText.format) ?? "n/a"
        return "\(mark) \(ClockText.format(event.at, speed: speed)) \(event.level.rawValue) alert \"\(event.rule)\" "
            + "\(event.state.rawValue): \(event.condition) (observed \(value))"
    }
}
