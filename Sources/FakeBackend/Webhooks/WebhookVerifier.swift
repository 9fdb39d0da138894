import Crypto
import FakeSupport
import Foundation

/// Checks a webhook request against its source's signing scheme, with our own code for each vendor.
struct WebhookVerifier: Sendable {
    /// Vendors reject signatures older than five minutes.
    static let window: Int64 = 300_000

    let signing: DeploymentProfile.Signing
    let secret: String?

    /// The verdict for one request.
    /// - Parameters:
    ///   - header: reads a request header by name, case-insensitively.
    ///   - url: the full URL as the sender signed it, `http://host:port/path?query` (`https` over TLS).
    ///   - nowMilliseconds: the current Unix time in milliseconds.
    func verify(
        source: WebhookSource, header: (String) -> String?, body: [UInt8], url: String, nowMilliseconds: Int64
    ) -> WebhookVerdict {
        switch signing {
        case .none:
            return .authentic
        case .hexHMAC(let name):
            guard let secret, let sent = header(name) else { return .forged("missing \(name) header") }
            return Self.equal(sent.lowercased(), Self.hexHMAC(body, key: secret)) ? .authentic : .forged("bad \(name)")
        case .sharedSecret(let name):
            guard let secret, let sent = header(name) else { return .forged("missing \(name) header") }
            return Self.equal(sent, secret) ? .authentic : .forged("bad \(name)")
        case .vendor:
            guard let secret else { return .forged("no secret configured for \(source)") }
            switch source {
            case .hubspot: return hubSpotV3(header: header, body: body, url: url, now: nowMilliseconds, secret: secret)
            case .zoho: return zohoToken(body: body, secret: secret)
            case .retell: return retell(header: header, body: body, now: nowMilliseconds, secret: secret)
            case .stripe: return stripe(header: header, body: body, now: nowMilliseconds, secret: secret)
            case .odoo: return .authentic
            }
        }
    }

    /// HubSpot v3: base64 HMAC of method, URI, body and the millisecond timestamp.
    private func hubSpotV3(header: (String) -> String?, body: [UInt8], url: String, now: Int64, secret: String)
        -> WebhookVerdict
    {
        guard let signature = header("X-HubSpot-Signature-v3"),
            let stamp = header("X-HubSpot-Request-Timestamp").flatMap({ Int64($0) })
        else { return .forged("missing X-HubSpot-Signature-v3 or X-HubSpot-Request-Timestamp") }
        let message = Array("POST\(url)".utf8) + body + Array(String(stamp).utf8)
        let expected = Data(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Array(secret.utf8))))
            .base64EncodedString()
        guard Self.equal(signature, expected) else { return .forged("X-HubSpot-Signature-v3 does not match") }
        return now - stamp > Self.window ? .stale("X-HubSpot-Request-Timestamp is older than 5 minutes") : .authentic
    }

    /// Zoho: no HMAC; the notification echoes the channel token in its body.
    private func zohoToken(body: [UInt8], secret: String) -> WebhookVerdict {
        guard let token = (try? JSONValue.parse(body))?["token"]?.string else { return .forged("no channel token") }
        return Self.equal(token, secret) ? .authentic : .forged("wrong channel token")
    }

    /// Retell: `v=<ms>,d=<hex HMAC of body + v>`, within five minutes either way.
    private func retell(header: (String) -> String?, body: [UInt8], now: Int64, secret: String) -> WebhookVerdict {
        guard let value = header("x-retell-signature") else { return .forged("missing x-retell-signature") }
        let fields = Self.fields(value)
        guard let stampText = fields["v"]?.first, let stamp = Int64(stampText), let digest = fields["d"]?.first,
            digest.count == 64
        else { return .forged("malformed x-retell-signature") }
        guard Self.equal(digest, Self.hexHMAC(body + Array(stampText.utf8), key: secret)) else {
            return .forged("x-retell-signature does not match")
        }
        return abs(now - stamp) > Self.window ? .stale("x-retell-signature is older than 5 minutes") : .authentic
    }

    /// Stripe: `t=<s>,v1=<hex HMAC of "t." + body>`; only timestamps too far in the past fail.
    private func stripe(header: (String) -> String?, body: [UInt8], now: Int64, secret: String) -> WebhookVerdict {
        guard let value = header("Stripe-Signature") else { return .forged("missing Stripe-Signature") }
        let fields = Self.fields(value)
        guard let stampText = fields["t"]?.first, let stamp = Int64(stampText) else {
            return .forged("Stripe-Signature has no timestamp")
        }
        let expected = Self.hexHMAC(Array("\(stampText).".utf8) + body, key: secret)
        guard (fields["v1"] ?? []).contains(where: { Self.equal($0, expected) }) else {
            return .forged("no signatures found matching the expected signature for payload")
        }
        return stamp < now / 1000 - Self.window / 1000 ? .stale("timestamp outside the tolerance zone") : .authentic
    }

    /// `a=1,b=2,b=3` as a multimap.
    static func fields(_ header: String) -> [String: [String]] {
        var fields: [String: [String]] = [:]
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2 { fields[pair[0], default: []].append(pair[1]) }
        }
        return fields
    }

    static func hexHMAC(_ message: [UInt8], key: String) -> String {
        HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Array(key.utf8)))
            .map { String(format: "%02x", $0) }.joined()
    }

    /// Compares in time independent of where the texts differ.
    static func equal(_ left: String, _ right: String) -> Bool {
        let a = Array(left.utf8), b = Array(right.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
