import FakeSupport
import Hummingbird
import Logging

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
    return try await withLoopbackServices(
        count: applications.count, logger: logger,
        notStarted: { index in
            FakeProviderError.notStarted(
                applications[index].provider.provider, host: applications[index].configuration.host,
                port: applications[index].configuration.port)
        },
        makeService: { index, onRunning in applications[index].makeApplication(onServerRunning: onRunning) }
    ) { ports in
        let running = RunningFakeProviders(
            all: zip(applications, ports).map { application, port in
                RunningFakeProvider(
                    baseURL: loopbackURL(host: application.configuration.host, port: port), port: port,
                    fake: application.provider, controls: application.controls)
            })
        for provider in running.all {
            logger.info(
                "Fake provider running.", metadata: ["crm.provider": "\(provider.provider)", "fake.url": "\(provider.baseURL)"])
        }
        return try await body(running)
    }
}
