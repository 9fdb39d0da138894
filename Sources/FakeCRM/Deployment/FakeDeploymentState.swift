import Logging
import Synchronization

/// One fake deployment's live state: queue, dead letters, metrics, the in-memory CRM and its faults.
///
/// Safe to use from request handlers, the worker and channel handlers at once; tests use it to
/// look inside a running deployment.
public final class FakeDeploymentState: Sendable {
    /// What each CRM received.
    public let sink: InMemoryCRMSink
    /// The deployment's metrics.
    public let metrics: DeploymentMetrics
    /// The faults in force, with windows in real time.
    public let faults: DeploymentFaultPlan
    /// When the deployment started; fault windows count from here.
    public let startedAt: ContinuousClock.Instant
    /// How failed pushes are retried.
    public let retryPolicy: RetryPolicy

    private let queue = Mutex(SyncQueue())
    private let counters = Mutex(Counters())

    private struct Counters: Sendable {
        var webhooks: [CRMProvider: Int] = [:]
        var refusedConnections = 0
    }

    /// Creates the state of a deployment starting now.
    public init(configuration: FakeDeploymentConfiguration) {
        self.sink = InMemoryCRMSink(latency: configuration.sinkLatency)
        self.metrics = DeploymentMetrics()
        self.faults = configuration.faults
        self.retryPolicy = configuration.retryPolicy
        self.startedAt = .now
        refreshGauges()
    }

    /// Time since the deployment started.
    public var elapsed: Duration { startedAt.duration(to: .now) }

    /// A snapshot of the sync pipeline.
    public func syncStatus(workspaceID: String? = nil) -> SyncStatus {
        queue.withLock { queue in
            SyncStatus(
                workspaceID: workspaceID,
                providers: Dictionary(uniqueKeysWithValues: queue.stats.map { ($0.key.rawValue, $0.value) }),
                queueSize: queue.size,
                dlqSize: queue.deadLetters.count,
                workerRunning: queue.workerRunning
            )
        }
    }

    /// Jobs given up on, oldest first.
    public var deadLetters: [SyncJob] { queue.withLock { $0.deadLetters } }

    /// Connections reset by the refuse-connections fault so far, new and kept-alive ones alike.
    public var refusedConnections: Int { counters.withLock { $0.refusedConnections } }

    /// Whether sync to `provider` is paused.
    public func isPaused(_ provider: CRMProvider) -> Bool {
        queue.withLock { $0.stats[provider]?.paused ?? false }
    }

    /// The metrics in Prometheus text format, gauges read from the current state.
    public func renderMetrics() -> String {
        refreshGauges()
        return metrics.registry.render()
    }

    func enqueue(provider: CRMProvider, eventID: String?, payload: String) -> SyncQueue.Enqueued {
        let result = queue.withLock { $0.enqueue(provider: provider, eventID: eventID, payload: payload) }
        refreshGauges()
        return result
    }

    func setPaused(_ paused: Bool, for provider: CRMProvider) {
        queue.withLock { $0.setPaused(paused, for: provider) }
    }

    func setWorkerRunning(_ running: Bool) {
        queue.withLock { $0.setWorkerRunning(running) }
        refreshGauges()
    }

    func takeNextJob() -> SyncJob? {
        queue.withLock { $0.takeNext(now: .now) }
    }

    func jobSucceeded(_ job: SyncJob, in duration: Duration) {
        queue.withLock { $0.succeeded(job) }
        metrics.syncSucceeded(job.provider, in: duration)
        refreshGauges()
    }

    /// Records a failed attempt; returns the wait before the retry, or nil when the job was dead-lettered.
    @discardableResult
    func jobFailed(_ job: SyncJob, in duration: Duration, code: CRMSinkError.Code?) -> Duration? {
        let backoff = retryPolicy.backoff(afterAttempt: job.attempt)
        queue.withLock { $0.failed(job, retryAt: backoff.map { ContinuousClock.now + $0 }) }
        metrics.syncFailed(job.provider, in: duration, code: code)
        if backoff != nil { metrics.syncRetried(job.provider) }
        refreshGauges()
        return backoff
    }

    /// Counts a webhook for `provider` and returns its 1-based sequence number.
    func webhookReceived(_ provider: CRMProvider) -> Int {
        metrics.webhookReceived(provider)
        return counters.withLock { counters in
            counters.webhooks[provider, default: 0] += 1
            return counters.webhooks[provider, default: 0]
        }
    }

    /// Decides whether a connection must be reset now, counting it if so.
    func shouldRefuseConnection() -> Bool {
        guard faults.isRefusingConnections(at: elapsed) else { return false }
        counters.withLock { $0.refusedConnections += 1 }
        return true
    }

    private func refreshGauges() {
        queue.withLock { queue in
            metrics.updateGauges(queueSize: queue.size, dlqSize: queue.deadLetters.count, workerUp: queue.workerRunning)
        }
    }
}
