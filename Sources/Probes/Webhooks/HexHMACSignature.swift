/// The `hex-hmac` scheme: a header carrying hex HMAC-SHA256 of the raw body, with no timestamp.
public enum HexHMACSignature {
    /// The header value for `body`.
    public static func sign(body: [UInt8], secret: Secret<String>) -> String {
        HMACHex.sha256(body, key: secret.unredacted())
    }
}
