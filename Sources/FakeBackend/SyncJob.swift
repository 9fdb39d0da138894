import FakeSupport

/// One unit of work for the sync worker: push one effect to one CRM.
public struct SyncJob: Sendable, Hashable, Identifiable {
    /// Unique job identifier within one fake deployment, e.g. `job-000001`.
    public let id: String
    /// The CRM the job is pushed to.
    public let provider: CRMProvider
    /// The event the job belongs to, e.g. `hubspot:123`; the job id when it has none.
    public let idempotencyKey: String
    /// The request body the job came from (JSON or CSV text).
    public let payload: String
    /// What to do at the CRM.
    public let work: SyncWork
    /// The attempt in progress or last made (1 for the first attempt, 0 while never tried).
    public internal(set) var attempt: Int = 0
    /// Attempts the CRM answered 429; they do not count towards ``attempt``.
    public internal(set) var rateLimitedAttempts = 0
    /// Every attempt made, rate-limited ones included.
    public var tries: Int { attempt + rateLimitedAttempts }
    /// Earliest instant the job may be attempted again after a failure.
    var notBefore: ContinuousClock.Instant?

    /// Creates a job that has not been attempted yet.
    public init(
        id: String, provider: CRMProvider, idempotencyKey: String, payload: String,
        work: SyncWork = .recordChanged(recordID: "")
    ) {
        self.id = id
        self.provider = provider
        self.idempotencyKey = idempotencyKey
        self.payload = payload
        self.work = work
    }
}
