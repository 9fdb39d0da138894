import FakeSupport
import Hummingbird

extension FakeDeployment {
    /// `GET /health`, `GET /crm/health?provider=…` and `GET /crm/metrics`, in the profile's vocabulary and format.
    func registerHealthRoutes(on router: Router<DeploymentRequestContext>) {
        let state = self.state
        router.get("/health") { _, _ in
            let status = state.syncStatus()
            return HealthResponse(
                status: status.workerRunning ? state.profile.healthyWord : "degraded",
                worker: .init(running: status.workerRunning, queueSize: status.queueSize, dlqSize: status.dlqSize)
            )
        }

        router.get("/crm/health") { request, _ in
            let name = request.uri.queryParameters.get("provider")
            guard let provider = name.flatMap(CRMProvider.init(rawValue:)) else { throw APIError.unknownProvider(name) }
            let entry = state.connections.vault.entry(for: provider)
            let connected = state.isConnected(provider)
            return ProviderHealthResponse(
                provider: provider.rawValue, status: connected ? state.profile.healthyWord : "disconnected",
                connected: connected, paused: state.isPaused(provider),
                tokenExpiresIn: entry.map { Int(ContinuousClock.now.duration(to: $0.expiresAt).components.seconds) })
        }

        router.get("/crm/metrics") { request, context in
            switch state.profile.metrics {
            case .prometheus:
                return Response(
                    status: .ok, headers: [.contentType: PrometheusTextWriter.contentType],
                    body: .init(byteBuffer: ByteBuffer(string: state.renderMetrics())))
            case .json:
                return Response(
                    status: .ok, headers: [.contentType: "application/json"],
                    body: .init(byteBuffer: ByteBuffer(bytes: state.renderMetricsJSON().jsonBytes)))
            case .absent:
                throw APIError(.notFound, "not found: GET /crm/metrics")
            }
        }
    }
}
