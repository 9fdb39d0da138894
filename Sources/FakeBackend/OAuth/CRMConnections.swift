import FakeSupport
import Foundation
import Synchronization

/// The workspace's CRM connections: OAuth state, code exchange, encrypted tokens and refresh.
final class CRMConnections: Sendable {
    /// Refresh a token this long before it expires.
    static let refreshMargin: Duration = .seconds(60)
    /// How long an OAuth `state` stays valid.
    static let stateLifetime: Duration = .seconds(600)

    let links: ProviderLinks
    let vault: TokenVault
    /// A `state` handed out by ``authorizeURL(for:workspaceID:redirectURI:)``, until its callback.
    private struct PendingConnect: Sendable {
        var provider: CRMProvider
        var workspaceID: String
        var redirectURI: String
        var issuedAt: ContinuousClock.Instant
    }

    private let pending = Mutex<[String: PendingConnect]>([:])
    private let odooUser = Mutex<Int?>(nil)

    init(links: ProviderLinks, encryptionKey: String) {
        self.links = links
        self.vault = TokenVault(encryptionKey: encryptionKey)
    }

    /// Whether `provider` can be used now: an OAuth grant is held, or Odoo is configured.
    /// A deployment without CRM links keeps everything in memory and counts as connected everywhere.
    func isConnected(_ provider: CRMProvider) -> Bool {
        if links.hubspot == nil, links.zoho == nil, links.odoo == nil { return true }
        return provider == .odoo ? links.odoo != nil : vault.entry(for: provider) != nil
    }

    /// The provider's consent URL with a fresh `state` remembered for the callback.
    func authorizeURL(for provider: CRMProvider, workspaceID: String, redirectURI: String) -> String? {
        guard let app = links.app(provider) else { return nil }
        let state = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        pending.withLock { $0[state] = PendingConnect(provider: provider, workspaceID: workspaceID, redirectURI: redirectURI, issuedAt: .now) }
        let parameters =
            [
                ("response_type", "code"), ("client_id", app.clientID), ("redirect_uri", redirectURI),
                ("scope", app.scopes.joined(separator: app.scopeSeparator)), ("state", state),
            ] + app.extraParameters
        return app.baseURL + app.authorizePath + "?"
            + parameters.map { "\($0.0)=\(FormURLEncoded.encode($0.1))" }.joined(separator: "&")
    }

    /// Takes back a `state` issued for `provider`; nil when unknown, used, expired or for another provider.
    func claimState(_ state: String, for provider: CRMProvider) -> (workspaceID: String, redirectURI: String)? {
        pending.withLock { pending in
            guard let entry = pending[state], entry.provider == provider,
                entry.issuedAt.duration(to: .now) < Self.stateLifetime
            else { return nil }
            pending[state] = nil
            return (entry.workspaceID, entry.redirectURI)
        }
    }

    /// Exchanges an authorization code and keeps the tokens sealed; returns the scopes granted.
    func connect(_ provider: CRMProvider, code: String, redirectURI: String, workspaceID: String) async throws -> [String] {
        guard let app = links.app(provider) else {
            throw CRMSinkError(code: .rejected, message: "\(provider) has no OAuth app configured")
        }
        let form = [
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI),
            ("client_id", app.clientID), ("client_secret", app.clientSecret),
        ].map { "\($0.0)=\(FormURLEncoded.encode($0.1))" }.joined(separator: "&")
        let answer = try await CRMHTTP.send(
            .POST, app.baseURL + app.tokenPath, form: form, accept: [200], what: "\(provider) token exchange")
        let tokens = try OAuthTokenAnswer(answer.json, what: "\(provider) token exchange")
        try vault.store(
            .init(accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, apiDomain: tokens.apiDomain),
            expiresIn: tokens.expiresIn, scopes: app.scopes, workspaceID: workspaceID, for: provider)
        return app.scopes
    }

    /// Refreshes `provider`'s access token now; returns its new lifetime.
    @discardableResult
    func refresh(_ provider: CRMProvider) async throws -> Duration {
        guard let app = links.app(provider), let entry = vault.entry(for: provider),
            let grant = try vault.grant(for: provider), let refreshToken = grant.refreshToken
        else { throw CRMSinkError(code: .rejected, message: "\(provider) is not connected") }
        let form = [
            ("grant_type", "refresh_token"), ("refresh_token", refreshToken),
            ("client_id", app.clientID), ("client_secret", app.clientSecret),
        ].map { "\($0.0)=\(FormURLEncoded.encode($0.1))" }.joined(separator: "&")
        let answer = try await CRMHTTP.send(
            .POST, app.baseURL + app.tokenPath, form: form, accept: [200], what: "\(provider) token refresh")
        let tokens = try OAuthTokenAnswer(answer.json, what: "\(provider) token refresh")
        try vault.store(
            .init(
                accessToken: tokens.accessToken, refreshToken: tokens.refreshToken ?? refreshToken,
                apiDomain: tokens.apiDomain ?? grant.apiDomain),
            expiresIn: tokens.expiresIn, scopes: entry.scopes, workspaceID: entry.workspaceID, for: provider)
        return tokens.expiresIn
    }

    /// A usable access token and API base for `provider`, refreshed first when it is about to expire.
    func credentials(for provider: CRMProvider) async throws -> (token: String, apiBase: String) {
        guard let app = links.app(provider), let entry = vault.entry(for: provider) else {
            throw CRMSinkError(code: .rejected, message: "\(provider) is not connected")
        }
        if entry.expiresAt - Self.refreshMargin <= .now { try await refresh(provider) }
        guard let grant = try vault.grant(for: provider) else {
            throw CRMSinkError(code: .rejected, message: "\(provider) is not connected")
        }
        return (grant.accessToken, grant.apiDomain ?? app.baseURL)
    }

    /// The Odoo user id for the configured login, looked up once.
    func odooUserID(login: (ProviderLinks.OdooLink) async throws -> Int) async throws -> (ProviderLinks.OdooLink, Int) {
        guard let link = links.odoo else { throw CRMSinkError(code: .rejected, message: "odoo is not configured") }
        if let uid = odooUser.withLock({ $0 }) { return (link, uid) }
        let uid = try await login(link)
        odooUser.withLock { $0 = uid }
        return (link, uid)
    }
}
