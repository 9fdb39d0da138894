import FakeSupport
import Foundation
import HTTPTypes
import Hummingbird

extension FakeDeployment {
    /// Largest webhook body accepted.
    static let maxWebhookBytes = 1 << 20

    /// `POST /crm/webhooks/{source}`: verify, parse, dedupe, queue (or, once verified, the profile's fixed answer).
    func registerWebhookRoutes(on router: Router<DeploymentRequestContext>) {
        let state = self.state
        let scheme = self.scheme
        router.post("/crm/webhooks/:source") { request, context in
            try await Self.receiveWebhook(request, context: context, state: state, scheme: scheme)
        }
    }

    private static func receiveWebhook(
        _ request: Request, context: DeploymentRequestContext, state: FakeDeploymentState, scheme: String
    ) async throws -> Response {
        let started = ContinuousClock.now
        let name = context.parameters.get("source")
        guard let source = name.flatMap(WebhookSource.init(rawValue:)) else {
            throw APIError(.notFound, "unknown webhook source \(name.map { "\"\($0)\"" } ?? ""); use one of \(WebhookSource.namesList)")
        }
        let sequence = state.webhookReceived(source)
        defer { state.metrics.webhookHandled(source, in: started.duration(to: .now)) }

        let body = Array(try await request.body.collect(upTo: maxWebhookBytes).readableBytesView)
        let delay = state.faults.webhookDelay(for: source, sequence: sequence, at: state.elapsed)
        if delay > .zero { try await Task.sleep(for: delay) }

        let verifier = WebhookVerifier(signing: state.profile.signing(for: source), secret: state.secrets.webhookSecrets[source])
        let verdict = verifier.verify(
            source: source, header: { HTTPField.Name($0).flatMap { request.headers[$0] } }, body: body,
            url: "\(scheme)://\(request.head.authority ?? "localhost")\(request.uri)",
            nowMilliseconds: Int64(Date().timeIntervalSince1970 * 1000))
        if verdict != .authentic, !state.faults.acceptsForgedWebhooks(at: state.elapsed) {
            state.metrics.webhookRefused(source)
            switch verdict {
            case .stale(let reason): throw APIError(.unauthorized, reason, code: "stale_timestamp")
            case .forged(let reason): throw APIError(.unauthorized, reason, code: "invalid_signature")
            case .authentic: break
            }
        }
        if let status = state.profile.answers.signedWebhook(from: source) {
            throw APIError.fixedAnswer(status, to: request)
        }
        guard let json = try? JSONValue.parse(body) else { throw APIError(.badRequest, "the webhook body is not valid JSON") }
        let parser = WebhookEventParser(
            connectedProviders: CRMProvider.allCases.filter(state.isConnected), calls: state.calls)
        let events: [WebhookEventParser.Parsed]
        do {
            events = try parser.events(json, from: source)
        } catch {
            throw APIError(.badRequest, error.message)
        }
        let text = String(decoding: body, as: UTF8.self)
        var ids: [String] = []
        var duplicate = false
        for event in events {
            let enqueued = state.enqueue(
                eventID: event.id.map { "\(source):\($0)" }, source: source, payload: text, work: event.work)
            ids.append(enqueued.eventID)
            duplicate = duplicate || enqueued.duplicate
        }
        return try WebhookAcceptedResponse(accepted: true, eventIDs: ids, duplicate: duplicate)
            .response(from: request, context: context)
    }
}
