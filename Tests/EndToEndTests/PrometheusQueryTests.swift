import AsyncHTTPClient
import Canary
import FakeBackend
import FakeCRM
import Foundation
import Probes
import Testing

/// The plan's metric queries, translated to PromQL, asked of a real Prometheus scraping the fake deployment every
/// second; and every way Prometheus can give no usable answer (an error, no series, NaN, no server) is no data with
/// a sentence saying which.
extension EndToEndTests {
    @Suite(.enabled(if: PrometheusServer.canRun, Comment(rawValue: PrometheusServer.skipMessage)), .timeLimit(.minutes(2)))
    struct PrometheusQueryTests {
        @Test func translatedQueriesAnswerAndEveryFailureIsNoData() async throws {
            try await withFakeStack(FakeDeploymentConfiguration(), logger: EndToEnd.logger) { stack in
                try await PrometheusServer.with(scraping: stack.deployment.baseURL + "/crm/metrics") { prometheus in
                  try await HTTPClient.withProbeClient { http in
                    let client = PrometheusClient(baseURL: prometheus.url, http: http)
                    try await Self.waitForScrapes(client, count: 3)
                    let now = Date().timeIntervalSince1970

                    // A bare gauge through the selector: the worker is up, once, on one series.
                    let workerUp = try Self.promQL("worker_up == 0")
                    #expect(workerUp.value == #"sum (last_over_time(worker_up{job="backend"}[5000ms]))"#)
                    let up = try await Self.reading(client, workerUp, at: now)
                    #expect(up.value == 1 && up.samples == 1 && up.problem == nil, "\(up)")

                    // A counter over a window, and a range query stepping through it.
                    let errors = try Self.promQL("increase(crm_sync_errors_total[5m]) > 0")
                    #expect(errors.value == #"sum (increase(crm_sync_errors_total{job="backend"}[5000ms]))"#)
                    let matrix = try await client.queryRange(workerUp.samples, start: now - 2, end: now, step: 1)
                    guard case .matrix(let series) = matrix else { Issue.record("not a matrix: \(matrix)"); return }
                    #expect(series.count == 1 && series[0].points.map(\.value) == [1, 1, 1], "\(series)")

                    // A selector matching nothing: no series, no data.
                    let nothing = try #require(
                        try ConditionParser.parse("max_over_time(dlq_size[run]) == 0").query.promQL(
                            adding: ["job": "not-scraped"], speed: 60, runSeconds: 10, by: nil))
                    let empty = try await Self.reading(client, nothing, at: now)
                    #expect(empty.value == nil && empty.problem == "Prometheus returned no series")

                    // NaN and +Inf come back as strings; NaN is no data, +Inf a value.
                    let nan = try await Self.reading(client, PromQLQuery(value: "0/0", samples: "vector(5)"), at: now)
                    #expect(nan.value == nil && nan.problem == "Prometheus returned NaN", "\(nan)")
                    let infinite = try await client.query("1/0", at: now)
                    #expect(infinite.series.first?.points.first?.value == .infinity, "\(infinite)")

                    // A query Prometheus refuses: its own words.
                    let refused = try await Self.reading(client, PromQLQuery(value: "sum(", samples: "vector(1)"), at: now)
                    #expect(refused.value == nil)
                    #expect(refused.problem?.hasPrefix("Prometheus answered HTTP 400 and refused the query: bad_data:") == true, "\(refused)")

                    // A Prometheus that does not answer at all.
                    let gone = PrometheusClient(baseURL: "http://127.0.0.1:1", http: http)
                    let unreachable = try await Self.reading(gone, workerUp, at: now)
                    #expect(unreachable.value == nil)
                    #expect(unreachable.problem?.hasPrefix("Prometheus at http://127.0.0.1:1 did not answer: connection") == true, "\(unreachable)")
                  }
                }
            }
        }

        /// The PromQL of a condition as the pilot writes it, through `{job="backend"}` at speed 60.
        static func promQL(_ condition: String) throws -> PromQLQuery {
            try #require(
                try ConditionParser.parse(condition).query.promQL(adding: ["job": "backend"], speed: 60, runSeconds: 60, by: nil))
        }

        /// What the run would store for `promQL` asked at `time`.
        static func reading(_ client: PrometheusClient, _ promQL: PromQLQuery, at time: Double) async throws -> PrometheusReading {
            func ask(_ text: String) async -> Result<PrometheusResult, PrometheusProblem> {
                do { return .success(try await client.query(text, at: time)) } catch { return .failure(error) }
            }
            let readings = PrometheusReading.readings(
                key: "test", per: nil, promQL: promQL.value, source: client.baseURL, steps: [0], value: await ask(promQL.value),
                samples: await ask(promQL.samples)
            ) { _ in 0 }
            return try #require(readings.first)
        }

        /// Waits until Prometheus holds `count` scrapes of the deployment.
        static func waitForScrapes(_ client: PrometheusClient, count: Int) async throws {
            let deadline = ContinuousClock.now + .seconds(20)
            while ContinuousClock.now < deadline {
                let result = try? await client.query(#"count_over_time(up{job="backend"}[1m])"#, at: Date().timeIntervalSince1970)
                if let value = result?.series.first?.points.first?.value, value >= Double(count) { return }
                try await Task.sleep(for: .milliseconds(250))
            }
            Issue.record("Prometheus did not scrape the fake deployment \(count) times within 20 s")
        }
    }
}
