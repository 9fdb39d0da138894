import Canary
import Probes
import Testing

/// Each of the checklist's alert rules, fed scrapes that should and should not fire it.
@Suite struct AlertRuleTests {
    /// A scrape every 15 s for 10 minutes; `value(t)` gives each series' value at time t.
    static func observations(
        _ series: [(name: String, labels: [String: String], value: @Sendable (Double) -> Double)],
        seconds: Double = 600
    ) -> Observations {
        var observations = Observations()
        for time in stride(from: 0.0, through: seconds, by: 15) {
            observations.add(series.map { MetricSample(name: $0.name, labels: $0.labels, value: $0.value(time)) }, at: time)
        }
        return observations
    }

    static func fires(_ rule: String, _ observations: Observations, at now: Double = 600) throws -> Bool {
        let condition = try ConditionParser.parse(rule)
        var monitor = AlertMonitor(rules: [AlertRule(name: "r", level: .warning, condition: condition)], speed: 1)
        return monitor.evaluate(observations, at: now).contains { $0.state == .fired }
    }

    static let histogramBounds = ["0.5", "1", "2", "5", "+Inf"]

    /// A histogram where each 15 s adds `count` observations, all in the bucket with upper bound `bound`.
    static func histogram(_ name: String, bound: String, count: Double) -> [(name: String, labels: [String: String], value: @Sendable (Double) -> Double)] {
        let index = histogramBounds.firstIndex(of: bound)!
        return histogramBounds.enumerated().map { position, le in
            (name: name + "_bucket", labels: ["le": le], value: { time in position >= index ? (time / 15) * count : 0 })
        }
    }

    @Test func syncErrorsIncreasedInFiveMinutes() throws {
        let rule = "increase(crm_sync_errors_total[5m]) > 0"
        let rising = Self.observations([("crm_sync_errors_total", ["provider": "hubspot"], { $0 >= 450 ? 2 : 0 })])
        let flat = Self.observations([("crm_sync_errors_total", ["provider": "hubspot"], { $0 >= 100 ? 2 : 0 })])
        let reset = Self.observations([("crm_sync_errors_total", [:], { $0 >= 500 ? 1 : 7 })])
        #expect(try Self.fires(rule, rising))
        #expect(try !Self.fires(rule, flat), "an increase older than five minutes does not fire")
        #expect(try Self.fires(rule, reset), "a counter reset followed by an increment is an increase")
    }

    @Test func webhookLatencyP95OverTwoSeconds() throws {
        let rule = "histogram_quantile(0.95, webhook_latency_seconds[5m]) > 2s"
        #expect(try Self.fires(rule, Self.observations(Self.histogram("webhook_latency_seconds", bound: "5", count: 3))))
        #expect(try !Self.fires(rule, Self.observations(Self.histogram("webhook_latency_seconds", bound: "1", count: 3))))
        #expect(try !Self.fires(rule, Observations()), "no data never fires")
    }

    @Test func rateLimitHitsOverTenInAMinute() throws {
        let rule = "increase(rate_limit_hits_total[1m]) > 10"
        #expect(try Self.fires(rule, Self.observations([("rate_limit_hits_total", [:], { $0 / 15 * 4 })])))
        #expect(try !Self.fires(rule, Self.observations([("rate_limit_hits_total", [:], { $0 / 15 })])))
    }

    @Test func connectionFailuresOverThreeInTenMinutes() throws {
        let rule = "probe_failures(*{error=\"connection\"}[10m]) > 3"
        var failing = Observations()
        var few = Observations()
        for time in [100.0, 200, 300, 400, 500] {
            failing.add(.init(probe: "health", provider: nil, phase: "p", finishedAt: time, latency: 0.01, outcome: .fail, errorClass: "connection"))
            few.add(.init(probe: "health", provider: nil, phase: "p", finishedAt: time, latency: 0.01, outcome: time > 250 ? .pass : .fail, errorClass: time > 250 ? nil : "connection"))
        }
        #expect(try Self.fires(rule, failing))
        #expect(try !Self.fires(rule, few))
    }

    @Test func deadLetterQueueNotEmpty() throws {
        #expect(try Self.fires("dlq_size > 0", Self.observations([("dlq_size", [:], { $0 > 300 ? 1 : 0 })])))
        #expect(try !Self.fires("dlq_size > 0", Self.observations([("dlq_size", [:], { _ in 0 })])))
        let stale = Self.observations([("dlq_size", [:], { _ in 3 })], seconds: 100)
        #expect(try !Self.fires("dlq_size > 0", stale, at: 600), "a value not scraped for five minutes is stale")
    }

    @Test func workerDown() throws {
        #expect(try Self.fires("worker_up == 0", Self.observations([("worker_up", [:], { $0 > 500 ? 0 : 1 })])))
        #expect(try !Self.fires("worker_up == 0", Self.observations([("worker_up", [:], { _ in 1 })])))
    }

    @Test func firesOnceAndResolvesOnce() throws {
        let condition = try ConditionParser.parse("dlq_size > 0")
        var monitor = AlertMonitor(rules: [AlertRule(name: "dlq", level: .critical, condition: condition)], speed: 1)
        var observations = Observations()
        var events: [AlertEvent] = []
        for (time, value) in [(0.0, 0.0), (15, 1), (30, 2), (45, 0), (60, 0)] {
            observations.add([MetricSample(name: "dlq_size", labels: [:], value: value)], at: time)
            events += monitor.evaluate(observations, at: time)
        }
        #expect(events.map(\.state) == [.fired, .resolved])
        #expect(events.map(\.at) == [15, 45])
    }

    @Test func windowsScaleWithSpeed() throws {
        // At speed 60 a five-minute window is five real seconds: an increase 20 s ago is outside it.
        var observations = Observations()
        for time in stride(from: 0.0, through: 30, by: 0.25) {
            observations.add([MetricSample(name: "crm_sync_errors_total", labels: [:], value: time >= 10 ? 1 : 0)], at: time)
        }
        let condition = try ConditionParser.parse("increase(crm_sync_errors_total[5m]) > 0")
        var fast = AlertMonitor(rules: [AlertRule(name: "r", level: .warning, condition: condition)], speed: 60)
        #expect(fast.evaluate(observations, at: 30).isEmpty)
        var early = AlertMonitor(rules: [AlertRule(name: "r", level: .warning, condition: condition)], speed: 60)
        #expect(early.evaluate(observations, at: 12).count == 1)
    }
}
