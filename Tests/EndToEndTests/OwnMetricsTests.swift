import AsyncHTTPClient
import Canary
import Foundation
import Probes
import ServerTestSupport
import Testing

/// `canary run --metrics-port` serves the harness's own metrics while it runs, in Prometheus text that the
/// project's own parser reads, with the attempt counters moving and labelled with the runner's location.
extension EndToEndTests {
    @Suite(.timeLimit(.minutes(2))) struct OwnMetricsTests {
        @Test func aRunningCanaryServesItsAttemptCounters() async throws {
            let folder = EndToEnd.temporaryFolder()
            let port = try freeLoopbackPort()
            async let run = EndToEnd.canary(
                [
                    "run", "--fake", "--speed", "60", "--metrics-port", "\(port)", "--location", "eu-west", "--db",
                    folder + "/m.sqlite",
                    "--out", folder, "--progress", "plain",
                ], interruptAfter: .seconds(24))
            var totals: [Double] = []
            try await HTTPClient.withProbeClient { http in
                for wait in [12, 8] {
                    try await Task.sleep(for: .seconds(wait))
                    let response = try await http.execute(
                        HTTPClientRequest(url: "http://127.0.0.1:\(port)/metrics"), timeout: .seconds(5))
                    let text = String(buffer: try await response.body.collect(upTo: 1 << 22))
                    let families = try PrometheusText.parse(text)
                    let attempts = try #require(families.first { $0.name == "canary_attempts_total" }, "\(text.prefix(500))")
                    #expect(attempts.samples.contains { $0.labels["probe"] == "webhook.delivery" && $0.labels["outcome"] == "pass" })
                    #expect(attempts.samples.allSatisfy { $0.labels["location"] == "eu-west" })
                    #expect(families.contains { $0.name == "canary_attempt_duration_seconds" })
                    totals.append(attempts.samples.reduce(0) { $0 + $1.value })
                }
            }
            let finished = try await run
            #expect(finished.output.contains("metrics: http://127.0.0.1:\(port)/metrics"), "\(finished.output.prefix(800))")
            #expect(totals.count == 2 && totals[0] > 0 && totals[1] > totals[0], "the counters move: \(totals)")
        }
    }
}
