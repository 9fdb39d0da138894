import Canary
import Probes
import Testing

/// A watcher holds only what its rules look back over.
@Suite struct ObservationsTests {
    @Test func forgettingKeepsTheWindowAndEachSeriesLatestPoint() {
        var observations = Observations()
        for second in 0..<100 {
            let at = Double(second)
            observations.add(
                .init(probe: "health", provider: nil, phase: "p", finishedAt: at, latency: 0.01, outcome: .pass, errorClass: nil))
            if second < 10 { observations.add([MetricSample(name: "dlq_size", labels: [:], value: at)], at: at) }
            observations.add([MetricSample(name: "worker_up", labels: [:], value: 1)], at: at)
        }
        observations.forget(before: 90)
        #expect(observations.attempts.count == 10 && observations.attempts.first?.finishedAt == 90)
        let latest = Query.latest(Selector(name: "worker_up")).evaluate(observations, at: 99, speed: 1)
        #expect(latest.value == 1)
        let window = Query.probeSuccessRatio(Selector(name: "health"), .last(.seconds(5))).evaluate(observations, at: 99, speed: 1)
        #expect(window.samples == 6, "the window ending now is whole")
        let old = Query.overTime(.max, Selector(name: "dlq_size"), .run).evaluate(observations, at: 99, speed: 1)
        #expect(old.value == 9 && old.samples == 1, "a series keeps its latest point")
    }
}
