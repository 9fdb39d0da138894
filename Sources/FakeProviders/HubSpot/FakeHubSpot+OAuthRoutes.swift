import FakeSupport
import Foundation
import Hummingbird

extension FakeHubSpot {
    /// `GET /oauth/authorize`, `POST /oauth/v1/token`, token introspection and refresh-token revocation.
    func registerOAuthRoutes(on router: Router<ProviderRequestContext>) {
        router.get("/oauth/authorize") { request, _ in try authorize(request) }
        router.post("/oauth/v1/token") { request, _ in try await token(request) }
        router.get("/oauth/v1/access-tokens/:token") { _, context in
            try accessTokenInfo(context.parameters.get("token") ?? "")
        }
        router.get("/oauth/v1/refresh-tokens/:token") { _, context in
            try refreshTokenInfo(context.parameters.get("token") ?? "")
        }
        router.delete("/oauth/v1/refresh-tokens/:token") { _, context in
            let token = context.parameters.get("token") ?? ""
            let removed = try state.withStore { store in store.oauth.refreshTokens.removeValue(forKey: token) != nil }
            guard removed else { throw HubSpotError.notFound("Refresh token not found.") }
            return Response(status: .noContent)
        }
    }

    /// Consents at once and redirects with `code` and `state`; `fake_consent=deny` redirects with
    /// `error=access_denied` instead, and `hub_id` picks the portal.
    private func authorize(_ request: Request) throws -> Response {
        // Form rules, as browsers send it: `+` is a space.
        let query = FormURLEncoded.fields(request.uri.query ?? "")
        guard let clientID = query["client_id"], clientID == configuration.clientID else {
            throw HubSpotError.oauth("BAD_CLIENT_ID", "missing or unknown client id", error: "invalid_client")
        }
        guard let redirectURI = query["redirect_uri"], let redirect = URLComponents(string: redirectURI),
            redirect.scheme != nil
        else {
            throw HubSpotError.oauth("BAD_REDIRECT_URI", "missing or invalid redirect uri", error: "invalid_request")
        }
        guard configuration.redirectURIs.isEmpty || configuration.redirectURIs.contains(redirectURI) else {
            throw HubSpotError.oauth(
                "BAD_REDIRECT_URI", "redirect uri does not match the app's settings", error: "invalid_request")
        }
        let hubID = query["hub_id"].flatMap(Int.init) ?? configuration.defaultHubID
        var scopes = Self.scopes(query["scope"]) + Self.scopes(query["optional_scope"])
        if scopes.isEmpty { scopes = configuration.defaultScopes }
        var parameters: [(String, String)]
        if query["fake_consent"] == "deny" {
            parameters = [("error", "access_denied"), ("error_description", "The user denied the request.")]
        } else {
            let code = UUID().uuidString.lowercased()
            let grant = HubSpotOAuthStore.Grant(hubID: hubID, scopes: Array(Set(scopes)).sorted())
            let expiresAt = ContinuousClock.now + configuration.authorizationCodeLifetime
            try state.withStore { store in
                store.oauth.codes[code] = .init(grant: grant, redirectURI: redirectURI, expiresAt: expiresAt)
            }
            parameters = [("code", code)]
        }
        if let stateValue = query["state"] { parameters.append(("state", stateValue)) }
        let separator = redirectURI.contains("?") ? "&" : "?"
        let location =
            redirectURI + separator
            + parameters.map { "\($0.0)=\(FormURLEncoded.encode($0.1))" }.joined(separator: "&")
        return Response(status: .found, headers: [.location: location])
    }

