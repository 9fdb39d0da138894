import Canary
import Probes
import Testing

/// `target.metrics_source` in a plan, and the PromQL each metric query becomes (selector merged, windows scaled).
@Suite struct PrometheusSourcePlanTests {
    static func plan(target: String, alerts: String = "") -> String {
        """
        name: through-prometheus
        target:
        \(target)
        phases:
          - name: only
            from: 0m
            until: 10m
            probes:
              - probe: health
                cadence: 30s
        \(alerts)
        """
    }

    @Test func metricsSourceIsReadWithItsSelector() throws {
        let plan = try PlanLoader.parse(
            Self.plan(target: #"  metrics_source: {prometheus: "http://prometheus:9090", selector: '{job="backend", env="canary"}'}"#),
            file: "p.yaml")
        #expect(plan.target.metricsSource == PrometheusSource(url: "http://prometheus:9090", selector: ["job": "backend", "env": "canary"]))
        #expect(try PlanLoader.parse(Self.plan(target: "  providers: [hubspot]"), file: "p.yaml").target.metricsSource == nil)
    }

    @Test func badMetricsSourcesAreReportedWithHints() throws {
        let text = Self.plan(
            target: """
                  metrics_source: {prometheus: "prometheus:9090", selector: 'job="backend"', scrape: true}
                """,
            alerts: """
                alerts:
                  - name: ever dead-lettered
                    level: critical
                    when: max_over_time(dlq_size[run]) > 0
                """)
        let error = try #require(throws: PlanInvalid.self) { try PlanLoader.parse(text, file: "p.yaml") }
        let messages = error.diagnostics.map(\.message)
        #expect(messages.contains { $0.hasPrefix("unknown key \"scrape\"") }, "\(messages)")
        #expect(messages.contains("the Prometheus URL \"prometheus:9090\" must start with http:// or https://"), "\(messages)")

        let credentials = Self.plan(target: "  metrics_source: {prometheus: \"http://user:pw@prometheus:9090\"}")
        let refused = try #require(throws: PlanInvalid.self) { try PlanLoader.parse(credentials, file: "p.yaml") }
        #expect(refused.diagnostics.map(\.message) == ["the Prometheus URL must not carry credentials: the plan is stored with every run"])

        let selector = Self.plan(
            target: #"  metrics_source: {prometheus: "http://prometheus:9090", selector: 'job="backend"'}"#,
            alerts: """
                alerts:
                  - name: ever dead-lettered
                    level: critical
                    when: max_over_time(dlq_size[run]) > 0
                """)
        let both = try #require(throws: PlanInvalid.self) { try PlanLoader.parse(selector, file: "p.yaml") }
        #expect(both.diagnostics.contains { $0.message.hasPrefix(#"selector "job="backend"" in target.metrics_source is not valid"#) })
        let run = try #require(both.diagnostics.first { $0.message.contains("[run]") })
        #expect(run.message == #"alert "ever dead-lettered" looks back over [run], which Prometheus cannot evaluate as an alert"#)
        #expect(run.hint == "use a trailing window such as [10m], or make it a gate")
    }

    @Test(arguments: [
        ("dlq_size > 0", nil, #"sum (last_over_time(dlq_size{job="backend"}[5000ms]))"#,
         #"count (last_over_time(dlq_size{job="backend"}[5000ms]))"#),
        (#"increase(crm_sync_errors_total{provider="hubspot"}[5m]) > 0"#, "provider",
         #"sum by (provider) (increase(crm_sync_errors_total{job="backend",provider="hubspot"}[5000ms]))"#,
         #"max by (provider) (count_over_time(crm_sync_errors_total{job="backend",provider="hubspot"}[5000ms]))"#),
        ("max_over_time(worker_queue_size[run]) < 100", nil, #"max (max_over_time(worker_queue_size{job="backend"}[90000ms]))"#,
         #"sum (count_over_time(worker_queue_size{job="backend"}[90000ms]))"#),
        ("histogram_quantile(0.95, webhook_latency_seconds[5m]) > 2s", nil,
         #"histogram_quantile(0.95, sum by (le) (increase(webhook_latency_seconds_bucket{job="backend"}[5000ms])))"#,
         #"sum (increase(webhook_latency_seconds_bucket{job="backend",le="+Inf"}[5000ms]))"#),
    ] as [(String, String?, String, String)])
    func metricQueriesBecomePromQLWithTheSelectorAndScaledWindows(
        condition: String, per: String?, value: String, samples: String
    ) throws {
        let query = try ConditionParser.parse(condition).query
        let promQL = try #require(query.promQL(adding: ["job": "backend"], speed: 60, runSeconds: 90, by: per))
        #expect(promQL == PromQLQuery(value: value, samples: samples))
    }

    @Test func probeQueriesAndTheHarnessOwnSamplesStayLocal() throws {
        for condition in ["probe_success_ratio(health[run]) >= 99%", "canary_worker_up == 0"] {
            let query = try ConditionParser.parse(condition).query
            #expect(!query.readsTargetMetrics)
            #expect(query.promQL(adding: [:], speed: 1, runSeconds: 1, by: nil) == nil)
        }
    }
}

/// The rules read Prometheus's stored answers instead of scraped samples, and an answer without a value never fires
/// an alert or passes a gate.
@Suite struct PrometheusReadingsTests {
    static func reading(_ key: String, at: Double, _ value: Double?, samples: Int = 1, problem: String? = nil) -> PrometheusReading {
        PrometheusReading(key: key, group: nil, at: at, value: value, samples: samples, problem: problem, promQL: "q", source: "http://prometheus:9090")
    }

    @Test func alertsFireAndResolveOnReadingsNotOnScrapes() throws {
        let condition = try ConditionParser.parse("dlq_size > 0")
        let key = PrometheusReading.key(condition, per: nil)
        var observations = Observations()
        // A scrape says the queue is full; with Prometheus as the source, only its answers count.
        observations.add([MetricSample(name: "dlq_size", labels: [:], value: 5)], at: 0)
        observations.prometheus = PrometheusReadings([
            Self.reading(key, at: 0, 0),
            Self.reading(key, at: 5.0 / 60, 2),
            Self.reading(key, at: 10.0 / 60, nil, samples: 0, problem: "Prometheus returned NaN"),
        ])
        var monitor = AlertMonitor(rules: [AlertRule(name: "dlq", level: .critical, condition: condition)], speed: 60)
        let events = monitor.advance(observations, to: 15.0 / 60)
        #expect(events.map(\.state) == [.fired, .resolved])
        #expect(events.first?.at == 5.0 / 60 && events.first?.value == 2)
    }

    @Test func gatesWithoutAValueOrWithTooFewSamplesHaveNoData() throws {
        let gate = Gate(name: "dlq empty", condition: try ConditionParser.parse("max_over_time(dlq_size[run]) == 0"), minSamples: 10)
        let key = PrometheusReading.key(gate.condition, per: nil)
        for (reading, verdict) in [
            (Self.reading(key, at: 60, 0, samples: 12), GateVerdict.Verdict.pass),
            (Self.reading(key, at: 60, 0, samples: 3), .noData),
            (Self.reading(key, at: 60, nil, samples: 0, problem: "Prometheus returned no series"), .noData),
        ] {
            var observations = Observations()
            observations.prometheus = PrometheusReadings([reading])
            #expect(gate.judge(observations, at: 60, speed: 60).verdict == verdict, "\(reading)")
        }
        var unasked = Observations()
        unasked.prometheus = PrometheusReadings()
        #expect(gate.judge(unasked, at: 60, speed: 60).verdict == .noData)
    }
}
