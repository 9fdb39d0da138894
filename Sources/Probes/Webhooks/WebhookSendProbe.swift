import Foundation

/// `webhook.send`: posts one event in the source's own shape, signed as the plan says, and expects it
/// accepted. It checks intake only; `webhook.delivery` also waits for the effect and the refusals.
public struct WebhookSendProbe: Probe {
    public let id = "webhook.send"
    public let provider: String?

    public init(provider: String) { self.provider = provider }

    public func run(in context: ProbeContext) async throws -> ProbeOutcome {
        let source = self.provider ?? ""
        guard let payload = WebhookEvents.make(source: source, workspaceID: context.target.workspaceID, now: Date()) else {
            return .fail(.check, "no webhook shape for \(source)")
        }
        return try await probeAttempt {
            let accepted = try await WebhookSender(source: source, context: context).deliver(payload)
            return .pass("\(source) event \(accepted.eventID) accepted")
        }
    }
}
