import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Runs a fake deployment on loopback for the duration of `body`, then shuts it down gracefully.
///
/// ```swift
/// var configuration = FakeDeploymentConfiguration()
/// configuration.faults = try .load(path: "scenarios/faults/worker-down.yaml", speed: 60)
/// try await withFakeDeployment(configuration, logger: logger) { deployment in
///     print(deployment.baseURL)   // http://127.0.0.1:PORT
/// }
/// ```
/// - Throws: ``FakeDeploymentError`` when the server cannot start, or whatever `body` throws.
public func withFakeDeployment<T: Sendable>(
    _ configuration: FakeDeploymentConfiguration,
    logger: Logger,
    _ body: @Sendable (RunningFakeDeployment) async throws -> T
) async throws -> T {
    let deployment = FakeDeployment(configuration: configuration, logger: logger)
    let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
    let application = deployment.makeApplication { channel in
        portContinuation.yield(channel.localAddress?.port ?? configuration.port)
        portContinuation.finish()
    }
    let serviceGroup = ServiceGroup(
        configuration: .init(services: [application], gracefulShutdownSignals: [], logger: logger)
    )
    return try await withThrowingTaskGroup(of: Void.self, returning: T.self) { group in
        group.addTask {
            defer { portContinuation.finish() }
            try await serviceGroup.run()
        }
        guard let port = await ports.first(where: { _ in true }) else {
            try await group.next()
            throw FakeDeploymentError.notStarted(host: configuration.host, port: configuration.port)
        }
        let running = RunningFakeDeployment(
            baseURL:
                "http://\(configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host):\(port)",
            port: port,
            state: deployment.state
        )
        logger.info("Fake deployment running.", metadata: ["fake.url": "\(running.baseURL)"])
        do {
            let result = try await body(running)
            await serviceGroup.triggerGracefulShutdown()
            try await group.waitForAll()
            return result
        } catch {
            await serviceGroup.triggerGracefulShutdown()
            try? await group.waitForAll()
            throw error
        }
    }
}
