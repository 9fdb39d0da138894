import AsyncHTTPClient
import Canary
import Foundation
import Probes
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `canary run --metrics-port` serves the harness's own metrics while it runs, in Prometheus text that the
/// project's own parser reads, with the attempt counters moving.
extension EndToEndTests {
    @Suite(.timeLimit(.minutes(2))) struct OwnMetricsTests {
        @Test func aRunningCanaryServesItsAttemptCounters() async throws {
            let folder = EndToEnd.temporaryFolder()
            let port = try Self.freePort()
            async let run = EndToEnd.canary(
                [
                    "run", "--fake", "--speed", "60", "--metrics-port", "\(port)", "--db", folder + "/m.sqlite",
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
                    #expect(families.contains { $0.name == "canary_attempt_duration_seconds" })
                    totals.append(attempts.samples.reduce(0) { $0 + $1.value })
                }
            }
            let finished = try await run
            #expect(finished.output.contains("metrics: http://127.0.0.1:\(port)/metrics"), "\(finished.output.prefix(800))")
            #expect(totals.count == 2 && totals[0] > 0 && totals[1] > totals[0], "the counters move: \(totals)")
        }

        /// A loopback port nothing listens on right now.
        static func freePort() throws -> Int {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(descriptor) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                    bind(descriptor, raw, length) == 0 && getsockname(descriptor, raw, &length) == 0
                }
            }
            guard bound else { throw POSIXError(.EADDRINUSE) }
            return Int(UInt16(bigEndian: address.sin_port))
        }
    }
}
