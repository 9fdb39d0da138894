import Foundation

/// `webhook.delivery`: a signed event is accepted and synced, forged and stale copies are refused,
/// and a resend is reported as a duplicate without a second job.
///
/// Emits `canary_webhook_effect_seconds{provider=…}`, from send to synced.
public struct WebhookDeliveryProbe: Probe {
    public let id = "webhook.delivery"
    public let provider: String?

    /// A probe for one webhook source: `hubspot`, `zoho`, `odoo` or `stripe`.
    public init(provider: String) { self.provider = provider }

    public func run(in context: ProbeContext) async throws -> ProbeOutcome {
        let source = provider ?? ""
        let deadline = ProbeDeadline(timeout: context.timeout)
        let sender = WebhookSender(source: source, context: context)
        let makeEvent = { WebhookEvents.make(source: source, workspaceID: context.target.workspaceID, now: Date()) }
        guard let payload = makeEvent() else { return .fail(.check, "no webhook event shape for \(source)") }
        return try await probeAttempt {
            let refusals = try await sender.checkRefusals { makeEvent() ?? payload }
            let sent = ContinuousClock.now
            let (eventID, duplicate) = try await sender.deliver(payload)
            guard !duplicate else { return .fail(.check, "a new \(source) event was reported as a duplicate") }
            let synced = try await context.waitUntilSynced(eventID, source: source, deadline: deadline)
            let seconds = ProbeDeadline.seconds(since: sent)
            let sample = MetricSample(name: "canary_webhook_effect_seconds", labels: ["provider": source], value: seconds)
            let (_, isDuplicate) = try await sender.deliver(payload)
            guard isDuplicate else {
                return .fail(.check, "resending \(source) event \(eventID) was not reported as a duplicate", samples: [sample])
            }
            let after = try await context.webhookEvent(eventID)
            guard let after, after.state == "synced", after.attempts == synced.attempts else {
                let state = after.map { "\($0.state), \($0.attempts) attempts" } ?? "unknown"
                return .fail(.check, "the duplicate \(source) event was queued again (\(state))", samples: [sample])
            }
            let effect = String(format: "%.3fs", seconds)
            return .pass("\(source) event synced in \(effect); \(refusals); duplicate ignored", samples: [sample])
        }
    }
}
