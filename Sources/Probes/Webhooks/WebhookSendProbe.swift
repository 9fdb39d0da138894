import Foundation
import NIOCore

/// `webhook.send`: posts one CRM event to the backend's webhook intake and expects it accepted.
///
/// HubSpot events are signed with the v3 scheme when `CRM_HUBSPOT_WEBHOOK_SECRET` is set.
public struct WebhookSendProbe: Probe {
    public let id = "webhook.send"
    public let provider: String?

    public init(provider: String) { self.provider = provider }

    public func run(in context: ProbeContext) async throws -> ProbeOutcome {
        let provider = self.provider ?? ""
        let path = context.target.paths.webhooks.replacingOccurrences(of: "{provider}", with: provider)
        let eventID = UInt64.random(in: 1...UInt64(Int64.max))
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let body = Array(
            #"[{"eventId":\#(eventID),"portalId":1,"occurredAt":\#(now),"subscriptionType":"contact.creation","attemptNumber":0,"objectId":\#(eventID % 1_000_000),"changeSource":"CRM"}]"#
                .utf8)
        var headers = [("Content-Type", "application/json")]
        if provider == "hubspot", let secret = context.secrets["CRM_HUBSPOT_WEBHOOK_SECRET"] {
            let signature = HubSpotSignatureV3.sign(
                method: "POST", uri: context.target.backendURL + path, body: body,
                timestampMilliseconds: now, secret: secret)
            headers += [("X-HubSpot-Signature-v3", signature), ("X-HubSpot-Request-Timestamp", String(now))]
        }
        return try await probeAttempt {
            let response = try await context.send(.POST, path, headers: headers, body: ByteBuffer(bytes: body))
            guard (200..<300).contains(response.status) else {
                return .fail(.httpStatus, "POST \(path) answered \(response.status)")
            }
            return .pass("\(provider) event accepted with \(response.status)")
        }
    }
}
