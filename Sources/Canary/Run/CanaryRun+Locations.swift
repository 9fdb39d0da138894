import AsyncHTTPClient
import Foundation

/// A run recorded from several locations, each by its own runner process, with nothing shared but the database.
///
/// - The first runner starts the run (`canary run --location eu-west`); others join it by id (`canary run --join
///   RUN_ID --location us-east`) and play the same plan on the run's clock from where it stands.
/// - Every runner says it is alive every ``RunLocation/heartbeatInterval`` seconds. A location silent for longer
///   than ``RunLocation/silenceLimit(_:speed:)`` is named in the reasons and keeps the run from `go`.
/// - A runner whose timeline ends waits until every other location has finished or gone silent; then the runners
///   left race for a lease on the decision (``RunStore/claimDecision(of:by:until:now:)``), and the one that takes it
///   judges and records the run. The others read the decision and write the same reports.
/// - A runner that stops on a critical alert decides at once when one location suffices (`min_location_failed: 1`);
///   the others see the decision at their next heartbeat and stop.
extension CanaryRun {
    /// Joins run `runID` from `settings.location`, then plays the rest of its timeline and settles it with the
    /// other locations.
    public func join(_ runID: String, http: HTTPClient, control: RunControl) async throws -> RunSummary {
        guard let location = settings.location else {
            throw CanaryError.usage("Joining a run needs a location.", hint: "Add --location NAME, e.g. --location us-east.")
        }
        guard let run = try await store.run(runID) else { throw CanaryError.runNotFound(runID, database: store.location) }
        let from = Date().timeIntervalSince(run.startedAt)
        try await checkJoinable(run, location: location, at: from)
        try await store.join(runID, location: joining(location, from: from))
        settings.progress(
            "canary run \(runID): location \(location) joins plan \(plan.name) at "
                + "\(ClockText.format(from, speed: settings.speed)) of \(DurationText.format(plan.duration)) against "
                + settings.target.backendURL)
        var watcher = LiveWatcher(plan: watchedPlan, settings: settings, control: control, runID: runID)
        watcher.resume(from: RunObservations(), at: from)
        return try await play(runID, from: from, watcher: watcher, http: http, control: control)
    }

    /// The plan as this runner watches it live. One location's critical alert cannot stop it when the plan counts
    /// failures only from `min_location_failed` of 2 or more locations: that location plays on, and the judge counts.
    var watchedPlan: Plan {
        guard settings.location != nil, plan.minLocationFailed > 1 else { return plan }
        var plan = self.plan
        plan.stopOnCritical = false
        return plan
    }

    /// This process, recording from `location` from `from` seconds on the run's clock.
    func joining(_ location: String, from: Double) -> RunLocation {
        RunLocation(
            name: location, runnerPID: ProcessInfo.processInfo.processIdentifier,
            runnerHost: ProcessInfo.processInfo.hostName, target: settings.target.backendURL, joinedAt: Date(),
            fromSeconds: from, lastSeen: from)
    }

    /// Refuses a run against the fakes, one started without a location, a decided run, one whose timeline is over,
    /// and a location another live runner records from.
    private func checkJoinable(_ run: RunRecord, location: String, at from: Double) async throws {
        if run.mode == .fake {
            throw CanaryError.usage(
                "Run \(run.id) plays against the bundled fakes inside the runner that started it; another location "
                    + "cannot reach them or their secrets.",
                hint: "Start the run against a deployment by URL (--target) to record it from several locations.")
        }
        if let decision = run.decision {
            throw CanaryError.usage(
                "Run \(run.id) was already decided \(decision.rawValue); there is nothing left to join.",
                hint: "`canary report \(run.id)` rebuilds its reports; `canary run --location …` starts a new run.")
        }
        let length = plan.duration.seconds / run.speed
        guard from < length else {
            throw CanaryError.usage(
                "Run \(run.id)'s timeline ended \(DurationText.format(.seconds((from - length) * run.speed))) of plan "
                    + "time ago, so there is nothing left to join.",
                hint: "Start a new run; runners of one run start within the plan's length of each other.")
        }
        let locations = try await store.locations(of: run.id)
        guard !locations.isEmpty else {
            throw CanaryError.usage(
                "Run \(run.id) was started without --location, so it is recorded from one place and decided there.",
                hint: "Start the first runner with --location NAME; the others join that run.")
        }
        let limit = RunLocation.silenceLimit(plan, speed: run.speed)
        if let live = locations.first(where: { $0.name == location }), live.isLive(at: from, limit: limit) {
            throw CanaryError.usage(
                "Location \(location) is still recording run \(run.id) (process \(live.runnerPID.map(String.init) ?? "?") "
                    + "on \(live.runnerHost ?? "an unknown host")).",
                hint: "Give this runner another --location, or stop that one first.")
        }
    }

    /// Says this location is alive; stops it once another location has decided the run.
    func heartbeat(_ runID: String, location: String, at now: Double, control: RunControl) async {
        do {
            if let decision = try await store.heartbeat(runID, location: location, at: now), control.stopReason == nil {
                settings.progress("another location decided the run \(decision.rawValue); \(location) stops")
                control.stop(.stoppedOnCritical)
            }
        } catch {
            settings.logger.warning(
                "cannot record that this location is alive", metadata: ["canary.run": "\(runID)", "error": "\(error)"])
        }
    }

    /// Ends this location's part of run `runID` and takes or reads the run's decision (see the type's notes).
    func settle(_ runID: String, location: String, end: RunEnd, reach: Double, http: HTTPClient) async throws
        -> RunSummary
    {
        if end != .interrupted { try await store.finishLocation(runID, location: location, at: reach) }
        let origin = Date().addingTimeInterval(-reach)
        let limit = RunLocation.silenceLimit(plan, speed: settings.speed)
        let decidesAlone = end == .stoppedOnCritical && plan.minLocationFailed == 1
        var announced = false
        while true {
            let now = Date().timeIntervalSince(origin)
            guard let run = try await store.run(runID) else { throw CanaryError.runNotFound(runID, database: store.location) }
            if run.decision != nil {
                let judgment = try await Judge(store: store).judge(runID: runID)
                RunMetrics(factory: settings.metrics, runID: runID).judged(judgment)
                return try await report(runID, judgment: judgment, end: run.end)
            }
            let others = try await store.locations(of: runID).filter {
                $0.name != location && $0.isLive(at: now, limit: limit)
            }
            if end == .interrupted, !others.isEmpty {
                // Stopped by a person while other locations go on: they decide; this runner reports what it has.
                settings.progress("location \(location) stopped; \(others.map(\.name).joined(separator: ", ")) go on and decide")
                let judgment = try await Judge(store: store).judge(runID: runID, end: .interrupted, reach: now)
                return try await report(runID, judgment: judgment, end: end)
            }
            if others.isEmpty || decidesAlone {
                let lease = Date().addingTimeInterval(max(60, 10 * limit))
                if try await store.claimDecision(of: runID, by: location, until: lease, now: Date()) {
                    return try await decide(runID, end: end, reach: now, http: http)
                }
            } else if !announced {
                settings.progress("waiting for \(others.map(\.name).joined(separator: ", ")) to finish")
                announced = true
            }
            try await Task.sleep(for: .milliseconds(250))
        }
    }
}
