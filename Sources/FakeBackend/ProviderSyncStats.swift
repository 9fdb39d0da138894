/// Per-provider sync counts, as `sync-status` reports them.
public struct ProviderSyncStats: Sendable, Hashable, Codable {
    /// Jobs delivered.
    public var synced = 0
    /// Failed attempts.
    public var errors = 0
    /// Attempts scheduled again after a failure.
    public var retries = 0
    /// Jobs given up on and moved to the dead-letter queue.
    public var deadLettered = 0
    /// Whether sync to this provider is paused.
    public var paused = false
    /// Jobs waiting or being pushed, retries included.
    public var queued = 0

    /// Creates zeroed stats.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case synced, errors, retries, paused, queued
        case deadLettered = "dead_lettered"
    }
}
