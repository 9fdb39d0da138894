import Crypto

/// Lowercase hex HMAC-SHA256, the digest most webhook schemes send.
public enum HMACHex {
    /// `hex(HMAC-SHA256(key, message))`, the key taken as its UTF-8 bytes.
    public static func sha256(_ message: [UInt8], key: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Array(key.utf8)))
        return mac.map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }
}
