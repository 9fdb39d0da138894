import FakeSupport
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
    /// How this deployment strays from the contract.
    public let profile: DeploymentProfile
    /// Webhook secrets, the token key and the admin token.
    public let secrets: DeploymentSecrets
    /// The frontend origin CORS allows.
    public let frontendOrigin: String?
    /// CRM connections: OAuth and sealed tokens.
    let connections: CRMConnections
    /// CSV imports.
    let imports = ImportLedger()
    /// Voice-agent calls and their CRM activities.
    let calls = CallLedger()

    private let queue = Mutex(SyncQueue())
    private let counters = Mutex(Counters())

    private struct Counters: Sendable {
        var webhooks: [WebhookSource: Int] = [:]
        var refusedConnections = 0
    }

    /// Creates the state of a deployment starting now.
    public init(configuration: FakeDeploymentConfiguration) {
        self.sink = InMemoryCRMSink(latency: configuration.sinkLatency)
        self.metrics = DeploymentMetrics()
        self.faults = configuration.faults
        self.retryPolicy = configuration.retryPolicy
        self.profile = configuration.profile
        self.secrets = configuration.secrets
        self.frontendOrigin = configuration.frontendOrigin
        self.connections = CRMConnections(
            links: configuration.providers ?? ProviderLinks(), encryptionKey: configuration.secrets.encryptionKey)
        self.startedAt = .now
        refreshGauges()
    }

    /// Time since the deployment started.
    public var elapsed: Duration { startedAt.duration(to: .now) }

    /// A snapshot of the sync pipeline, with one accepted event's state when `eventID` names one.
    public func syncStatus(workspaceID: String? = nil, eventID: String? = nil) -> SyncStatus {
        queue.withLock { queue in
            SyncStatus(
                workspaceID: workspaceID,
                providers: Dictionary(uniqueKeysWithValues: queue.stats.map { ($0.key.rawValue, $0.value) }),
                queueSize: queue.size,
                dlqSize: queue.deadLetters.count,
                workerRunning: queue.workerRunning,
                event: eventID.flatMap { queue.event($0) }
            )
        }
    }

    /// An accepted webhook event and where its effect stands.
    public func event(_ id: String) -> WebhookEvent? {
        queue.withLock { $0.event(id) }
    }

    /// Whether `provider` is connected: an OAuth grant is held (Odoo: configured).
    public func isConnected(_ provider: CRMProvider) -> Bool { connections.isConnected(provider) }

    /// The sealed bytes of `provider`'s tokens as they rest in memory, for checking they are not plain text.
    package func sealedTokens(of provider: CRMProvider) -> [UInt8]? {
        connections.vault.entry(for: provider).map { Array($0.sealed) }
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

    /// Counts and gauges as JSON, for deployments whose profile serves metrics that way.
    func renderMetricsJSON() -> JSONValue {
        refreshGauges()
        return metrics.registry.renderJSON()
    }

    /// Accepts an event with one job per work item, unless it was accepted before.
    func enqueue(eventID: String?, source: WebhookSource?, payload: String, work: [(CRMProvider, SyncWork)])
        -> SyncQueue.Enqueued
    {
        let result = queue.withLock { $0.enqueue(eventID: eventID, source: source, payload: payload, work: work) }
        refreshGauges()
        return result
    }

    /// Queues an accepted event's work again; false when the event is unknown.
    func replay(eventID: String) -> Bool {
        let replayed = queue.withLock { $0.replay(eventID: eventID) }
        refreshGauges()
        return replayed
    }

    /// Queues every dead-lettered event again, optionally for one provider; returns how many.
    func replayDeadLetters(provider: CRMProvider?) -> Int {
        let count = queue.withLock { queue in
            queue.deadLetteredEvents(provider: provider).filter { queue.replay(eventID: $0) }.count
        }
        refreshGauges()
        return count
    }

    func setPaused(_ paused: Bool, for provider: CRMProvider) {
        queue.withLock { $0.setPaused(paused, for: provider) }
    }

    func setWorkerRunning(_ running: Bool) {
        queue.withLock { $0.setWorkerRunning(running) }
        refreshGauges()
    }

    func takeNextJob(for provider: CRMProvider? = nil) -> SyncJob? {
        let job = queue.withLock { $0.takeNext(now: .now, provider: provider) }
        if let job, case .importRows(let importID, _) = job.work { imports.started(importID) }
        return job
    }

    func jobSucceeded(_ job: SyncJob, in duration: Duration) {
        queue.withLock { $0.succeeded(job) }
        if case .importRows(let importID, let rows) = job.work {
            imports.finished(job: job.id, of: importID, landed: true, error: nil)
            metrics.rowsImported(rows.count, to: job.provider)
        }
        metrics.syncSucceeded(job.provider, in: duration)
        refreshGauges()
    }

    /// Records a failed attempt; returns the wait before the retry (at least what the CRM asked
    /// for with `Retry-After`), or nil when the job was dead-lettered. Rate-limited attempts are
    /// retried without counting towards the dead-letter limit.
    @discardableResult
    func jobFailed(_ job: SyncJob, in duration: Duration, error: CRMSinkError?) -> Duration? {
        // A 429 is the CRM pacing us, not the job failing: it waits as asked and keeps its attempts.
        let rateLimited = error?.code == .rateLimited
        let backoff =
            rateLimited
            ? max(error?.retryAfter ?? retryPolicy.base, retryPolicy.base)
            : retryPolicy.backoff(afterAttempt: job.attempt).map { max($0, error?.retryAfter ?? .zero) }
        queue.withLock { $0.failed(job, retryAt: backoff.map { ContinuousClock.now + $0 }, keepsAttempt: rateLimited) }
        if backoff == nil, case .importRows(let importID, _) = job.work {
            imports.finished(job: job.id, of: importID, landed: false, error: error?.message ?? "the CRM refused the batch")
        }
        metrics.syncFailed(job.provider, in: duration, code: error?.code)
        if backoff != nil { metrics.syncRetried(job.provider) }
        refreshGauges()
        return backoff
    }

    /// Counts a webhook from `source` and returns its 1-based sequence number.
    func webhookReceived(_ source: WebhookSource) -> Int {
        metrics.webhookReceived(source)
        return counters.withLock { counters in
            counters.webhooks[source, default: 0] += 1
            return counters.webhooks[source, default: 0]
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
