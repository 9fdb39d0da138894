import FakeSupport

/// A snapshot of the sync pipeline, as `GET /crm/admin/sync-status` returns it.
public struct SyncStatus: Sendable, Hashable, Codable {
    /// The workspace asked about, echoed back.
    public var workspaceID: String?
    /// Counts per provider.
    public var providers: [String: ProviderSyncStats]
    /// Jobs waiting, retries and the one in flight included.
    public var queueSize: Int
    /// Jobs in the dead-letter queue.
    public var dlqSize: Int
    /// Whether the worker is taking jobs.
    public var workerRunning: Bool
    /// The event asked about with `event_id`, if any.
    public var event: WebhookEvent?

    /// The stats of one provider.
    public subscript(provider: CRMProvider) -> ProviderSyncStats {
        providers[provider.rawValue] ?? ProviderSyncStats()
    }

    enum CodingKeys: String, CodingKey {
        case providers, event
        case workspaceID = "workspace_id"
        case queueSize = "queue_size"
        case dlqSize = "dlq_size"
        case workerRunning = "worker_running"
    }
}
