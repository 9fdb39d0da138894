import FakeSupport

/// What a CRM received from one successful push.
public struct SyncRecord: Sendable, Hashable {
    /// The job that was pushed.
    public let jobID: String
    /// The job's idempotency key.
    public let idempotencyKey: String
    /// The CRM that received it.
    public let provider: CRMProvider
    /// The pushed payload (JSON text).
    public let payload: String
    /// Which attempt succeeded (1 for the first).
    public let attempt: Int
}
