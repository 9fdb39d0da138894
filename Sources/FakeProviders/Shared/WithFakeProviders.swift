import FakeSupport
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Runs fake providers on loopback for the duration of `body`, each on its own port, then shuts them down.
///
/// ```swift
/// let hubspot = FakeHubSpot(configuration: .init(), logger: logger)
/// try await withFakeProviders([hubspot], logger: logger) { running in
///     print(running[.hubspot]!.baseURL)   // http://127.0.0.1:PORT
/// }
/// ```
/// `configuration(provider, index)` says where and with which faults each is served; by default loopback,
/// a free port and no faults.
/// - Throws: ``FakeProviderError`` when one cannot start, or whatever `body` throws.
public func withFakeProviders<T: Sendable>(
    _ providers: [any FakeProvider],
    configuration: @Sendable (CRMProvider, Int) -> ProviderApplication.Configuration = { _, _ in .init() },
    logger: Logger,
    _ body: @Sendable (RunningFakeProviders) async throws -> T
) async throws -> T {
    let applications = providers.enumerated().map { index, provider in
        ProviderApplication(provider: provider, configuration: configuration(provider.provider, index), logger: logger)
    }
    let (bound, continuation) = AsyncStream.makeStream(of: (index: Int, port: Int).self)
    let services: [any Service] = applications.enumerated().map { index, application in
        application.makeApplication { channel in
            continuation.yield((index, channel.localAddress?.port ?? application.configuration.port))
        }
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
        for await (index, port) in bound {
            ports[index] = port
            if ports.count == applications.count { break }
        }
        guard ports.count == applications.count else {
            try await group.next()
            let missing = applications.indices.first { ports[$0] == nil } ?? 0
            throw FakeProviderError.notStarted(
                applications[missing].provider.provider, host: applications[missing].configuration.host,
                port: applications[missing].configuration.port)
        }
        let running = RunningFakeProviders(
            all: applications.enumerated().map { index, application in
                let host = application.configuration.host
                let shownHost = host.contains(":") ? "[\(host)]" : host
                return RunningFakeProvider(
                    baseURL: "http://\(shownHost):\(ports[index]!)", port: ports[index]!, fake: application.provider,
                    controls: application.controls)
            })
        for provider in running.all {
            logger.info(
                "Fake provider running.", metadata: ["crm.provider": "\(provider.provider)", "fake.url": "\(provider.baseURL)"])
        }
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
