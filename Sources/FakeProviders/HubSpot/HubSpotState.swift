import Foundation
import Hummingbird
import Synchronization

/// All of one fake HubSpot's state behind one lock: OAuth grants, portals, rate limits, webhook subscriptions.
final class HubSpotState: Sendable {
    struct Store: Sendable {
        var oauth = HubSpotOAuthStore()
        var portals: [Int: HubSpotPortal] = [:]
        var limiters: [Int: HubSpotRateLimiter] = [:]
        var oauthLimiter: HubSpotRateLimiter
        var limits: HubSpotRateLimits
        var webhooks = HubSpotWebhookStore()
    }

    /// A request that passed authentication and rate limiting: its portal and the headers to answer with.
    struct Session: Sendable {
        let hubID: Int
        let headers: HTTPFields
    }

    let configuration: HubSpotConfiguration
    private let store: Mutex<Store>

    init(configuration: HubSpotConfiguration) {
        self.configuration = configuration
        self.store = Mutex(Self.emptyStore(configuration))
    }

    private static func emptyStore(_ configuration: HubSpotConfiguration) -> Store {
        var store = Store(
            oauthLimiter: HubSpotRateLimiter(limits: configuration.rateLimits, now: .now),
            limits: configuration.rateLimits)
        // Private-app tokens never expire; a century is never for a fake.
        let never = ContinuousClock.now + .seconds(100 * 365 * 86_400)
        for token in configuration.privateAppTokens {
            store.oauth.accessTokens[token] = .init(
                grant: .init(hubID: configuration.defaultHubID, scopes: configuration.defaultScopes), expiresAt: never)
        }
        return store
    }

    /// Forgets everything but the rate limits currently set.
    func reset() {
        store.withLock { store in
            let limits = store.limits
            store = Self.emptyStore(configuration)
            store.limits = limits
            store.oauthLimiter = HubSpotRateLimiter(limits: limits, now: .now)
        }
    }

    func withStore<T>(_ body: (inout Store) throws(HubSpotError) -> T) throws(HubSpotError) -> T {
        try store.withLock { store throws(HubSpotError) -> T in try body(&store) }
    }

    /// Runs `body` on a portal, creating it on first use.
    func withPortal<T>(_ hubID: Int, _ body: (inout HubSpotPortal) throws(HubSpotError) -> T) throws(HubSpotError) -> T {
        try store.withLock { store throws(HubSpotError) -> T in
            var portal = store.portals.removeValue(forKey: hubID) ?? HubSpotPortal(hubID: hubID)
            defer { store.portals[hubID] = portal }
            return try body(&portal)
        }
    }

    /// Checks the bearer token, its expiry and scope, then counts the request against the portal's limits.
    func authenticate(
        authorization: String?, scope: String?, isSearch: Bool = false, at now: ContinuousClock.Instant = .now
    ) throws(HubSpotError) -> Session {
        guard let authorization, authorization.utf8.count > 7,
            authorization.utf8.prefix(7).elementsEqual("bearer ".utf8, by: { $0 | 0x20 == $1 })
        else {
            throw .missingAuthentication
        }
        let token = String(authorization.dropFirst(7).drop(while: { $0 == " " }))
        return try withStore { (store: inout Store) throws(HubSpotError) -> Session in
            guard let access = store.oauth.accessTokens[token] else { throw .invalidToken }
            guard access.expiresAt > now else {
                throw .expiredToken(secondsAgo: Int(access.expiresAt.duration(to: now).components.seconds))
            }
            if let scope, !Self.grants(access.grant.scopes, scope) { throw .missingScopes([scope]) }
            let hubID = access.grant.hubID
            // Taken out rather than copied, so counting does not copy the limiter's slot arrays.
            var limiter = store.limiters.removeValue(forKey: hubID) ?? HubSpotRateLimiter(limits: store.limits, now: now)
            defer { store.limiters[hubID] = limiter }
            if let broken = limiter.admit(at: now, isSearch: isSearch) {
                throw broken.error(headers: isSearch ? [:] : limiter.headers(at: now, includeDaily: true))
            }
            return Session(hubID: hubID, headers: isSearch ? [:] : limiter.headers(at: now, includeDaily: true))
        }
    }

    /// Counts an OAuth call against the app's limit; answers the headers (no daily ones).
    func admitOAuthCall(at now: ContinuousClock.Instant = .now) throws(HubSpotError) -> HTTPFields {
        try withStore { (store: inout Store) throws(HubSpotError) -> HTTPFields in
            if let broken = store.oauthLimiter.admit(at: now, isSearch: false) {
                throw broken.error(headers: store.oauthLimiter.headers(at: now, includeDaily: false))
            }
            return store.oauthLimiter.headers(at: now, includeDaily: false)
        }
    }

    /// Replaces the rate limits for every portal from now on.
    func setRateLimits(_ limits: HubSpotRateLimits) {
        store.withLock { store in
            store.limits = limits
            store.limiters = [:]
            store.oauthLimiter = HubSpotRateLimiter(limits: limits, now: .now)
        }
    }

    var rateLimits: HubSpotRateLimits { store.withLock { $0.limits } }

    /// Whether granted scopes cover `scope`; the legacy `contacts` scope covers the CRM objects it used to.
    static func grants(_ granted: [String], _ scope: String) -> Bool {
        if granted.contains(scope) { return true }
        if granted.contains("contacts"), scope.hasPrefix("crm.objects.contacts") || scope.hasPrefix("crm.objects.companies")
            || scope.hasPrefix("crm.objects.deals")
        {
            return true
        }
        return false
    }
}
