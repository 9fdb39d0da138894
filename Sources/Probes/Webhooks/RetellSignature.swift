/// Retell's `x-retell-signature`: `v=<unix ms>,d=<hex HMAC-SHA256(key, body + String(v))>`.
public enum RetellSignature {
    /// The header value for `body` sent at `timestampMilliseconds`.
    public static func sign(body: [UInt8], timestampMilliseconds: Int64, secret: Secret<String>) -> String {
        let digest = HMACHex.sha256(body + Array(String(timestampMilliseconds).utf8), key: secret.unredacted())
        return "v=\(timestampMilliseconds),d=\(digest)"
    }
}
