import Crypto
import Foundation

/// HubSpot's v3 request signature: base64 HMAC-SHA256 of method, URI, body and timestamp.
public enum HubSpotSignatureV3 {
    /// The `X-HubSpot-Signature-v3` value for one request.
    /// - Parameters:
    ///   - uri: the full request URI as the receiver sees it (`https://host/path?query`).
    ///   - timestampMilliseconds: the value sent in `X-HubSpot-Request-Timestamp`.
    public static func sign(
        method: String,
        uri: String,
        body: [UInt8],
        timestampMilliseconds: Int64,
        secret: Secret<String>
    ) -> String {
        var message = Array("\(method)\(uri)".utf8)
        message += body
        message += Array(String(timestampMilliseconds).utf8)
        let key = SymmetricKey(data: Array(secret.unredacted().utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: key)
        return Data(mac).base64EncodedString()
    }
}
