/// One unit of work for the sync worker: push a received webhook's effect to a CRM.
public struct SyncJob: Sendable, Hashable, Identifiable {
    /// Unique job identifier within one fake deployment, e.g. `job-000001`.
    public let id: String
    /// The CRM the job is pushed to.
    public let provider: CRMProvider
    /// The webhook's event id when it had one, otherwise the job id.
    public let idempotencyKey: String
    /// The webhook body as received (JSON text).
    public let payload: String
    /// The attempt in progress or last made (1 for the first attempt, 0 while never tried).
    public internal(set) var attempt: Int = 0
    /// Earliest instant the job may be attempted again after a failure.
    var notBefore: ContinuousClock.Instant?

    /// Creates a job that has not been attempted yet.
    public init(id: String, provider: CRMProvider, idempotencyKey: String, payload: String) {
        self.id = id
        self.provider = provider
        self.idempotencyKey = idempotencyKey
        self.payload = payload
    }
}