    private static func scopes(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: { $0 == " " || $0 == "+" || $0 == "," }).map(String.init)
    }

    /// Exchanges an authorization code or a refresh token for tokens; `client_credentials` gives the app an access
    /// token for the default portal (the `scope` asked for, else the default scopes) and, as OAuth has it for that
    /// grant, no refresh token.
    private func token(_ request: Request) async throws -> Response {
        let headers = try state.admitOAuthCall()
        let body = try await request.body.collect(upTo: 64 * 1024)
        let form = FormURLEncoded.fields(String(buffer: body))
        let grantType = form["grant_type"] ?? ""
        guard ["authorization_code", "refresh_token", "client_credentials"].contains(grantType) else {
            throw HubSpotError.oauth(
                "BAD_GRANT_TYPE", "grant_type must be authorization_code, refresh_token or client_credentials",
                error: "unsupported_grant_type")
        }
        guard form["client_id"] == configuration.clientID else {
            throw HubSpotError.oauth("BAD_CLIENT_ID", "missing or unknown client id", error: "invalid_client")
        }
        guard form["client_secret"] == configuration.clientSecret else {
            throw HubSpotError.oauth("BAD_CLIENT_SECRET", "missing or invalid client secret", error: "invalid_client")
        }
        let now = ContinuousClock.now
        let lifetime = configuration.accessTokenLifetime
        let answer = try state.withStore { store throws(HubSpotError) -> JSONValue in
            let grant: HubSpotOAuthStore.Grant
            var refreshToken: String?
            if grantType == "client_credentials" {
                let asked = Self.scopes(form["scope"])
                grant = .init(
                    hubID: configuration.defaultHubID,
                    scopes: asked.isEmpty ? configuration.defaultScopes : Array(Set(asked)).sorted())
            } else if grantType == "authorization_code" {
                guard let code = form["code"], let stored = store.oauth.codes[code], stored.expiresAt > now else {
                    throw HubSpotError.oauth("BAD_AUTH_CODE", "missing or unknown auth code", error: "invalid_grant")
                }
                guard form["redirect_uri"] == stored.redirectURI else {
                    throw HubSpotError.oauth(
                        "BAD_REDIRECT_URI", "redirect_uri does not match the one the code was issued for",
                        error: "invalid_grant")
                }
                store.oauth.codes[code] = nil
                grant = stored.grant
                let issued = HubSpotOAuthStore.newRefreshToken()
                store.oauth.refreshTokens[issued] = grant
                refreshToken = issued
            } else {
                guard let token = form["refresh_token"], let stored = store.oauth.refreshTokens[token] else {
                    throw HubSpotError.oauth("BAD_REFRESH_TOKEN", "missing or invalid refresh token", error: "invalid_grant")
                }
                grant = stored
                refreshToken = token
            }
            let accessToken = HubSpotOAuthStore.newSecret(prefix: "CO", bytes: 48)
            store.oauth.accessTokens[accessToken] = .init(grant: grant, expiresAt: now + lifetime)
            var answer: [String: JSONValue] = [
                "token_type": "bearer", "access_token": .string(accessToken),
                "expires_in": .int(Int(lifetime.components.seconds)), "hub_id": .int(grant.hubID),
                "scopes": .array(grant.scopes.map(JSONValue.string)), "user_id": .int(configuration.userID),
            ]
            if let refreshToken { answer["refresh_token"] = .string(refreshToken) }
            return .object(answer)
        }
        return Response.json(answer, headers: headers)
    }

    /// `GET /oauth/v1/access-tokens/{token}`: what the token grants and how long it has left.
    private func accessTokenInfo(_ token: String) throws -> Response {
        let headers = try state.admitOAuthCall()
        let now = ContinuousClock.now
        let info = try state.withStore { store throws(HubSpotError) -> JSONValue in
            guard let access = store.oauth.accessTokens[token], access.expiresAt > now else {
                throw HubSpotError.notFound("Access token not found or expired.")
            }
            return [
                "token": .string(token), "user": .string(configuration.userEmail),
                "hub_domain": .string("fake-portal-\(access.grant.hubID).hubspot.com"),
                "scopes": .array(access.grant.scopes.map(JSONValue.string)), "hub_id": .int(access.grant.hubID),
                "app_id": .int(configuration.appID),
                "expires_in": .int(Int(now.duration(to: access.expiresAt).components.seconds)),
                "user_id": .int(configuration.userID), "token_type": "access",
            ]
        }
        return Response.json(info, headers: headers)
    }

    /// `GET /oauth/v1/refresh-tokens/{token}`.
    private func refreshTokenInfo(_ token: String) throws -> Response {
        let headers = try state.admitOAuthCall()
        let info = try state.withStore { store throws(HubSpotError) -> JSONValue in
            guard let grant = store.oauth.refreshTokens[token] else {
                throw HubSpotError.notFound("Refresh token not found.")
            }
            return [
                "token": .string(token), "user": .string(configuration.userEmail),
                "hub_domain": .string("fake-portal-\(grant.hubID).hubspot.com"),
                "scopes": .array(grant.scopes.map(JSONValue.string)), "hub_id": .int(grant.hubID),
                "client_id": .string(configuration.clientID), "user_id": .int(configuration.userID),
                "token_type": "refresh",
            ]
        }
        return Response.json(info, headers: headers)
    }
}
