import Foundation

/// The voice-agent (Retell) events for one synthetic call.
public struct CallEvents: Sendable {
    /// `call_<hex>`.
    public var callID: String
    /// `outbound` or `inbound`.
    public var direction: String
    /// The contact the call is with.
    public var contactEmail: String
    /// Which CRM to write to: a provider or `auto`.
    public var provider: String
    /// The workspace.
    public var workspaceID: String
    /// When the call ended, in Unix milliseconds.
    public var endedAt: Int64

    public init(callID: String, direction: String, contactEmail: String, provider: String, workspaceID: String, endedAt: Int64) {
        self.callID = callID
        self.direction = direction
        self.contactEmail = contactEmail
        self.provider = provider
        self.workspaceID = workspaceID
        self.endedAt = endedAt
    }

    /// The activity title the backend writes, `Call <call_id>`.
    public var title: String { "Call \(callID)" }

    /// The `call_ended` event.
    public var ended: WebhookPayload { payload("call_ended", analysis: nil) }

    /// The `call_analyzed` event.
    public var analyzed: WebhookPayload {
        payload(
            "call_analyzed",
            analysis: [
                "call_summary": "Canary call \(callID).", "user_sentiment": "Positive", "call_successful": true,
                "in_voicemail": false,
            ])
    }

    private func payload(_ event: String, analysis: [String: Any]?) -> WebhookPayload {
        let duration: Int64 = 42_000
        var call: [String: Any] = [
            "call_id": callID, "call_type": "phone_call", "agent_id": "agent_canary", "call_status": "ended",
            "direction": direction, "from_number": "+15550000001", "to_number": "+15550000002",
            "start_timestamp": endedAt - duration, "end_timestamp": endedAt, "duration_ms": duration,
            "disconnection_reason": "user_hangup", "transcript": "Agent: Hello, this is a canary call.\nUser: Hi.",
            "metadata": ["workspace_id": workspaceID, "contact_email": contactEmail, "provider": provider],
        ]
        if let analysis { call["call_analysis"] = analysis }
        return WebhookPayload(eventID: "retell:\(callID):\(event)", bytes: JSONBytes.encode(["event": event, "call": call]))
    }
}
