import Logging
import NIOCore
import ServiceLifecycle

/// Runs one server for the duration of `body`, handing it the bound port, then shuts it down gracefully.
///
/// `makeService` receives the callback to pass as the application's `onServerRunning`. When the
/// server stops before it listens, this throws `notStarted()` without calling `body`.
package func withLoopbackService<T: Sendable>(
    logger: Logger,
    notStarted: @escaping @Sendable () -> any Error,
    makeService: (@escaping @Sendable (any Channel) async -> Void) throws -> any Service,
    _ body: @Sendable (Int) async throws -> T
) async throws -> T {
    let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
    let service = try makeService { channel in
        portContinuation.yield(channel.localAddress?.port ?? 0)
        portContinuation.finish()
    }
    let serviceGroup = ServiceGroup(
        configuration: .init(services: [service], gracefulShutdownSignals: [], logger: logger)
    )
    return try await withThrowingTaskGroup(of: Void.self, returning: T.self) { group in
        group.addTask {
            defer { portContinuation.finish() }
            try await serviceGroup.run()
        }
        guard let port = await ports.first(where: { _ in true }) else {
            try await group.next()
            throw notStarted()
        }
        do {
            let result = try await body(port)
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

/// `http://host:port` (`https` with `tls`), with IPv6 hosts bracketed.
package func loopbackURL(host: String, port: Int, tls: Bool = false) -> String {
    "\(tls ? "https" : "http")://\(host.contains(":") ? "[\(host)]" : host):\(port)"
}
