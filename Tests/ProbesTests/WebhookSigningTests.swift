import Foundation
import Probes
import Testing

/// Signatures checked against values computed independently with Python's hmac, hashlib and base64.
@Suite struct WebhookSigningTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func hexHMACSignsTheBody() {
        let value = HexHMACSignature.sign(body: Array(#"{"a":1}"#.utf8), secret: Secret("shhh"))
        #expect(value == "82a2822723ef5d74e78b2082b74ec3369cc9cf94e58ed4dc61f5c1e2887fd7c7")
    }

    @Test func retellSignsTheBodyFollowedByTheTimestamp() {
        let value = RetellSignature.sign(
            body: Array(#"{"event":"call_ended"}"#.utf8), timestampMilliseconds: 1_700_000_000_000,
            secret: Secret("key_retell"))
        #expect(value == "v=1700000000000,d=abd2dc42fc168626e41b9758426b06d6b47cd4acea6fe0fca9a1858ee1841d78")
    }

    @Test func stripeSignsTheTimestampDotBody() {
        let value = StripeSignature.sign(
            body: Array(#"{"id":"evt_1"}"#.utf8), timestampSeconds: 1_700_000_000, secret: Secret("whsec_test"))
        #expect(value == "t=1700000000,v1=c89214b5b5da833daed6f0b8c5bb6bd58cea9022bd80ccc78230f3942d632925")
    }

    @Test func hubspotV3SigningAddsBothHeaders() {
        let signed = WebhookSigning(scheme: .hubspotV3, secretName: "S").sign(
            WebhookPayload(eventID: "hubspot:1", bytes: Array(#"[{"eventId":1}]"#.utf8)),
            url: "https://example.com/crm/webhooks/hubspot", at: Self.now, secret: Secret("shhh"))
        #expect(header(signed, "X-HubSpot-Signature-v3") == "3s5ndcXFFgIniOdz4us9kj/6eIdJA1wNywkSHJj82NY=")
        #expect(header(signed, "X-HubSpot-Request-Timestamp") == "1700000000000")
    }

    @Test func staleSignaturesAreTenMinutesOld() {
        let signed = WebhookSigning(scheme: .hubspotV3, secretName: "S").sign(
            WebhookPayload(eventID: "hubspot:1", bytes: Array(#"[{"eventId":1}]"#.utf8)),
            url: "https://example.com/crm/webhooks/hubspot", at: Self.now, secret: Secret("shhh"), variant: .stale)
        #expect(header(signed, "X-HubSpot-Request-Timestamp") == "1699999400000")
        #expect(header(signed, "X-HubSpot-Signature-v3") == "Mht5CSk9/68aP5zUFT8P3Jia3xwgPno7TQBUBM7i7y8=")
    }

    @Test(arguments: [WebhookScheme.hubspotV3, .hexHMAC, .sharedSecret, .retell, .stripe])
    func forgedSignaturesDifferFromGenuineOnes(scheme: WebhookScheme) {
        let signing = WebhookSigning(scheme: scheme, secretName: "S", header: "X-Signature")
        let payload = WebhookPayload(eventID: "x:1", bytes: Array("{}".utf8))
        let genuine = signing.sign(payload, url: "https://b/x", at: Self.now, secret: Secret("real"))
        let forged = signing.sign(payload, url: "https://b/x", at: Self.now, secret: Secret("real"), variant: .forged)
        #expect(genuine.headers.map(\.1) != forged.headers.map(\.1))
        #expect(!forged.headers.contains { $0.1.contains("real") })
    }

    @Test func sharedSecretGoesInTheNamedHeader() {
        let signed = WebhookSigning(scheme: .sharedSecret, secretName: "S", header: "X-Zoho-Webhook-Secret").sign(
            WebhookPayload(eventID: "x:1", bytes: []), url: "https://b/x", at: Self.now, secret: Secret("s3"))
        #expect(header(signed, "X-Zoho-Webhook-Secret") == "s3")
    }

    @Test func zohoTokenIsWrittenIntoTheBody() throws {
        let payload = try #require(WebhookEvents.make(source: "zoho", workspaceID: "ws", now: Self.now))
        let signing = WebhookSigning.defaults["zoho"]!
        let genuine = signing.sign(payload, url: "https://b/x", at: Self.now, secret: Secret("zt"))
        let forged = signing.sign(payload, url: "https://b/x", at: Self.now, secret: Secret("zt"), variant: .forged)
        #expect(genuine.headers.isEmpty)
        #expect(try token(genuine.body) == "zt")
        #expect(try token(forged.body) != "zt")
        #expect(payload.eventID.hasPrefix("zoho:"))
    }

    @Test func unsignedSourcesGetNoHeaders() throws {
        let payload = try #require(WebhookEvents.make(source: "odoo", workspaceID: "ws", now: Self.now))
        let signed = WebhookSigning.defaults["odoo"]!.sign(payload, url: "https://b/x", at: Self.now, secret: nil)
        #expect(signed.headers.isEmpty)
        #expect(signed.body == payload.body(token: ""))
    }

    @Test func defaultsFollowTheContract() {
        #expect(WebhookSigning.defaults["hubspot"]?.secretName == "CRM_HUBSPOT_WEBHOOK_SECRET")
        #expect(WebhookSigning.defaults["zoho"]?.scheme == .zohoToken)
        #expect(WebhookSigning.defaults["odoo"]?.scheme == WebhookScheme.none)
        #expect(WebhookSigning.defaults["retell"]?.secretName == "RETELL_WEBHOOK_SECRET")
        #expect(WebhookSigning.defaults["stripe"]?.secretName == "STRIPE_WEBHOOK_SECRET")
    }

    private func header(_ signed: SignedWebhook, _ name: String) -> String? {
        signed.headers.first { $0.0 == name }?.1
    }

    private func token(_ body: [UInt8]) throws -> String? {
        (try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])?["token"] as? String
    }
}
