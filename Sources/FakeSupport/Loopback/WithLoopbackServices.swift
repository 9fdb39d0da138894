import Logging
import NIOCore
import ServiceLifecycle

/// Runs `count` servers for the duration of `body`, handing it their bound ports in order, then shuts
/// them all down gracefully.
///
/// `makeService(index, onRunning)` builds server `index`; pass `onRunning` as its application's
/// `onServerRunning`. When a server stops before it listens, this throws `notStarted(index)` for the
/// first one missing, without calling `body`. Every fake server of the project starts through here.
package func withLoopbackServices<T: Sendable>(
    count: Int,
    logger: Logger,
    notStarted: @escaping @Sendable (Int) -> any Error,
    makeService: (Int, @escaping @Sendable (any Channel) async -> Void) throws -> any Service,
    _ body: @Sendable ([Int]) async throws -> T
) async throws -> T {
    let (bound, continuation) = AsyncStream.makeStream(of: (index: Int, port: Int).self)
    let services = try (0..<count).map { index in
        try makeService(index) { channel in continuation.yield((index, channel.localAddress?.port ?? 0)) }
    }
    let serviceGroup = ServiceGroup(
        configuration: .init(services: services, gracefulShutdownSignals: [], logger: logger)
    )
    return try await withThrowingTaskGroup(of: Void.self, returning: T.self) { group in
        group.addTask {
            defer { continuation.finish() }
            try await serviceGroup.run()
        }
        var ports: [Int: Int] = [:]
        if count > 0 {
            for await (index, port) in bound {
                ports[index] = port
                if ports.count == count { break }
            }
        }
        guard ports.count == count else {
            try await group.next()
            throw notStarted((0..<count).first { ports[$0] == nil } ?? 0)
        }
        do {
            let result = try await body((0..<count).map { ports[$0]! })
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

/// Runs one server for the duration of `body`, handing it the bound port; see ``withLoopbackServices``.
package func withLoopbackService<T: Sendable>(
    logger: Logger,
    notStarted: @escaping @Sendable () -> any Error,
    makeService: (@escaping @Sendable (any Channel) async -> Void) throws -> any Service,
    _ body: @Sendable (Int) async throws -> T
) async throws -> T {
    try await withLoopbackServices(
        count: 1, logger: logger, notStarted: { _ in notStarted() },
        makeService: { _, onRunning in try makeService(onRunning) }
    ) { ports in try await body(ports[0]) }
}

/// `http://host:port` (`https` with `tls`), with IPv6 hosts bracketed.
package func loopbackURL(host: String, port: Int, tls: Bool = false) -> String {
    "\(tls ? "https" : "http")://\(host.contains(":") ? "[\(host)]" : host):\(port)"
}
