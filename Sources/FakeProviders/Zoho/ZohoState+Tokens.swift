import FakeSupport

extension ZohoState {
    /// An accounts-server answer: a token body, or an OAuth error code answered with HTTP 200.
    enum TokenOutcome: Sendable {
        case granted(JSONValue)
        case failed(String, description: String? = nil)
    }

    /// Consents for `clientID` and returns the grant code, or nil for an unknown client.
    func authorize(clientID: String, scopes: [String], redirectURI: String?) -> String? {
        guard let client = configuration.clients.first(where: { $0.clientID == clientID }) else { return nil }
        let code = mint("code")
        codes[code] = GrantCode(
            client: client, scopes: scopes.isEmpty ? client.scopes : scopes, redirectURI: redirectURI,
            expires: .now + configuration.grantCodeLifetime)
        return code
    }

    /// `grant_type=authorization_code`: a single-use code becomes an access and a refresh token.
    func exchange(code: String, clientID: String?, secret: String?, redirectURI: String?, apiDomain: String)
        -> TokenOutcome
    {
        if let failure = checkClient(clientID, secret) { return failure }
        guard let grant = codes.removeValue(forKey: code), grant.client.clientID == clientID,
            grant.expires > .now
        else { return .failed("invalid_code") }
        if let expected = grant.redirectURI, let redirectURI, expected != redirectURI {
            return .failed("invalid_redirect_uri")
        }
        let now = ContinuousClock.now
        var minted = (mintedRefreshTokens[grant.client.clientID] ?? []).filter { now - $0 < configuration.window(.seconds(60)) }
        guard minted.count < configuration.refreshTokensPerMinute else {
            return .failed(
                "Access Denied",
                description: "You have made too many requests continuously. Please try again after some time.")
        }
        minted.append(now)
        mintedRefreshTokens[grant.client.clientID] = minted
        let refreshToken = mint("refresh")
        refreshTokens[refreshToken] = RefreshToken(client: grant.client, scopes: grant.scopes)
        return issueAccessToken(for: refreshToken, apiDomain: apiDomain, includeRefreshToken: true)
    }

    /// `grant_type=refresh_token`: a new access token for a live refresh token.
    func refresh(token: String, clientID: String?, secret: String?, apiDomain: String) -> TokenOutcome {
        if let failure = checkClient(clientID, secret) { return failure }
        guard let stored = refreshTokens[token], stored.client.clientID == clientID else {
            return .failed("invalid_code")
        }
        return issueAccessToken(for: token, apiDomain: apiDomain, includeRefreshToken: false)
    }

    /// Revokes a refresh token (with its access tokens) or a single access token; false when unknown.
    func revoke(token: String) -> Bool {
        if let stored = refreshTokens.removeValue(forKey: token) {
            for access in stored.accessTokens { accessTokens[access] = nil }
            return true
        }
        return accessTokens.removeValue(forKey: token) != nil
    }

    /// The org and scopes behind a live access token.
    func authenticate(accessToken: String) throws(ZohoError) -> (orgID: String, scopes: [String]) {
        guard let stored = accessTokens[accessToken] else { throw .invalidToken }
        guard stored.expires > .now else {
            accessTokens[accessToken] = nil
            throw .invalidToken
        }
        return (stored.orgID, stored.scopes)
    }

    private func checkClient(_ clientID: String?, _ secret: String?) -> TokenOutcome? {
        guard let clientID, let client = configuration.clients.first(where: { $0.clientID == clientID }) else {
            return .failed("invalid_client")
        }
        guard client.clientSecret == secret else { return .failed("invalid_client_secret") }
        return nil
    }

    private func issueAccessToken(for refreshToken: String, apiDomain: String, includeRefreshToken: Bool)
        -> TokenOutcome
    {
        guard var stored = refreshTokens[refreshToken] else { return .failed("invalid_code") }
        let accessToken = mint("access")
        let lifetime = configuration.accessTokenLifetime
        accessTokens[accessToken] = AccessToken(
            refreshToken: refreshToken, orgID: stored.client.orgID, scopes: stored.scopes, expires: .now + lifetime)
        stored.accessTokens.append(accessToken)
        while stored.accessTokens.count > configuration.accessTokensPerRefreshToken {
            accessTokens[stored.accessTokens.removeFirst()] = nil
        }
        refreshTokens[refreshToken] = stored
        var body: [String: JSONValue] = [
            "access_token": .string(accessToken), "scope": .string(stored.scopes.joined(separator: " ")),
            "api_domain": .string(apiDomain), "token_type": "Bearer",
            "expires_in": .int(Int(lifetime.components.seconds)),
        ]
        if includeRefreshToken { body["refresh_token"] = .string(refreshToken) }
        return .granted(.object(body))
    }
}
