import FakeSupport
import Synchronization

/// A CRM sink that keeps what each provider received, taking a little time per push like a real call.
public final class InMemoryCRMSink: CRMSink {
    private let latency: Duration
    private let received: Mutex<[CRMProvider: [SyncRecord]]>

    /// Creates an empty sink whose pushes each take `latency`.
    public init(latency: Duration = .milliseconds(3)) {
        self.latency = latency
        self.received = Mutex([:])
    }

    /// Records the job as received by its provider after the configured latency.
    public func push(_ job: SyncJob) async throws {
        if latency > .zero {
            try await Task.sleep(for: latency)
        }
        let record = SyncRecord(
            jobID: job.id,
            idempotencyKey: job.idempotencyKey,
            provider: job.provider,
            payload: job.payload,
            attempt: job.attempt
        )
        received.withLock { $0[job.provider, default: []].append(record) }
    }

    /// Everything `provider` received, in arrival order.
    public func records(for provider: CRMProvider) -> [SyncRecord] {
        received.withLock { $0[provider] ?? [] }
    }

    /// Everything every provider received.
    package var allRecords: [SyncRecord] {
        received.withLock { received in CRMProvider.allCases.flatMap { received[$0] ?? [] } }
    }
}
