/// One webhook event as `sync-status?event_id=` reports it.
struct SyncedEvent: Sendable {
    /// `queued`, `synced` or `dead_lettered`.
    var state: String
    /// Delivery attempts so far.
    var attempts: Int
    /// Times it was replayed.
    var replays: Int
}

extension ProbeContext {
    /// The sync-status object, optionally for one event.
    func syncStatus(eventID: String? = nil) async throws -> [String: Any] {
        let path = workspacePath(target.paths.syncStatus, query: eventID.map { [("event_id", $0)] } ?? [])
        let response = try await send(.GET, path, headers: try adminHeaders())
        guard response.isSuccess else {
            throw ProbeFailure.fail(.httpStatus, "GET \(target.paths.syncStatus) answered \(response.status)")
        }
        guard let body = response.jsonObject else {
            throw ProbeFailure.fail(.badBody, "sync-status body is not a JSON object")
        }
        return body
    }

    /// The event as the backend sees it; nil while it is unknown.
    func webhookEvent(_ eventID: String) async throws -> SyncedEvent? {
        guard let event = try await syncStatus(eventID: eventID)["event"] as? [String: Any],
            let state = event["state"] as? String
        else { return nil }
        return SyncedEvent(
            state: state, attempts: JSONValue.int(event["attempts"]) ?? 0, replays: JSONValue.int(event["replays"]) ?? 0)
    }

    /// Whether sync for `provider` is paused; nil when sync-status does not say.
    func syncPaused(_ provider: String) async throws -> Bool? {
        let providers = try await syncStatus()["providers"] as? [String: Any]
        return (providers?[provider] as? [String: Any])?["paused"] as? Bool
    }

    /// Polls until the event is synced (and `also` holds); a dead-lettered event fails at once.
    func waitUntilSynced(
        _ eventID: String, source: String, deadline: ProbeDeadline, also: @Sendable (SyncedEvent) -> Bool = { _ in true }
    ) async throws -> SyncedEvent {
        try await deadline.poll("synced state of \(source) event \(eventID)") {
            guard let event = try await webhookEvent(eventID) else { return nil }
            if event.state == "dead_lettered" {
                throw ProbeFailure.fail(.check, "\(source) event \(eventID) was dead-lettered")
            }
            return event.state == "synced" && also(event) ? event : nil
        }
    }
}
