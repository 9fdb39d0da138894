/// Stripe's `Stripe-Signature`: `t=<unix s>,v1=<hex HMAC-SHA256(secret, "t." + body)>`, the secret used verbatim.
public enum StripeSignature {
    /// The header value for `body` sent at `timestampSeconds`.
    public static func sign(body: [UInt8], timestampSeconds: Int64, secret: Secret<String>) -> String {
        let digest = HMACHex.sha256(Array("\(timestampSeconds).".utf8) + body, key: secret.unredacted())
        return "t=\(timestampSeconds),v1=\(digest)"
    }
}
