import Foundation

/// Authorization codes, access tokens and refresh tokens of the fake app.
struct HubSpotOAuthStore: Sendable {
    struct Grant: Sendable {
        let hubID: Int
        let scopes: [String]
    }

    struct Code: Sendable {
        let grant: Grant
        let redirectURI: String
        let expiresAt: ContinuousClock.Instant
    }

    struct AccessToken: Sendable {
        let grant: Grant
        let expiresAt: ContinuousClock.Instant
    }

    var codes: [String: Code] = [:]
    var accessTokens: [String: AccessToken] = [:]
    var refreshTokens: [String: Grant] = [:]

    /// A fresh random token: `prefix` then URL-safe base64 of `bytes` random bytes.
    static func newSecret(prefix: String, bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let data = Data((0..<bytes).map { _ in UInt8.random(in: 0...255, using: &generator) })
        return prefix
            + data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// A refresh token shaped like HubSpot's: `na1-` and a UUID.
    static func newRefreshToken() -> String {
        "na1-" + UUID().uuidString.lowercased()
    }
}
