import FakeSupport
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// Serves one ``FakeProvider`` on its own host and port, with the request journal, provider faults and the
/// inspection API under `/__fake/…` around the vendor's routes.
///
/// ```swift
/// let hubspot = FakeHubSpot(configuration: .init(), logger: logger)
/// let application = ProviderApplication(provider: hubspot, configuration: .init(port: 0), logger: logger)
/// try await application.makeApplication().runService()
/// ```
/// Most callers want ``withFakeProviders(_:configuration:logger:_:)``, which also reports each bound URL.
public struct ProviderApplication: Sendable {
    /// The reserved path prefix of the inspection API.
    public static let inspectionPrefix = "/__fake"

    /// Where and how one provider is served.
    public struct Configuration: Sendable {
        /// Address to bind; loopback by default.
        public var host: String
        /// Port to bind; 0 picks a free one.
        public var port: Int
        /// Faults in force from the start.
        public var faults: ProviderFaultPlan
        /// How many requests the journal keeps.
        public var journalCapacity: Int

        /// Creates a configuration.
        public init(host: String = "127.0.0.1", port: Int = 0, faults: ProviderFaultPlan = .none, journalCapacity: Int = 2000) {
            self.host = host
            self.port = port
            self.faults = faults
            self.journalCapacity = journalCapacity
        }
    }

    /// The fake CRM served.
    public let provider: any FakeProvider
    /// Where and how.
    public let configuration: Configuration
    /// Its journal and faults, for tests and the inspection API.
    public let controls: ProviderControls
    let logger: Logger

    /// Creates the application's parts; nothing runs until the application does.
    public init(provider: any FakeProvider, configuration: Configuration = .init(), logger: Logger) {
        self.provider = provider
        self.configuration = configuration
        self.controls = ProviderControls(
            provider: provider.provider, faults: configuration.faults, journalCapacity: configuration.journalCapacity)
        self.logger = logger
    }

    /// The router: traffic middleware (journal and faults), inspection routes, then the vendor's routes.
    public func buildRouter() -> Router<ProviderRequestContext> {
        let router = Router(context: ProviderRequestContext.self)
        router.add(middleware: ProviderTrafficMiddleware(provider: provider, controls: controls))
        registerInspectionRoutes(on: router)
        registerSearchIndexRoutes(on: router)
        provider.registerRoutes(on: router)
        return router
    }

    /// The Hummingbird application, with the provider's background services and connection-level outages.
    public func makeApplication(
        onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let faults = controls.faults
        let http1 = HTTP1Channel.Configuration(
            additionalChannelHandlers: [ConnectionRefuser(shouldRefuse: { faults.shouldRefuseConnection() })]
        )
        return Application(
            router: buildRouter(),
            server: .http1(configuration: http1),
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port),
                serverName: "fakecrm-\(provider.provider.rawValue)"
            ),
            services: provider.services,
            onServerRunning: onServerRunning,
            logger: logger
        )
    }
}
