import FakeSupport
import Logging

/// Runs a fake deployment on loopback for the duration of `body`, then shuts it down gracefully.
///
/// ```swift
/// var configuration = FakeDeploymentConfiguration()
/// configuration.faults = try .load(path: "scenarios/faults/worker-down.yaml", speed: 60)
/// try await withFakeDeployment(configuration, logger: logger) { deployment in
///     print(deployment.baseURL)   // http://127.0.0.1:PORT
/// }
/// ```
/// Without `configuration.providers` it keeps what it syncs in memory; ``withFakeStack(_:logger:_:)``
/// wires it to fake CRMs instead.
/// - Throws: ``FakeDeploymentError`` when the server cannot start, or whatever `body` throws.
public func withFakeDeployment<T: Sendable>(
    _ configuration: FakeDeploymentConfiguration,
    logger: Logger,
    _ body: @Sendable (RunningFakeDeployment) async throws -> T
) async throws -> T {
    let deployment = FakeDeployment(configuration: configuration, logger: logger)
    return try await withLoopbackService(
        logger: logger,
        notStarted: { FakeDeploymentError.notStarted(host: configuration.host, port: configuration.port) },
        makeService: { try deployment.makeApplication(onServerRunning: $0) }
    ) { port in
        let running = RunningFakeDeployment(
            baseURL: loopbackURL(host: configuration.host, port: port, tls: configuration.tls != nil), port: port,
            state: deployment.state)
        logger.info("Fake deployment running.", metadata: ["fake.url": "\(running.baseURL)"])
        return try await body(running)
    }
}
