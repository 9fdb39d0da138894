@testable import FakeBackend
import Testing

@Suite struct JobLaneTests {
    static func job(_ number: Int, dueIn offset: Duration? = nil, from now: ContinuousClock.Instant = .now) -> SyncJob {
        var job = SyncJob(id: "job-\(number)", provider: .hubspot, idempotencyKey: "hubspot:\(number)", payload: "{}")
        job.notBefore = offset.map { now + $0 }
        return job
    }

    static func drain(_ lane: inout JobLane, now: ContinuousClock.Instant) -> [String] {
        var taken: [String] = []
        while let job = lane.takeNext(now: now) { taken.append(job.id) }
        return taken
    }

    @Test func newJobsComeOutInArrivalOrderAcrossCompactions() {
        var lane = JobLane()
        let now = ContinuousClock.now
        for number in 0..<3000 { lane.append(Self.job(number)) }
        var taken = (0..<2500).compactMap { _ in lane.takeNext(now: now)?.id }
        for number in 3000..<3100 { lane.append(Self.job(number)) }
        taken += Self.drain(&lane, now: now)
        #expect(taken == (0..<3100).map { "job-\($0)" })
        #expect(lane.count == 0)
    }

    @Test func dueRetriesGoFirstInDueOrderAndLaterOnesWait() {
        var lane = JobLane()
        let now = ContinuousClock.now
        lane.append(Self.job(1))
        lane.append(Self.job(2, dueIn: .seconds(-1), from: now))
        lane.append(Self.job(3, dueIn: .seconds(-3), from: now))
        lane.append(Self.job(4, dueIn: .seconds(60), from: now))
        lane.append(Self.job(5, dueIn: .seconds(-3), from: now))
        #expect(lane.count == 5)
        #expect(Self.drain(&lane, now: now) == ["job-3", "job-5", "job-2", "job-1"])
        #expect(lane.count == 1, "the retry due in a minute still waits")
        #expect(lane.takeNext(now: now + .seconds(61))?.id == "job-4")
    }

    @Test func removingKeepsTheRestInOrder() {
        var lane = JobLane()
        let now = ContinuousClock.now
        for number in 0..<2000 { lane.append(Self.job(number)) }
        lane.append(Self.job(5000, dueIn: .zero, from: now))
        _ = (0..<1500).map { _ in lane.takeNext(now: now - .seconds(1)) }
        lane.removeAll { $0.id.hasSuffix("0") }
        let rest = Self.drain(&lane, now: now)
        #expect(rest == (1500..<2000).filter { $0 % 10 != 0 }.map { "job-\($0)" })
        #expect(lane.count == 0)
    }
}
