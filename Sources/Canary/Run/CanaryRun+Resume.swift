import AsyncHTTPClient
import Foundation

extension CanaryRun {
    /// Goes on with a killed or interrupted run: the same run id, from the plan time where its last stored result
    /// stands. The wall-clock time nothing watched the target is recorded as a gap and shown in every report; a gap
    /// longer than the plan's shortest alert window can never be `go`. The whole run is judged again at the end.
    ///
    /// The plan must be the run's own (``Judge/plan(of:)``) and `settings` must name where the target is now.
    public func resume(_ runID: String, http: HTTPClient, control: RunControl) async throws -> RunSummary {
        guard let run = try await store.run(runID) else { throw CanaryError.runNotFound(runID, database: store.location) }
        try Self.checkResumable(run)
        if let location = try await store.locations(of: runID).first {
            throw CanaryError.runNotResumable(
                runID, "it is recorded from locations",
                hint: "Rejoin it from a location: `canary run --join \(runID) --location \(location.name)`.")
        }
        let from = try await store.lastFinish(of: runID)
        let segments = try await store.segments(of: runID)
        let now = Date()
        let lastResult = segments.last.map { $0.startedAt.addingTimeInterval(from - $0.fromSeconds) } ?? run.startedAt
        let gap = max(0, now.timeIntervalSince(lastResult))
        try await store.resume(
            runID,
            segment: RunSegment(
                position: (segments.last?.position ?? -1) + 1, startedAt: now, fromSeconds: from, gapSeconds: gap,
                target: settings.target.backendURL),
            pid: ProcessInfo.processInfo.processIdentifier, host: ProcessInfo.processInfo.hostName)
        settings.progress(
            "canary resume \(runID): going on from \(ClockText.format(from, speed: settings.speed)) of "
                + "\(DurationText.format(plan.duration)) against \(settings.target.backendURL); nothing watched it for "
                + "\(DurationText.format(.seconds(gap * settings.speed))) of plan time (\(String(format: "%.1f", gap)) s)")
        var earlier = try await store.scanResults(of: runID, into: RunObservations()) { read, result in read.add(result) }
        if let baselineID = try await store.baseline(of: runID)?.baselineRunID {
            earlier.observations.baseline = try await store.latencies(of: baselineID)
        }
        if plan.target.metricsSource != nil {
            earlier.observations.prometheus = PrometheusReadings(try await store.prometheusReadings(of: runID))
        }
        var watcher = LiveWatcher(plan: plan, settings: settings, control: control, runID: runID)
        watcher.resume(from: earlier, at: from)
        return try await play(runID, from: from, watcher: watcher, http: http, control: control)
    }

    /// Refuses a run that ended for good (completed, or stopped on a critical alert) or that a live process on this
    /// machine still records.
    /// - Throws: ``CanaryError`` saying which, with what to do instead.
    public static func checkResumable(_ run: RunRecord) throws {
        switch run.end {
        case .completed, .stoppedOnCritical:
            let how = run.end == .completed ? "completed its timeline" : "was stopped on a critical alert"
            throw CanaryError.runNotResumable(
                run.id, "it \(how) and was decided \(run.decision?.rawValue ?? "already")",
                hint: "`canary report \(run.id)` rebuilds its reports; `canary run` starts a new run.")
        case .interrupted, .unfinished:
            break
        }
        if let pid = run.runnerPID, run.runnerHost == ProcessInfo.processInfo.hostName,
            pid != ProcessInfo.processInfo.processIdentifier, isCanaryProcess(pid)
        {
            throw CanaryError.runNotResumable(
                run.id, "process \(pid) on this machine is still recording it",
                hint: "Stop it with `kill -INT \(pid)` (it keeps what it gathered), then resume.")
        }
    }

    /// Whether `pid` is alive and, where the system tells (Linux's /proc), a canary process rather than a reused id.
    private static func isCanaryProcess(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        guard let command = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return true }
        if let status = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let state = status.split(separator: ")").last?.split(separator: " ").first, state == "Z"
        {
            return false  // a zombie: it died and only waits for its parent to notice
        }
        return String(decoding: command, as: UTF8.self).contains("canary")
    }
}
