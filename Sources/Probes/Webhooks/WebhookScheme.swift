/// A way the backend authenticates a webhook source.
public enum WebhookScheme: String, Sendable, CaseIterable {
    /// HubSpot v3: base64 HMAC of method, URL, body and a millisecond timestamp.
    case hubspotV3 = "hubspot-v3"
    /// Hex HMAC-SHA256 of the body in a named header.
    case hexHMAC = "hex-hmac"
    /// The secret itself in a named header.
    case sharedSecret = "shared-secret"
    /// The secret in the JSON body's `token` field (Zoho notifications).
    case zohoToken = "zoho-token"
    /// Retell's `x-retell-signature`.
    case retell
    /// Stripe's `Stripe-Signature`.
    case stripe
    /// Nothing; the backend cannot tell a forged request.
    case none

    /// Whether the signature carries a timestamp the receiver checks for staleness.
    public var isTimestamped: Bool { self == .hubspotV3 || self == .retell || self == .stripe }

    /// Whether the plan must name the header (`hex-hmac`, `shared-secret`).
    public var needsHeader: Bool { self == .hexHMAC || self == .sharedSecret }

    /// Whether the scheme uses a secret.
    public var needsSecret: Bool { self != .none }
}
