import Foundation

extension WebhookSigning {
    /// How old a stale signature is: past every scheme's five-minute window.
    public static let staleAge: TimeInterval = 600

    /// Signs `payload` for a POST to `url` at `now`.
    ///
    /// `forged` uses a random wrong secret; `stale` dates the signature ``staleAge`` seconds back.
    /// For `zoho-token` the (possibly forged) secret goes into the body instead of a header.
    public func sign(
        _ payload: WebhookPayload, url: String, at now: Date, secret: Secret<String>?,
        variant: SignatureVariant = .genuine
    ) -> SignedWebhook {
        let key = variant == .forged ? Secret(Self.forgedKey()) : secret ?? Secret("")
        let date = variant == .stale ? now.addingTimeInterval(-Self.staleAge) : now
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let body = payload.body(token: scheme == .zohoToken ? key.unredacted() : "")
        let headers: [(String, String)]
        switch scheme {
        case .hubspotV3:
            let signature = HubSpotSignatureV3.sign(
                method: "POST", uri: url, body: body, timestampMilliseconds: milliseconds, secret: key)
            headers = [("X-HubSpot-Signature-v3", signature), ("X-HubSpot-Request-Timestamp", String(milliseconds))]
        case .hexHMAC:
            headers = [(header ?? "X-Signature", HexHMACSignature.sign(body: body, secret: key))]
        case .sharedSecret:
            headers = [(header ?? "X-Webhook-Secret", key.unredacted())]
        case .retell:
            headers = [("x-retell-signature", RetellSignature.sign(body: body, timestampMilliseconds: milliseconds, secret: key))]
        case .stripe:
            headers = [("Stripe-Signature", StripeSignature.sign(body: body, timestampSeconds: milliseconds / 1000, secret: key))]
        case .zohoToken, .none:
            headers = []
        }
        return SignedWebhook(body: body, headers: headers)
    }

    /// A random secret no backend holds.
    static func forgedKey() -> String {
        "forged-" + (0..<4).map { _ in String(UInt64.random(in: 0...UInt64.max), radix: 16) }.joined()
    }
}
