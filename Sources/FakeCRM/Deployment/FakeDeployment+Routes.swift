import Foundation
import Hummingbird

extension FakeDeployment {
    /// Largest webhook body accepted.
    static let maxWebhookBytes = 1 << 20

    /// The deployment's HTTP routes: health, metrics, webhooks in, and the sync admin endpoints.
    func buildRouter() -> Router<DeploymentRequestContext> {
        let state = self.state
        let router = Router(context: DeploymentRequestContext.self)
        router.add(middleware: JSONErrorMiddleware())

        router.get("/health") { _, _ in
            let status = state.syncStatus()
            return HealthResponse(
                status: status.workerRunning ? "healthy" : "degraded",
                worker: .init(running: status.workerRunning, queueSize: status.queueSize, dlqSize: status.dlqSize)
            )
        }

        router.get("/crm/health") { request, _ in
            let provider = try Self.provider(request.uri.queryParameters.get("provider"))
            return ProviderHealthResponse(
                provider: provider.rawValue, status: "healthy", paused: state.isPaused(provider))
        }

        router.get("/crm/metrics") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: PrometheusTextWriter.contentType],
                body: .init(byteBuffer: ByteBuffer(string: state.renderMetrics()))
            )
        }

        router.post("/crm/webhooks/:provider") { request, context in
            try await Self.receiveWebhook(request, context: context, state: state)
        }

        router.get("/crm/admin/sync-status") { request, _ in
            state.syncStatus(workspaceID: request.uri.queryParameters.get("workspace_id"))
        }

        router.post("/crm/admin/pause-sync") { request, context in
            let provider = try Self.provider(request.uri.queryParameters.get("provider"))
            let pause: Bool
            switch request.uri.queryParameters.get("pause") {
            case "true": pause = true
            case "false": pause = false
            default: throw APIError(.badRequest, "pause must be true or false")
            }
            state.setPaused(pause, for: provider)
            context.logger.info(
                pause ? "Sync paused." : "Sync resumed.", metadata: ["crm.provider": "\(provider)"])
            return PauseSyncResponse(provider: provider.rawValue, paused: pause)
        }
        return router
    }

    private static func provider(_ name: String?) throws -> CRMProvider {
        guard let provider = name.flatMap(CRMProvider.init(rawValue:)) else { throw APIError.unknownProvider(name) }
        return provider
    }

    private static func receiveWebhook(
        _ request: Request, context: DeploymentRequestContext, state: FakeDeploymentState
    ) async throws -> WebhookAcceptedResponse {
        let started = ContinuousClock.now
        let name = context.parameters.get("provider")
        guard let provider = name.flatMap(CRMProvider.init(rawValue:)) else {
            throw APIError.unknownProvider(name, status: .notFound)
        }
        let sequence = state.webhookReceived(provider)
        defer { state.metrics.webhookHandled(provider, in: started.duration(to: .now)) }

        let body = try await request.body.collect(upTo: maxWebhookBytes)
        let delay = state.faults.webhookDelay(for: provider, sequence: sequence, at: state.elapsed)
        if delay > .zero {
            try await Task.sleep(for: delay)
        }
        let data = Data(body.readableBytesView)
        guard let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            throw APIError(.badRequest, "the webhook body is not valid JSON")
        }
        let payload = String(decoding: data, as: UTF8.self)
        let enqueued = state.enqueue(provider: provider, eventID: eventID(in: json), payload: payload)
        return WebhookAcceptedResponse(accepted: true, jobID: enqueued.jobID, duplicate: enqueued.duplicate)
    }

    /// The `eventId` or `event_id` of a JSON object, as text.
    private static func eventID(in json: Any) -> String? {
        guard let object = json as? [String: Any], let value = object["eventId"] ?? object["event_id"] else {
            return nil
        }
        switch value {
        case let text as String: return text.isEmpty ? nil : text
        case let number as Int: return String(number)
        case let number as Double: return String(number)
        default: return nil
        }
    }
}
