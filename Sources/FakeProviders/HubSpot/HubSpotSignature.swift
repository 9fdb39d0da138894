import Crypto
import Foundation

/// HubSpot's webhook signatures.
///
/// - v1: hex SHA-256 of `clientSecret + body` (not an HMAC).
/// - v3: base64 HMAC-SHA256, keyed with the client secret, of `METHOD + uri + body + timestamp`, where
///   `uri` has `%3A %2F %3F %40 %21 %24 %27 %28 %29 %2A %2C %3B` decoded.
public enum HubSpotSignature {
    /// The v1 signature of a body.
    public static func v1(clientSecret: String, body: [UInt8]) -> String {
        let digest = SHA256.hash(data: Array(clientSecret.utf8) + body)
        return digest.map { String(format: "%02x", $0) }.joined()
    }

    /// The v3 signature of a request.
    public static func v3(clientSecret: String, method: String, uri: String, body: [UInt8], timestamp: String) -> String {
        let message = Array(method.utf8) + Array(decodedURI(uri).utf8) + body + Array(timestamp.utf8)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Array(clientSecret.utf8)))
        return Data(mac).base64EncodedString()
    }

    /// The URI with the escapes HubSpot decodes before signing decoded.
    public static func decodedURI(_ uri: String) -> String {
        let escapes: [(String, String)] = [
            ("%3A", ":"), ("%2F", "/"), ("%3F", "?"), ("%40", "@"), ("%21", "!"), ("%24", "$"), ("%27", "'"),
            ("%28", "("), ("%29", ")"), ("%2A", "*"), ("%2C", ","), ("%3B", ";"),
        ]
        var result = uri
        for (escape, character) in escapes {
            result = result.replacingOccurrences(of: escape, with: character, options: .caseInsensitive)
        }
        return result
    }
}
