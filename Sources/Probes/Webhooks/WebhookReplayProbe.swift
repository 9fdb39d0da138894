import Foundation

/// `webhook.replay`: an event delivered and synced can be replayed, and syncs again with `replays` = 1.
public struct WebhookReplayProbe: Probe {
    public let id = "webhook.replay"
    public let provider: String?

    /// A probe for one provider.
    public init(provider: String) { self.provider = provider }

    public func run(in context: ProbeContext) async throws -> ProbeOutcome {
        let source = provider ?? ""
        let deadline = ProbeDeadline(timeout: context.timeout)
        guard let payload = WebhookEvents.make(source: source, workspaceID: context.target.workspaceID, now: Date()) else {
            return .fail(.check, "no webhook event shape for \(source)")
        }
        return try await probeAttempt {
            let (eventID, _) = try await WebhookSender(source: source, context: context).deliver(payload)
            _ = try await context.waitUntilSynced(eventID, source: source, deadline: deadline)
            let path = context.workspacePath(context.target.paths.replay, query: [("event_id", eventID)])
            let response = try await context.send(.POST, path, headers: try context.adminHeaders())
            guard response.isSuccess else {
                return .fail(.httpStatus, "replaying \(source) event answered \(response.status)")
            }
            guard let replayed = JSONValue.int(response.jsonObject?["replayed"]), replayed == 1 else {
                return .fail(.check, "replaying one \(source) event did not report \"replayed\": 1")
            }
            let event = try await context.waitUntilSynced(eventID, source: source, deadline: deadline) { $0.replays >= 1 }
            guard event.replays == 1 else {
                return .fail(.check, "\(source) event shows \(event.replays) replays after one replay")
            }
            return .pass("\(source) event replayed and synced again")
        }
    }
}
