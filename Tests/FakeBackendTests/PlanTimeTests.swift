import FakeBackend
import FakeSupport
import Testing

/// `time: plan` reads a plan's delays and the fakes' limit windows in plan time, divided by the speed like
/// the fault windows; `time: real`, the default, keeps them in real time.
@Suite struct PlanTimeTests {
    static let plan = """
        time: plan
        faults:
          - kind: webhook-latency
            delay: 3s
            jitter: 600ms
        providers:
          hubspot:
            - kind: latency
              delay: 600ms
            - kind: latency
              distribution: log-normal
              median: 120ms
              max: 6s
            - kind: rate-limit-storm
              window: 10s
            - kind: slow-body
              interval: 60ms
            - kind: rate-limit-storm
        """

    @Test func planTimeDividesEveryDelayByTheSpeed() throws {
        let plan = try DeploymentFaultPlan.parse(yaml: Self.plan, fileName: "plan.yaml", speed: 60)
        #expect(plan.timeScale == 60)
        #expect(plan.faults == [.webhookLatency(delay: .milliseconds(50), jitter: .milliseconds(10))])
        let kinds = try #require(plan.providers[.hubspot]).faults.map(\.kind)
        #expect(
            kinds == [
                .latency(.fixed(.milliseconds(10))),
                .latency(.logNormal(median: .milliseconds(2), sigma: 0.5, max: .milliseconds(100))),
                .rateLimitStorm(limit: 100, floor: 0, window: .seconds(10) / 60.0, ramp: .seconds(1)),
                .slowBody(chunkBytes: 64, interval: .milliseconds(1)),
                .rateLimitStorm(limit: 100, floor: 0, window: .seconds(10) / 60.0, ramp: .seconds(1)),
            ])
    }

    @Test func realTimeIsTheDefaultAndKeepsDelays() throws {
        let yaml = Self.plan.replacingOccurrences(of: "time: plan\n", with: "")
        let plan = try DeploymentFaultPlan.parse(yaml: yaml, fileName: "plan.yaml", speed: 60)
        #expect(plan.timeScale == 1)
        #expect(plan.faults == [.webhookLatency(delay: .seconds(3), jitter: .milliseconds(600))])
        #expect(plan.providers[.hubspot]?.faults.first?.kind == .latency(.fixed(.milliseconds(600))))
        let explicit = try DeploymentFaultPlan.parse(
            yaml: "time: real\n" + yaml, fileName: "plan.yaml", speed: 60)
        #expect(explicit == plan)
    }

    @Test func anUnknownClockSaysWhereAndWhatToUse() throws {
        let error = try #require(throws: FaultPlanError.self) {
            try DeploymentFaultPlan.parse(yaml: "faults: []\ntime: fast\n", fileName: "plan.yaml", speed: 60)
        }
        #expect(error.line == 2)
        #expect(error.message == #"unknown time "fast""#)
        #expect(error.hint?.contains("plan (delays in plan time") == true)
    }
}
