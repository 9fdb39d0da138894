import FakeSupport
import Hummingbird

extension FakeDeployment {
    /// `POST /crm/calls/{call_id}/push-to-crm?provider=auto|hubspot|zoho|odoo`: push a reported call again.
    func registerCallRoutes(on router: Router<DeploymentRequestContext>) {
        let state = self.state
        router.post("/crm/calls/:call/push-to-crm") { request, context in
            let callID = context.parameters.get("call") ?? ""
            guard let call = state.calls.call(callID) else {
                throw APIError(.notFound, "no call \"\(callID)\" was reported", code: "unknown_call")
            }
            let wanted = request.uri.queryParameters.get("provider") ?? "auto"
            let providers: [CRMProvider]
            if wanted == "auto" {
                providers = CRMProvider.allCases.filter(state.isConnected)
            } else if let provider = CRMProvider(rawValue: wanted) {
                providers = [provider]
            } else {
                throw APIError.unknownProvider(wanted)
            }
            let enqueued = state.enqueue(
                eventID: nil, source: .retell, payload: "", work: providers.map { ($0, .callActivity(call)) })
            var response = try CallQueuedResponse(queued: true, eventID: enqueued.eventID)
                .response(from: request, context: context)
            response.status = .accepted
            return response
        }
    }
}
