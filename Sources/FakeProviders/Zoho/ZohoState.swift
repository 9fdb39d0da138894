import FakeSupport
import Foundation

/// All of the fake Zoho's state: the accounts server's codes and tokens, and each org's data.
actor ZohoState {
    struct GrantCode: Sendable {
        let client: ZohoClient
        let scopes: [String]
        let redirectURI: String?
        let expires: ContinuousClock.Instant
    }

    struct RefreshToken: Sendable {
        let client: ZohoClient
        let scopes: [String]
        /// Live access tokens minted from it, oldest first.
        var accessTokens: [String] = []
    }

    struct AccessToken: Sendable {
        let refreshToken: String
        let orgID: String
        let scopes: [String]
        let expires: ContinuousClock.Instant
    }

    let configuration: ZohoConfiguration
    var codes: [String: GrantCode] = [:]
    var refreshTokens: [String: RefreshToken] = [:]
    var accessTokens: [String: AccessToken] = [:]
    var mintedRefreshTokens: [String: [ContinuousClock.Instant]] = [:]
    var orgs: [String: ZohoOrg] = [:]
    var serial = 0

    init(configuration: ZohoConfiguration) {
        self.configuration = configuration
        (refreshTokens, orgs) = Self.seed(configuration)
    }

    /// Forgets everything and restores the configured clients' refresh tokens.
    func reset() {
        codes = [:]
        refreshTokens = [:]
        accessTokens = [:]
        mintedRefreshTokens = [:]
        orgs = [:]
        serial = 0
        (refreshTokens, orgs) = Self.seed(configuration)
    }

    private static func seed(_ configuration: ZohoConfiguration) -> ([String: RefreshToken], [String: ZohoOrg]) {
        var refreshTokens: [String: RefreshToken] = [:]
        var orgs: [String: ZohoOrg] = [:]
        for (offset, client) in configuration.clients.enumerated() {
            refreshTokens[client.refreshToken] = RefreshToken(client: client, scopes: client.scopes)
            if orgs[client.orgID] == nil {
                let user = ZohoUser(
                    id: "57257670000000\(String(format: "%05d", offset + 1))", email: client.userEmail,
                    name: "Canary Owner \(offset + 1)")
                orgs[client.orgID] = ZohoOrg(id: client.orgID, user: user)
            }
        }
        return (refreshTokens, orgs)
    }

    /// A fresh opaque token with a recognisable prefix.
    func mint(_ prefix: String) -> String {
        serial += 1
        let random = (0..<4).map { _ in String(UInt32.random(in: 0...UInt32.max), radix: 16) }.joined()
        return "1000.\(prefix)\(serial).\(random)"
    }

    /// Every record of every org, keyed `Module` (first org) or `orgID/Module` (others).
    func snapshot() -> [String: [JSONValue]] {
        let firstOrg = configuration.clients.first?.orgID
        var result: [String: [JSONValue]] = [:]
        for (orgID, org) in orgs {
            for (module, rows) in org.records {
                let key = orgID == firstOrg ? module : "\(orgID)/\(module)"
                result[key] = rows.map { .object($0) }
            }
        }
        return result
    }
}
