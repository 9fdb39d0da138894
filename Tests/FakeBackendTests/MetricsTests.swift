import FakeBackend
import FakeSupport
import FakeTestSupport
import Testing

@Suite struct MetricsTests {
    static let families: [(name: String, type: String)] = [
        ("webhook_latency_seconds", "histogram"), ("crm_sync_duration_seconds", "histogram"),
        ("crm_sync_total", "counter"), ("crm_sync_errors_total", "counter"), ("crm_sync_retries_total", "counter"),
        ("rate_limit_hits_total", "counter"), ("webhooks_received_total", "counter"), ("dlq_size", "gauge"),
        ("worker_queue_size", "gauge"), ("worker_up", "gauge"), ("crm_connection_failures_total", "counter"),
    ]

    @Test func everyFamilyIsPresentAtZero() async throws {
        try await withFakeDeployment(fastConfiguration(), logger: quietLogger) { deployment in
            let answer = try await fetch(.GET, "\(deployment.baseURL)/crm/metrics")
            #expect(answer.status == 200)
            #expect(answer.contentType?.hasPrefix("text/plain; version=0.0.4") == true)
            let text = answer.body
            for family in Self.families {
                #expect(text.contains("# HELP \(family.name) "), "\(family.name) has no HELP")
                #expect(text.contains("# TYPE \(family.name) \(family.type)\n"), "\(family.name) has no TYPE")
            }
            for provider in CRMProvider.allCases {
                let label = #"provider="\#(provider)""#
                for counter in [
                    "crm_sync_errors_total", "crm_sync_retries_total", "rate_limit_hits_total",
                    "webhooks_received_total", "crm_connection_failures_total",
                ] {
                    #expect(sample("\(counter){\(label)}", in: text) == 0)
                }
                for outcome in ["success", "error"] {
                    #expect(sample(#"crm_sync_total{\#(label),outcome="\#(outcome)"}"#, in: text) == 0)
                }
                for histogram in ["webhook_latency_seconds", "crm_sync_duration_seconds"] {
                    #expect(sample(#"\#(histogram)_bucket{\#(label),le="+Inf"}"#, in: text) == 0)
                    #expect(sample("\(histogram)_count{\(label)}", in: text) == 0)
                    for bound in ["0.005", "0.25", "0.5", "1", "2", "2.5", "5", "10"] {
                        #expect(sample(#"\#(histogram)_bucket{\#(label),le="\#(bound)"}"#, in: text) == 0)
                    }
                }
            }
            #expect(sample("dlq_size", in: text) == 0)
            #expect(sample("worker_queue_size", in: text) == 0)
        }
    }

    @Test func countersAndHistogramsMoveWhenWebhooksAreProcessed() async throws {
        try await withFakeDeployment(fastConfiguration(), logger: quietLogger) { deployment in
            try await postWebhooks(4, to: deployment, provider: "odoo")
            try await eventually("odoo synced") { deployment.state.syncStatus()[.odoo].synced == 4 }
            let text = try await fetch(.GET, "\(deployment.baseURL)/crm/metrics").body
            let odoo = #"provider="odoo""#
            #expect(sample("webhooks_received_total{\(odoo)}", in: text) == 4)
            #expect(sample(#"crm_sync_total{\#(odoo),outcome="success"}"#, in: text) == 4)
            #expect(sample("crm_sync_errors_total{\(odoo)}", in: text) == 0)
            #expect(sample("webhook_latency_seconds_count{\(odoo)}", in: text) == 4)
            #expect(sample(#"webhook_latency_seconds_bucket{\#(odoo),le="10"}"#, in: text) == 4)
            #expect(sample("crm_sync_duration_seconds_count{\(odoo)}", in: text) == 4)
            #expect(sample(#"crm_sync_duration_seconds_bucket{\#(odoo),le="+Inf"}"#, in: text) == 4)
            // Each push takes at least the sink's 1 ms, so the duration sum is real, not a constant.
            #expect((sample("crm_sync_duration_seconds_sum{\(odoo)}", in: text) ?? 0) >= 0.004)
            #expect(sample(#"webhooks_received_total{provider="hubspot"}"#, in: text) == 0)
            #expect(sample("worker_up", in: text) == 1)
            #expect(sample("worker_queue_size", in: text) == 0)
        }
    }

    @Test func writerFormatsHistogramsAndEscapesLabels() {
        let registry = MetricsRegistry()
        registry.declareHistogram("latency_seconds", help: "Time.\nSecond line", buckets: [0.5, 1], series: [])
        registry.observe("latency_seconds", ["path": #"a"b\c"#], 0.75)
        registry.declareGauge("up", help: "Up.")
        registry.set("up", to: 1)
        #expect(
            registry.render() == """
                # HELP latency_seconds Time.\\nSecond line
                # TYPE latency_seconds histogram
                latency_seconds_bucket{path="a\\"b\\\\c",le="0.5"} 0
                latency_seconds_bucket{path="a\\"b\\\\c",le="1"} 1
                latency_seconds_bucket{path="a\\"b\\\\c",le="+Inf"} 1
                latency_seconds_sum{path="a\\"b\\\\c"} 0.75
                latency_seconds_count{path="a\\"b\\\\c"} 1
                # HELP up Up.
                # TYPE up gauge
                up 1

                """)
    }
}
