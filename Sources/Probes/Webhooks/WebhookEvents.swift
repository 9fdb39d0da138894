import Foundation

/// The CRM and billing events the probes send, one per request, shaped as each vendor sends them.
public enum WebhookEvents {
    /// A fresh event for `source` (`hubspot`, `zoho`, `odoo` or `stripe`) at `now`; nil for other sources.
    public static func make(source: String, workspaceID: String, now: Date) -> WebhookPayload? {
        let milliseconds = Int64(now.timeIntervalSince1970 * 1000)
        switch source {
        case "hubspot": return hubspot(milliseconds: milliseconds)
        case "zoho": return zoho(milliseconds: milliseconds)
        case "odoo": return odoo()
        case "stripe": return stripe(seconds: milliseconds / 1000, workspaceID: workspaceID)
        default: return nil
        }
    }

    static func hubspot(milliseconds: Int64) -> WebhookPayload {
        let eventID = Int64.random(in: 1_000_000_000...Int64(Int32.max) * 1000)
        let objectID = Int.random(in: 1_000...99_999_999)
        let event: [String: Any] = [
            "eventId": eventID, "subscriptionId": 1, "portalId": 1, "appId": 1, "occurredAt": milliseconds,
            "subscriptionType": "contact.propertyChange", "attemptNumber": 0, "objectId": objectID,
            "propertyName": "email", "propertyValue": "x@canary.test", "changeSource": "CRM",
        ]
        return WebhookPayload(eventID: "hubspot:\(eventID)", bytes: JSONBytes.encode([event]))
    }

    static func zoho(milliseconds: Int64) -> WebhookPayload {
        let channelID = String(Int64.random(in: 1_000_000_000_000...9_999_999_999_999))
        let recordID = String(Int64.random(in: 1_000_000_000_000...9_999_999_999_999))
        return WebhookPayload(eventID: "zoho:\(channelID):\(milliseconds):\(recordID)") { token in
            JSONBytes.encode([
                "server_time": milliseconds, "query_params": [String: Any](), "module": "Contacts",
                "resource_uri": "https://www.zohoapis.com/crm/v8/Contacts", "ids": [recordID],
                "affected_fields": [Any](), "operation": "update", "channel_id": channelID, "token": token,
            ] as [String: Any])
        }
    }

    static func odoo() -> WebhookPayload {
        let eventID = UUID().uuidString.lowercased()
        let body: [String: Any] = [
            "event_id": eventID, "model": "res.partner", "record_id": Int.random(in: 1...9_999_999),
            "operation": "write",
        ]
        return WebhookPayload(eventID: "odoo:\(eventID)", bytes: JSONBytes.encode(body))
    }

    static func stripe(seconds: Int64, workspaceID: String) -> WebhookPayload {
        let eventID = "evt_" + randomHex(24)
        let body: [String: Any] = [
            "id": eventID, "object": "event", "api_version": "2024-06-20", "created": seconds,
            "data": [
                "object": [
                    "id": "sub_" + randomHex(24), "object": "subscription", "status": "active",
                    "metadata": ["workspace_id": workspaceID],
                ] as [String: Any]
            ],
            "livemode": false, "pending_webhooks": 1, "request": ["id": NSNull(), "idempotency_key": NSNull()],
            "type": "customer.subscription.updated",
        ]
        return WebhookPayload(eventID: "stripe:\(eventID)", bytes: JSONBytes.encode(body))
    }

    /// `count` random lowercase hex digits.
    static func randomHex(_ count: Int) -> String {
        String((0..<count).map { _ in "0123456789abcdef".randomElement()! })
    }
}
