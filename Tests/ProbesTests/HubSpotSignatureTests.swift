import Probes
import Testing

@Suite struct HubSpotSignatureTests {
    @Test func v3MatchesAnIndependentlyComputedValue() {
        // Expected value computed with Python's hmac/hashlib/base64 over the same inputs.
        let signature = HubSpotSignatureV3.sign(
            method: "POST", uri: "https://example.com/crm/webhooks/hubspot", body: Array(#"[{"eventId":1}]"#.utf8),
            timestampMilliseconds: 1_700_000_000_000, secret: Secret("shhh"))
        #expect(signature == "3s5ndcXFFgIniOdz4us9kj/6eIdJA1wNywkSHJj82NY=")
    }

    @Test func secretsNeverPrint() {
        let secret = Secret("hunter2")
        #expect("\(secret)" == "<redacted>")
        #expect(String(reflecting: secret) == "<redacted>")
        #expect(!"\(ProbeSecrets(["K": secret]))".contains("hunter2"))
    }
}
