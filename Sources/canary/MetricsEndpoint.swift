import Canary
import CoreMetrics
import Hummingbird
import Logging
import Prometheus

/// Serves the harness's own metrics (`canary_attempts_total`, `canary_attempt_duration_seconds`,
/// `canary_alert_firing`, `canary_gate_verdict`, `canary_decision`) in Prometheus text at `/metrics` while a run
/// goes, so Prometheus and Grafana can watch canaries.
struct MetricsEndpoint {
    var host: String
    var port: Int
    var logger: Logger

    /// Runs `body` with the endpoint's URL and the factory to record into, serving until `body` returns.
    func serve<T: Sendable>(
        _ body: @escaping @Sendable (String, PrometheusMetricsFactory) async throws -> T
    ) async throws -> T {
        let registry = PrometheusCollectorRegistry()
        let factory = PrometheusMetricsFactory(registry: registry)
        let router = Router()
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
        var serverLogger = logger
        serverLogger.logLevel = .critical  // the endpoint is cancelled when the run ends, which it logs as an error
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname(host, port: port)),
            onServerRunning: { channel in portContinuation.yield(channel.localAddress?.port ?? port) },
            logger: serverLogger)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                defer { portContinuation.finish() }
                try await app.runService()
                return nil
            }
            guard let bound = await ports.first(where: { _ in true }) else {
                throw CanaryError.usage(
                    "The metrics endpoint cannot listen on \(host):\(port).",
                    hint: "Pick another --metrics-port (0 takes a free one) or --metrics-host.")
            }
            let display = host.contains(":") ? "[\(host)]" : host
            let result = try await body("http://\(display):\(bound)/metrics", factory)
            group.cancelAll()
            return result
        }
    }
}
