import FakeSupport
import Hummingbird

extension FakeDeployment {
    /// The kill switch, sync status and webhook replay, behind the admin token when the profile asks for one.
    func registerAdminRoutes(on router: Router<DeploymentRequestContext>) {
        let state = self.state
        router.get("/crm/admin/sync-status") { request, _ in
            try Self.admit(request, state: state)
            let query = request.uri.queryParameters
            return state.syncStatus(workspaceID: query.get("workspace_id"), eventID: query.get("event_id"))
        }

        router.post("/crm/admin/pause-sync") { request, context in
            try Self.admit(request, state: state)
            let name = request.uri.queryParameters.get("provider")
            guard let provider = name.flatMap(CRMProvider.init(rawValue:)) else { throw APIError.unknownProvider(name) }
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

        router.post("/crm/admin/webhooks/replay") { request, context in
            try Self.admit(request, state: state)
            let query = request.uri.queryParameters
            if let eventID = query.get("event_id") {
                guard state.replay(eventID: eventID) else {
                    throw APIError(.notFound, "no event \"\(eventID)\" was accepted", code: "unknown_event")
                }
                context.logger.info("Webhook replayed.", metadata: ["webhook.event": "\(eventID)"])
                return ReplayResponse(replayed: 1)
            }
            guard query.get("dead_letters") == "true" else {
                throw APIError(.badRequest, "name an event_id, or pass dead_letters=true to replay the dead-letter queue")
            }
            let provider = try query.get("provider").map { name in
                guard let provider = CRMProvider(rawValue: name) else { throw APIError.unknownProvider(name) }
                return provider
            }
            let count = state.replayDeadLetters(provider: provider)
            context.logger.info("Dead letters replayed.", metadata: ["webhook.replayed": "\(count)"])
            return ReplayResponse(replayed: count)
        }
    }

    /// Lets an admin request reach its work. With `admin_token` in the profile, a `workspace_id` and
    /// `Authorization: Bearer <admin token>` are required; with `answers.admin`, it answers that status instead.
    private static func admit(_ request: Request, state: FakeDeploymentState) throws {
        if state.profile.adminRequiresToken {
            guard request.uri.queryParameters.get("workspace_id") != nil else {
                throw APIError(.badRequest, "workspace_id is required", code: "missing_workspace")
            }
            let sent = request.headers[.authorization] ?? ""
            guard WebhookVerifier.equal(sent, "Bearer \(state.secrets.adminToken)") else {
                throw APIError(.unauthorized, "a valid admin bearer token is required", code: "unauthorized")
            }
        }
        if let status = state.profile.answers.admin { throw APIError.fixedAnswer(status, to: request) }
    }
}
