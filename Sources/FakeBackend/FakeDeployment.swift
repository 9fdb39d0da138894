import FakeSupport
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore

/// The fake backend under test: HTTP routes, a sync worker and fault injection over one shared state.
///
/// ```swift
/// let deployment = FakeDeployment(configuration: FakeDeploymentConfiguration(), logger: logger)
/// try await deployment.makeApplication().runService()
/// ```
/// Most callers want ``withFakeDeployment(_:logger:_:)`` instead, which also reports the bound URL.
public struct FakeDeployment: Sendable {
    /// The settings it was created with.
    public let configuration: FakeDeploymentConfiguration
    /// Its live state; the fault clock starts when the deployment is created.
    public let state: FakeDeploymentState
    let logger: Logger

    /// Creates a deployment and its state; nothing runs until the application does.
    public init(configuration: FakeDeploymentConfiguration, logger: Logger) {
        self.configuration = configuration
        self.state = FakeDeploymentState(configuration: configuration)
        self.logger = logger
    }

    /// `https` when it serves TLS, else `http`: the scheme of the URLs it builds for itself and verifies signatures on.
    var scheme: String { configuration.tls == nil ? "http" : "https" }

    /// The Hummingbird application serving the routes, with the sync worker as one of its services.
    /// - Throws: when `configuration.tls` cannot make a TLS context (a key that does not match its certificate).
    public func makeApplication(
        onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let state = self.state
        let refuses = state.faults.faults.contains { $0.kind == .refuseConnections }
        let http1 = HTTP1Channel.Configuration(
            additionalChannelHandlers: refuses
                ? [ConnectionRefuser(shouldRefuse: { state.shouldRefuseConnection() })] : []
        )
        let crm: any CRMSink =
            configuration.providers == nil
            ? state.sink : HTTPCRMSink(connections: state.connections, calls: state.calls)
        let worker = SyncWorker(
            state: state,
            sink: FaultInjectingSink(base: crm, faults: state.faults, startedAt: state.startedAt),
            pollInterval: configuration.workerPollInterval,
            logger: logger
        )
        let server: HTTPServerBuilder = try configuration.tls.map { try .tls(.http1(configuration: http1), tlsConfiguration: $0) }
            ?? .http1(configuration: http1)
        return Application(
            router: buildRouter(),
            server: server,
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port),
                serverName: "fakecrm-deployment"
            ),
            services: [worker],
            onServerRunning: onServerRunning,
            logger: logger
        )
    }
}
