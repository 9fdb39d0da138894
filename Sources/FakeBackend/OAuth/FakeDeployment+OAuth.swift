import FakeSupport
import Foundation
import Hummingbird

extension FakeDeployment {
    /// `GET /crm/{provider}/start`, `GET /crm/{provider}/callback` and `POST /crm/{provider}/refresh`.
    func registerOAuthRoutes(on router: Router<DeploymentRequestContext>) {
        let state = self.state
        let scheme = self.scheme
        router.get("/crm/:provider/start") { request, context in
            let provider = try Self.oauthProvider(context)
            let workspace = request.uri.queryParameters.get("workspace_id") ?? "default"
            let own = "\(scheme)://\(request.head.authority ?? "localhost")/crm/\(provider)/callback"
            let redirect = state.profile.oauthRedirectURI ?? own
            guard let url = state.connections.authorizeURL(for: provider, workspaceID: workspace, redirectURI: redirect)
            else { throw APIError(.serviceUnavailable, "\(provider) has no OAuth app configured", code: "not_configured") }
            switch state.profile.oauthStart {
            case .redirect:
                return Response(status: .found, headers: [.location: url])
            case .json:
                return try context.responseEncoder.encode(["auth_url": url], from: request, context: context)
            }
        }

        router.get("/crm/:provider/callback") { request, context in
            let provider = try Self.oauthProvider(context)
            let query = request.uri.queryParameters
            if let error = query.get("error") {
                state.metrics.oauthCallback(provider, succeeded: false)
                throw APIError(.badRequest, "the user or \(provider) refused consent", code: error)
            }
            guard let code = query.get("code"), let stateValue = query.get("state"),
                let pending = state.connections.claimState(stateValue, for: provider)
            else {
                state.metrics.oauthCallback(provider, succeeded: false)
                throw APIError(.badRequest, "state is unknown, expired or already used", code: "invalid_state")
            }
            do {
                let scopes = try await state.connections.connect(
                    provider, code: code, redirectURI: pending.redirectURI, workspaceID: pending.workspaceID)
                state.metrics.oauthCallback(provider, succeeded: true)
                context.logger.info("CRM connected.", metadata: ["crm.provider": "\(provider)"])
                return try OAuthConnectedResponse(
                    connected: true, provider: provider.rawValue, workspaceID: pending.workspaceID, scopes: scopes
                ).response(from: request, context: context)
            } catch let error as CRMSinkError {
                state.metrics.oauthCallback(provider, succeeded: false)
                throw APIError(.badGateway, error.message, code: "token_exchange_failed")
            }
        }

        router.post("/crm/:provider/refresh") { request, context in
            let provider = try Self.oauthProvider(context)
            guard state.connections.vault.entry(for: provider) != nil else {
                throw APIError(.conflict, "\(provider) is not connected", code: "not_connected")
            }
            do {
                let lifetime = try await state.connections.refresh(provider)
                return OAuthRefreshedResponse(
                    refreshed: true, provider: provider.rawValue, expiresIn: Int(lifetime.components.seconds))
            } catch let error as CRMSinkError {
                throw APIError(.badGateway, error.message, code: "refresh_failed")
            }
        }
    }

    private static func oauthProvider(_ context: DeploymentRequestContext) throws -> CRMProvider {
        let name = context.parameters.get("provider")
        guard let provider = name.flatMap(CRMProvider.init(rawValue:)) else {
            throw APIError.unknownProvider(name, status: .notFound)
        }
        guard provider != .odoo else {
            throw APIError(.notFound, "odoo connects with an API key, not OAuth", code: "no_oauth")
        }
        return provider
    }
}
