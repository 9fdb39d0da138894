import Logging
import Probes

/// Starts every probe attempt when it is due, as an open model.
///
/// A slow attempt never delays the next one: each due time gets its own child task, and latency is
/// measured from the due time, not from when the attempt happened to start, so a stalled target
/// cannot hide behind coordinated omission. Every attempt has a timeout. Exclusive probes (metrics
/// scrapes) never overlap: a due time that finds the previous attempt still running is recorded as
/// a failed `overrun` attempt instead of being started. Cancelling the calling
/// task stops the schedule; attempts still in flight are cancelled and not recorded.
///
/// ```swift
/// let scheduler = Scheduler(entries: plan.schedule(speed: 60), phaseName: { plan.phaseName(at: $0, speed: 60) })
/// await scheduler.run(context: context, origin: .now) { result in continuation.yield(result) }
/// ```
public struct Scheduler: Sendable {
    public var entries: [ScheduledProbe]
    /// The phase in force at an offset in real seconds.
    public var phaseName: @Sendable (Double) -> String

    public init(entries: [ScheduledProbe], phaseName: @escaping @Sendable (Double) -> String) {
        self.entries = entries
        self.phaseName = phaseName
    }

    /// Runs the timeline from `origin`, skipping attempts due before `start` (a resumed run goes on where it
    /// stood); `emit` receives each finished attempt.
    public func run(
        context: ProbeContext, origin: ContinuousClock.Instant, from start: Duration = .zero,
        emit: @escaping @Sendable (ProbeResult) -> Void
    ) async {
        let clock = ContinuousClock()
        await withDiscardingTaskGroup { group in
            for entry in entries where entry.exclusive {
                group.addTask {
                    await runExclusive(entry, from: start, context: context, origin: origin, clock: clock, emit: emit)
                }
            }
            for entry in entries where !entry.exclusive {
                group.addTask {
                    await withDiscardingTaskGroup { attempts in
                        for due in entry.dueOffsets where due >= start {
                            do {
                                try await clock.sleep(until: origin + due)
                            } catch {
                                return
                            }
                            attempts.addTask {
                                guard let result = await attempt(entry, due: due, origin: origin, clock: clock, context: context)
                                else { return }
                                emit(result)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Runs one attempt at a time; due times passed while an attempt ran become `overrun` failures.
    private func runExclusive(
        _ entry: ScheduledProbe, from start: Duration, context: ProbeContext, origin: ContinuousClock.Instant, clock: ContinuousClock,
        emit: @Sendable (ProbeResult) -> Void
    ) async {
        var previousEnd = -Double.infinity
        for due in entry.dueOffsets where due >= start {
            if previousEnd > due.seconds {
                let now = (clock.now - origin).seconds
                emit(
                    ProbeResult(
                        probe: entry.probe.id, provider: entry.probe.provider, phase: phaseName(due.seconds),
                        intendedAt: due.seconds, startedAt: now, latency: now - due.seconds, passed: false,
                        errorClass: "overrun", detail: "skipped: the previous attempt was still running when this one was due"))
                continue
            }
            do { try await clock.sleep(until: origin + due) } catch { return }
            guard let result = await attempt(entry, due: due, origin: origin, clock: clock, context: context) else { return }
            previousEnd = (clock.now - origin).seconds
            emit(result)
        }
    }

    /// One attempt, or an unverified one when the harness lacks what it needs; nil when the run was cancelled.
    private func attempt(
        _ entry: ScheduledProbe, due: Duration, origin: ContinuousClock.Instant, clock: ContinuousClock,
        context: ProbeContext
    ) async -> ProbeResult? {
        let startedAt = (clock.now - origin).seconds
        var context = context
        context.timeout = entry.timeout
        context.logger[metadataKey: "probe.id"] = "\(entry.probe.id)"
        if let provider = entry.probe.provider { context.logger[metadataKey: "crm.provider"] = "\(provider)" }
        let probe = entry.probe, attemptContext = context
        let unmet = ProbeCatalog.unmetNeeds(
            of: probe.id, provider: probe.provider, target: context.target, secrets: context.secrets)
        // What the harness lacks leaves the attempt unverified without bothering the target.
        let outcome: ProbeOutcome?
        if unmet.isEmpty {
            outcome = await raced(probe, attemptContext, timeout: entry.timeout, clock: clock)
        } else {
            outcome = .unverified(unmet.joined(separator: "; "))
        }
        guard let outcome, !Task.isCancelled else { return nil }
        let finished = (clock.now - origin).seconds
        return ProbeResult(
            probe: probe.id, provider: probe.provider, phase: phaseName(due.seconds), intendedAt: due.seconds,
            startedAt: startedAt, latency: finished - due.seconds, passed: outcome.passed,
            errorClass: outcome.errorClass?.rawValue, detail: outcome.detail, finding: outcome.finding,
            samples: outcome.samples)
    }

    /// One attempt of `probe` against its timeout; nil when the run was cancelled under it.
    private func raced(
        _ probe: any Probe, _ attemptContext: ProbeContext, timeout: Duration, clock: ContinuousClock
    ) async -> ProbeOutcome? {
        await withTaskGroup(of: ProbeOutcome?.self) { race in
            race.addTask {
                do {
                    return try await probe.run(in: attemptContext)
                } catch is CancellationError {
                    return nil
                } catch {
                    return .fail("harness", "the probe itself failed: \(error)")
                }
            }
            race.addTask {
                try? await clock.sleep(for: timeout)
                return Task.isCancelled
                    ? nil : .fail(.timeout, "no answer within \(DurationText.format(timeout))")
            }
            let first = await race.next() ?? nil
            race.cancelAll()
            return first
        }
    }
}
