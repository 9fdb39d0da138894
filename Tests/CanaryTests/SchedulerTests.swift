import AsyncHTTPClient
import Canary
import Logging
import Probes
import Synchronization
import Testing

/// A probe that takes a fixed time and counts its starts.
struct SleepyProbe: Probe {
    let id: String
    let delay: Duration
    func run(in context: ProbeContext) async throws -> ProbeOutcome {
        try await Task.sleep(for: delay)
        return .pass()
    }
}

@Suite struct SchedulerTests {
    static func context() -> ProbeContext {
        ProbeContext(
            http: HTTPClient.shared, target: ProbeTarget(backendURL: "http://127.0.0.1:9", workspaceID: "ws"),
            timeout: .seconds(1), logger: Logger(label: "test"))
    }

    static func collect(_ entries: [ScheduledProbe]) async -> [ProbeResult] {
        let results = Mutex<[ProbeResult]>([])
        await Scheduler(entries: entries, phaseName: { _ in "p" }).run(context: context(), origin: .now) { result in
            results.withLock { $0.append(result) }
        }
        return results.withLock { $0 }.sorted { $0.intendedAt < $1.intendedAt }
    }

    @Test func startsEachAttemptOnItsCadence() async {
        let entry = ScheduledProbe(
            probe: SleepyProbe(id: "fast", delay: .zero), start: .milliseconds(100), end: .milliseconds(600),
            cadence: .every(.milliseconds(100)), timeout: .seconds(1))
        let results = await Self.collect([entry])
        #expect(results.map(\.intendedAt) == [0.1, 0.2, 0.3, 0.4, 0.5])
        for result in results {
            // How late a start is depends on the machine (canary-bench measures it); what must hold anywhere
            // is that no attempt starts early and that lateness counts in the latency.
            #expect(result.startedAt >= result.intendedAt)
            #expect(result.latency >= result.startedAt - result.intendedAt)
        }
    }

    @Test func slowAttemptsNeverDelayTheNextStart() async {
        // Each attempt takes 250 ms but one is due every 50 ms: an open model keeps starting them on time.
        let entry = ScheduledProbe(
            probe: SleepyProbe(id: "slow", delay: .milliseconds(250)), start: .zero, end: .milliseconds(500),
            cadence: .every(.milliseconds(50)), timeout: .seconds(1))
        let results = await Self.collect([entry])
        #expect(results.count == 10)
        #expect(results.allSatisfy { $0.latency >= 0.25 })
        // In a closed model each attempt would start after the previous one ended; here they overlap.
        let overlapping = zip(results, results.dropFirst()).count { earlier, later in
            later.startedAt < earlier.intendedAt + earlier.latency
        }
        #expect(overlapping >= 8, "only \(overlapping) of 9 attempts overlapped their predecessor")
    }

    @Test func exclusiveAttemptsNeverOverlapAndOverrunsAreRecorded() async {
        // A scrape taking 250 ms due every 100 ms: attempts run one at a time, missed due times are overruns.
        let entry = ScheduledProbe(
            probe: SleepyProbe(id: "scrape", delay: .milliseconds(250)), start: .zero, end: .milliseconds(600),
            cadence: .every(.milliseconds(100)), timeout: .seconds(1), exclusive: true)
        let results = await Self.collect([entry])
        #expect(results.count == 6)
        #expect(results.first?.passed == true, "the first due time has nothing to overrun")
        let ran = results.filter(\.passed)
        for (earlier, later) in zip(ran, ran.dropFirst()) {
            #expect(later.startedAt >= earlier.intendedAt + earlier.latency, "attempts overlapped")
        }
        let overruns = results.filter { $0.errorClass == "overrun" }
        #expect(!overruns.isEmpty && overruns.count + ran.count == 6)
    }

    @Test func timeoutIsAFailedAttemptTimedFromItsDueTime() async {
        let entry = ScheduledProbe(
            probe: SleepyProbe(id: "stuck", delay: .seconds(30)), start: .zero, end: .milliseconds(10), cadence: .once,
            timeout: .milliseconds(200))
        let results = await Self.collect([entry])
        #expect(results.count == 1)
        #expect(results[0].errorClass == "timeout" && !results[0].passed)
        #expect(results[0].latency >= 0.2 && results[0].latency < 5)
    }

    @Test func speedScalesPhasesAndCadences() throws {
        let plan = try PlanLoader.parse(
            """
            name: scaled
            phases:
              - name: one
                from: 0m
                until: 10m
                probes:
                  - probe: health
                    cadence: 1m
              - name: two
                from: 10m
                until: 20m
            watch:
              - probe: metrics.scrape
                cadence: 30s
            """, file: "scaled.yaml")
        let entries = plan.schedule(speed: 60)
        let health = try #require(entries.first { $0.probe.id == "health" })
        #expect(health.cadence == .every(.seconds(1)) && health.end == .seconds(10))
        #expect(Array(health.dueOffsets).count == 10)
        let scrape = try #require(entries.first { $0.probe.id == "metrics.scrape" })
        #expect(scrape.end == .seconds(20) && Array(scrape.dueOffsets).count == 40)
        #expect(plan.phaseName(at: 12, speed: 60) == "two")
        #expect(health.timeout == .seconds(10), "timeouts are real time and do not scale")
    }

    @Test func cancellingStopsTheSchedule() async {
        let entry = ScheduledProbe(
            probe: SleepyProbe(id: "p", delay: .zero), start: .zero, end: .seconds(60), cadence: .every(.milliseconds(20)),
            timeout: .seconds(1))
        let clock = ContinuousClock()
        let started = clock.now
        await withTaskGroup(of: Void.self) { group in
            group.addTask { _ = await Self.collect([entry]) }
            try? await Task.sleep(for: .milliseconds(200))
            group.cancelAll()
        }
        #expect(clock.now - started < .seconds(5))
    }
}
