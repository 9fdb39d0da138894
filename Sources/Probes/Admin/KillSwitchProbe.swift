import Foundation

/// `admin.kill-switch`: pausing a provider's sync holds a new webhook event in the queue, and resuming syncs it.
///
/// Sync is always resumed, even when a check fails or the run is cancelled.
public struct KillSwitchProbe: Probe {
    public let id = "admin.kill-switch"
    public let provider: String?

    /// How long a held event is watched before resuming.
    public static let holdTime: Duration = .milliseconds(300)

    /// A probe for one provider.
    public init(provider: String) { self.provider = provider }

    public func run(in context: ProbeContext) async throws -> ProbeOutcome {
        let provider = self.provider ?? ""
        let deadline = ProbeDeadline(timeout: context.timeout)
        var eventID: String?
        let held: ProbeOutcome
        do {
            held = try await probeAttempt {
                try await setPaused(true, context)
                guard try await context.syncPaused(provider) == true else {
                    return .fail(.check, "sync-status does not show \(provider) paused after pausing")
                }
                guard let payload = WebhookEvents.make(source: provider, workspaceID: context.target.workspaceID, now: Date())
                else { return .fail(.check, "no webhook event shape for \(provider)") }
                eventID = try await WebhookSender(source: provider, context: context).deliver(payload).eventID
                try await Task.sleep(for: Self.holdTime)
                let state = try await context.webhookEvent(eventID ?? payload.eventID)?.state
                if state == "synced" { return .brokenRelease("the kill switch did not hold \(provider) sync") }
                guard state == "queued" else {
                    return .fail(.check, "\(provider) event is \(state ?? "unknown") while paused, expected queued")
                }
                return .pass()
            }
        } catch {
            _ = await resume(context)
            throw error
        }
        let resumed = await resume(context)
        guard held.passed else { return held }
        guard resumed.passed else { return resumed }
        return try await probeAttempt {
            guard let eventID else { return .fail(.check, "no \(provider) event was sent") }
            _ = try await context.waitUntilSynced(eventID, source: provider, deadline: deadline)
            guard try await context.syncPaused(provider) == false else {
                return .fail(.check, "sync-status still shows \(provider) paused after resuming")
            }
            return .pass("\(provider) event held while paused, synced after resuming")
        }
    }

    private func setPaused(_ paused: Bool, _ context: ProbeContext) async throws {
        let path = QueryString.append(
            [("provider", provider ?? ""), ("pause", String(paused)), ("workspace_id", context.target.workspaceID)],
            to: context.target.paths.pauseSync)
        let response = try await context.send(.POST, path, headers: try context.adminHeaders())
        guard response.isSuccess else {
            throw ProbeFailure.fail(.httpStatus, "\(paused ? "pausing" : "resuming") \(provider ?? "") sync answered \(response.status)")
        }
    }

    /// Resumes sync in a task of its own, so that a cancelled attempt still leaves sync running.
    private func resume(_ context: ProbeContext) async -> ProbeOutcome {
        await Task {
            (try? await probeAttempt {
                try await setPaused(false, context)
                return .pass()
            }) ?? .fail(.other, "resuming \(provider ?? "") sync was cancelled")
        }.value
    }
}
