import AsyncHTTPClient
import Foundation
import Logging
import Probes

/// Runs a plan against a target from start to decision: schedule, record, watch, judge, report.
///
/// ```swift
/// let summary = try await CanaryRun(plan: plan, settings: settings, store: store)
///     .execute(http: http, control: RunControl())
/// exit(summary.outcome.decision.exitCode)
/// ```
public struct CanaryRun: Sendable {
    public var plan: Plan
    public var settings: RunSettings
    public var store: CanaryStore

    public init(plan: Plan, settings: RunSettings, store: CanaryStore) {
        self.plan = plan
        self.settings = settings
        self.store = store
    }

    /// Runs until the timeline ends or `control` stops it; then decides and writes the reports.
    public func execute(http: HTTPClient, control: RunControl) async throws -> RunSummary {
        let speed = settings.speed
        let runID = RunRecord.newID()
        let started = Date()
        try await store.begin(
            RunRecord(
                id: runID, planName: plan.name, planPath: plan.sourcePath, planSource: plan.source,
                target: settings.target.backendURL, speed: speed, faults: settings.faults,
                harnessVersion: settings.harnessVersion, startedAt: started, endedAt: nil, end: .unfinished,
                decision: nil, reasons: []))
        settings.progress(
            "canary run \(runID): plan \(plan.name), \(DurationText.format(plan.duration)) at speed \(NumberText.format(speed)) "
                + "against \(settings.target.backendURL)")

        let baseline = try await prepareBaseline(of: runID)
        let (events, continuation) = AsyncStream.makeStream(of: RunRecorder.Event.self)
        let context = ProbeContext(
            http: http, target: settings.target, timeout: plan.defaultTimeout, secrets: settings.secrets,
            logger: settings.logger)
        let origin = ContinuousClock.now
        let plan = self.plan, settings = self.settings
        var prepared = RunRecorder(runID: runID, store: store, plan: plan, settings: settings, control: control)
        prepared.observations.baseline = baseline
        let initial = prepared
        let recorder = await withTaskGroup(of: RunRecorder?.self) { group in
            group.addTask {
                var recorder = initial
                await recorder.consume(events)
                return recorder
            }
            group.addTask {
                await Self.race(plan: plan, settings: settings, context: context, origin: origin, control: control) {
                    continuation.yield($0)
                }
                continuation.finish()
                return nil
            }
            var recorder = initial
            for await case let finished? in group { recorder = finished }
            return recorder
        }

        let now = (ContinuousClock.now - origin).seconds
        let end: RunEnd = control.stopReason ?? .completed
        let gates = plan.gates.map { $0.judge(recorder.observations, at: now, speed: speed) }
        let outcome = DecisionEngine.decide(
            DecisionInput(
                end: end, speed: speed, alerts: recorder.alertEvents, gates: gates, findings: recorder.findings,
                attempts: recorder.attempts))
        try await store.finish(runID, endedAt: Date(), end: end, gates: gates, outcome: outcome)
        if outcome.decision == .rollback { try await rollBack(runID, http: http) }
        let folder = try await ReportWriter(store: store, directory: settings.reportDirectory).write(runID: runID)
        return RunSummary(runID: runID, end: end, outcome: outcome, reportFolder: folder, attempts: recorder.attempts)
    }

    /// Runs the schedule until it ends or a stop is requested, whichever comes first.
    private static func race(
        plan: Plan, settings: RunSettings, context: ProbeContext, origin: ContinuousClock.Instant,
        control: RunControl, emit: @escaping @Sendable (RunRecorder.Event) -> Void
    ) async {
        let speed = settings.speed
        await withTaskGroup(of: Bool.self) { race in
            race.addTask {
                let scheduler = Scheduler(entries: plan.schedule(speed: speed)) { plan.phaseName(at: $0, speed: speed) }
                await scheduler.run(context: context, origin: origin) { emit(.result($0)) }
                return true
            }
            race.addTask {
                await control.waitForStop()
                return true
            }
            race.addTask {
                await announcePhases(plan, speed: speed, origin: origin, progress: settings.progress)
                return false
            }
            race.addTask {
                await tick(origin: origin) { emit(.tick($0)) }
                return false
            }
            for await decisive in race where decisive { break }
            race.cancelAll()
        }
    }

    private static func announcePhases(
        _ plan: Plan, speed: Double, origin: ContinuousClock.Instant, progress: @Sendable (String) -> Void
    ) async {
        for phase in plan.phases {
            do { try await ContinuousClock().sleep(until: origin + phase.start / speed) } catch { return }
            progress(
                "▶ \(ClockText.format(phase.start.seconds / speed, speed: speed)) phase \(phase.name) "
                    + "until \(ClockText.format(phase.end.seconds / speed, speed: speed)), \(phase.probes.count) probe entries")
        }
    }

    private static func tick(origin: ContinuousClock.Instant, _ emit: @Sendable (Double) -> Void) async {
        while !Task.isCancelled {
            do { try await ContinuousClock().sleep(for: .milliseconds(250)) } catch { return }
            emit((ContinuousClock.now - origin).seconds)
        }
    }
}
