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
    public var store: any RunStore

    public init(plan: Plan, settings: RunSettings, store: any RunStore) {
        self.plan = plan
        self.settings = settings
        self.store = store
    }

    /// Starts a new run and plays it until the timeline ends or `control` stops it; then judges and reports.
    public func execute(http: HTTPClient, control: RunControl) async throws -> RunSummary {
        let runID = RunRecord.newID()
        try await store.begin(
            RunRecord(
                id: runID, planName: plan.name, planPath: plan.sourcePath, planSource: plan.source,
                target: settings.target.backendURL, speed: settings.speed, faults: settings.faults,
                harnessVersion: settings.harnessVersion, startedAt: Date(), endedAt: nil, end: .unfinished,
                decision: nil, reasons: [], mode: settings.mode, runnerPID: ProcessInfo.processInfo.processIdentifier,
                runnerHost: ProcessInfo.processInfo.hostName, tls: settings.tls.summary))
        if let location = settings.location { try await store.join(runID, location: joining(location, from: 0)) }
        settings.progress(
            "canary run \(runID): plan \(plan.name), \(DurationText.format(plan.duration)) at speed "
                + "\(NumberText.format(settings.speed)) against \(settings.target.backendURL)")
        let baseline = try await prepareBaseline(of: runID)
        var watcher = LiveWatcher(plan: watchedPlan, settings: settings, control: control, runID: runID)
        var seed = RunObservations()
        seed.observations.baseline = baseline
        watcher.resume(from: seed, at: 0)
        return try await play(runID, from: 0, watcher: watcher, http: http, control: control)
    }

    /// Plays the timeline from `start` (real seconds on the run's clock), then judges the run from the store,
    /// records the judgment, runs the rollback runbook when the decision says so, and writes the reports.
    func play(
        _ runID: String, from start: Double, watcher: LiveWatcher, http: HTTPClient, control: RunControl
    ) async throws -> RunSummary {
        let (events, continuation) = AsyncStream.makeStream(of: RunEvent.self)
        let context = ProbeContext(
            http: http, target: settings.target, timeout: plan.defaultTimeout, secrets: settings.secrets,
            logger: settings.logger)
        let origin = ContinuousClock.now - .seconds(start)
        let plan = self.plan, settings = self.settings
        let poller = plan.target.metricsSource.map { source in
            PrometheusPoller(
                source: source, http: http, plan: plan, speed: settings.speed,
                origin: Date().timeIntervalSince1970 - start, from: start)
        }
        let writer = ResultWriter(runID: runID, store: store, logger: settings.logger)
        let heartbeat = settings.location.map { location in
            { @Sendable (now: Double) in await self.heartbeat(runID, location: location, at: now, control: control) }
        }
        var recording = RunRecording(watcher: watcher, writer: writer)
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await Self.race(
                    plan: plan, settings: settings, context: context, origin: origin, start: start, control: control,
                    poller: poller, heartbeat: heartbeat
                ) {
                    continuation.yield($0)
                }
                continuation.finish()
            }
            for await event in events { await recording.handle(event) }
            await group.waitForAll()
        }
        let reach = (ContinuousClock.now - origin).seconds
        let end: RunEnd = control.stopReason ?? .completed
        if let poller {
            // The last grid points, and every metric gate over the run as it ended.
            let last = await poller.poll(upTo: reach)
            await recording.handle(.prometheus(last + (await poller.gateReadings(at: reach))))
        }
        try await recording.finish()
        if let location = settings.location {
            return try await settle(runID, location: location, end: end, reach: reach, http: http)
        }
        return try await decide(runID, end: end, reach: reach, http: http)
    }

    /// Judges the run from the store, records the judgment, runs the rollback runbook when the decision says so,
    /// and writes the reports.
    func decide(_ runID: String, end: RunEnd, reach: Double, http: HTTPClient) async throws -> RunSummary {
        var judgment = try await Judge(store: store).judge(runID: runID, end: end, reach: reach)
        try await store.finish(runID, endedAt: Date(), judgment: judgment)
        // The report shows the run as stored now, ended; a rebuild reads the same record.
        if let ended = try await store.run(runID) { judgment.run = ended }
        RunMetrics(factory: settings.metrics, runID: runID).judged(judgment)
        if judgment.outcome.decision == .rollback { try await rollBack(runID, http: http) }
        return try await report(runID, judgment: judgment, end: end)
    }

    /// Writes the reports of `judgment` and sums the run up.
    func report(_ runID: String, judgment: Judgment, end: RunEnd) async throws -> RunSummary {
        let folder = try await ReportWriter(store: store, directory: settings.reportDirectory)
            .write(runID: runID, judgment: judgment)
        return RunSummary(
            runID: runID, end: end, outcome: judgment.outcome, reportFolder: folder, attempts: judgment.attempts,
            speed: settings.speed)
    }

    /// Runs the schedule from `start` until it ends or a stop is requested, whichever comes first.
    private static func race(
        plan: Plan, settings: RunSettings, context: ProbeContext, origin: ContinuousClock.Instant, start: Double,
        control: RunControl, poller: PrometheusPoller?, heartbeat: (@Sendable (Double) async -> Void)?,
        emit: @escaping @Sendable (RunEvent) -> Void
    ) async {
        let speed = settings.speed
        let location = settings.location
        await withTaskGroup(of: Bool.self) { race in
            if let heartbeat {
                race.addTask {
                    while !Task.isCancelled {
                        await heartbeat((ContinuousClock.now - origin).seconds)
                        do { try await ContinuousClock().sleep(for: .seconds(RunLocation.heartbeatInterval)) } catch {
                            return false
                        }
                    }
                    return false
                }
            }
            if let poller {
                race.addTask {
                    await pollPrometheus(poller, origin: origin) { emit(.prometheus($0)) }
                    return false
                }
            }
            race.addTask {
                let scheduler = Scheduler(entries: plan.schedule(speed: speed)) { plan.phaseName(at: $0, speed: speed) }
                await scheduler.run(context: context, origin: origin, from: .seconds(start)) { result in
                    var result = result
                    result.location = location
                    emit(.result(result))
                }
                return true
            }
            race.addTask {
                await control.waitForStop()
                return true
            }
            race.addTask {
                await announcePhases(plan, speed: speed, origin: origin, start: start, progress: settings.progress)
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
        _ plan: Plan, speed: Double, origin: ContinuousClock.Instant, start: Double, progress: @Sendable (String) -> Void
    ) async {
        for phase in plan.phases where phase.end.seconds / speed > start {
            do { try await ContinuousClock().sleep(until: origin + phase.start / speed) } catch { return }
            progress(
                "▶ \(ClockText.format(phase.start.seconds / speed, speed: speed)) phase \(phase.name) "
                    + "until \(ClockText.format(phase.end.seconds / speed, speed: speed)), \(phase.probes.count) probe entries")
        }
    }

    /// Asks Prometheus every second for the grid points it has scraped by now.
    private static func pollPrometheus(
        _ poller: PrometheusPoller, origin: ContinuousClock.Instant, _ emit: @Sendable ([PrometheusReading]) -> Void
    ) async {
        while !Task.isCancelled {
            do { try await ContinuousClock().sleep(for: .seconds(1)) } catch { return }
            let readings = await poller.poll(upTo: (ContinuousClock.now - origin).seconds - PrometheusPoller.lag)
            if !readings.isEmpty { emit(readings) }
        }
    }

    private static func tick(origin: ContinuousClock.Instant, _ emit: @Sendable (Double) -> Void) async {
        while !Task.isCancelled {
            do { try await ContinuousClock().sleep(for: .milliseconds(250)) } catch { return }
            emit((ContinuousClock.now - origin).seconds)
        }
    }
}

/// What the schedule hands the run's consumer: a finished attempt, or the time passing.
package enum RunEvent: Sendable {
    case result(ProbeResult)
    case tick(Double)
    /// What Prometheus answered for the plan's metric conditions.
    case prometheus([PrometheusReading])
}
