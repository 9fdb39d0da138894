import Canary
import Testing

@Suite struct ConditionParserTests {
    @Test func parsesEveryFunction() throws {
        let increase = try ConditionParser.parse("increase(crm_sync_errors_total{provider=\"hubspot\"}[5m]) > 0")
        #expect(increase.query == .increase(Selector(name: "crm_sync_errors_total", labels: ["provider": "hubspot"]), .last(.seconds(300))))
        #expect(increase.comparison == .greater && increase.threshold == 0)

        let quantile = try ConditionParser.parse("histogram_quantile(0.95, webhook_latency_seconds[run]) < 2s")
        #expect(quantile.query == .histogramQuantile(0.95, Selector(name: "webhook_latency_seconds", labels: [:]), .run))
        #expect(quantile.threshold == 2)

        let ratio = try ConditionParser.parse("probe_success_ratio(crm.health[run]) >= 99%")
        #expect(ratio.threshold == 0.99)
        let latency = try ConditionParser.parse("probe_quantile(0.5, webhook.*{provider=\"zoho\"}[10m]) <= 800ms")
        #expect(latency.threshold == 0.8)
        let failures = try ConditionParser.parse("probe_failures(*{error=\"connection\"}[10m]) > 3")
        #expect(failures.query == .probeFailures(Selector(name: "*", labels: ["error": "connection"]), .last(.seconds(600))))
        #expect(try ConditionParser.parse("dlq_size > 0").query == .latest(Selector(name: "dlq_size", labels: [:])))
        #expect(try ConditionParser.parse("max_over_time(worker_queue_size[run]) < 100").query
            == .overTime(.max, Selector(name: "worker_queue_size", labels: [:]), .run))
    }

    @Test(arguments: [
        ("increase(x[5m]) >", 17, "expected a number"),
        ("increase(x) > 0", 10, "expected a range"),
        ("rate(x[5m]) > 0", 0, "unknown function \"rate\""),
        ("histogram_quantile(1.5, x[5m]) > 0", 22, "quantile 1.5 is outside 0…1"),
        ("dlq_size 0", 9, "expected a comparison"),
        ("dlq_size > 0 and", 13, "unexpected \"and\" after the threshold"),
        ("increase(x{a=\"b\"[5m]) > 0", 16, "expected \"}\""),
        ("dlq_size > 2parsecs", 12, "unknown unit \"parsecs\""),
    ])
    func reportsWhereItGoesWrong(text: String, offset: Int, message: String) {
        #expect(throws: ConditionParser.SyntaxError.self) { try ConditionParser.parse(text) }
        do {
            _ = try ConditionParser.parse(text)
        } catch {
            #expect(error.offset == offset, "\(text): \(error.message)")
            #expect(error.message.hasPrefix(message), "\(text): \(error.message)")
        }
    }
}
