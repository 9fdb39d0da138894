import FakeSupport

/// The fake deployment's metric families, with one method per thing that happens.
public struct DeploymentMetrics: Sendable {
    /// Histogram bucket upper bounds in seconds, shared by both latency histograms.
    public static let latencyBuckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 2.5, 5, 10]

    /// The registry the families live in.
    public let registry: MetricsRegistry

    /// Creates the registry with every family declared and every provider's series at zero.
    public init() {
        registry = MetricsRegistry()
        let perProvider = CRMProvider.allCases.map(Self.labels)
        let perSource = WebhookSource.allCases.map { source -> MetricLabels in ["provider": source.rawValue] }
        let perOutcome = CRMProvider.allCases.flatMap { provider in
            ["success", "error"].map { outcome -> MetricLabels in ["provider": provider.rawValue, "outcome": outcome] }
        }
        registry.declareHistogram(
            "webhook_latency_seconds", help: "Time spent handling each incoming webhook request.",
            buckets: Self.latencyBuckets, series: perSource)
        registry.declareHistogram(
            "crm_sync_duration_seconds", help: "Duration of each attempt to push a sync job to a CRM.",
            buckets: Self.latencyBuckets, series: perProvider)
        registry.declareCounter("crm_sync_total", help: "Sync attempts by outcome.", series: perOutcome)
        registry.declareCounter("crm_sync_errors_total", help: "Sync attempts that failed.", series: perProvider)
        registry.declareCounter(
            "crm_sync_retries_total", help: "Sync jobs scheduled again after a failed attempt.", series: perProvider)
        registry.declareCounter(
            "rate_limit_hits_total", help: "Sync attempts a CRM answered with 429 Too Many Requests.",
            series: perProvider)
        registry.declareCounter("webhooks_received_total", help: "Webhook requests received.", series: perSource)
        registry.declareCounter(
            "webhook_signature_failures_total", help: "Webhook requests refused as forged or stale.", series: perSource)
        registry.declareCounter(
            "oauth_connections_total", help: "OAuth callbacks by outcome.",
            series: ["hubspot", "zoho"].flatMap { provider in
                ["success", "error"].map { outcome -> MetricLabels in ["provider": provider, "outcome": outcome] }
            })
        registry.declareCounter("import_rows_total", help: "Imported rows the CRM accepted.", series: perProvider)
        registry.declareGauge("dlq_size", help: "Sync jobs in the dead-letter queue.")
        registry.declareGauge("worker_queue_size", help: "Sync jobs waiting for the worker, retries included.")
        registry.declareGauge("worker_up", help: "Whether the sync worker is taking jobs (1) or not (0).")
        registry.declareCounter(
            "crm_connection_failures_total", help: "Sync attempts that could not connect to the CRM.",
            series: perProvider)
    }

    /// A webhook request arrived from `source`.
    func webhookReceived(_ source: WebhookSource) {
        registry.increment("webhooks_received_total", ["provider": source.rawValue])
    }

    /// A webhook request from `source` was handled in `duration`.
    func webhookHandled(_ source: WebhookSource, in duration: Duration) {
        registry.observe("webhook_latency_seconds", ["provider": source.rawValue], duration.seconds)
    }

    /// A webhook request from `source` was refused as forged or stale.
    func webhookRefused(_ source: WebhookSource) {
        registry.increment("webhook_signature_failures_total", ["provider": source.rawValue])
    }

    /// An OAuth callback for `provider` connected (or failed to).
    func oauthCallback(_ provider: CRMProvider, succeeded: Bool) {
        registry.increment("oauth_connections_total", ["provider": provider.rawValue, "outcome": succeeded ? "success" : "error"])
    }

    /// `rows` imported rows reached `provider`.
    func rowsImported(_ rows: Int, to provider: CRMProvider) {
        registry.increment("import_rows_total", Self.labels(provider), by: Double(rows))
    }

    /// A sync attempt to `provider` succeeded after `duration`.
    func syncSucceeded(_ provider: CRMProvider, in duration: Duration) {
        registry.observe("crm_sync_duration_seconds", Self.labels(provider), duration.seconds)
        registry.increment("crm_sync_total", ["provider": provider.rawValue, "outcome": "success"])
    }

    /// A sync attempt to `provider` failed after `duration` for the given reason.
    func syncFailed(_ provider: CRMProvider, in duration: Duration, code: CRMSinkError.Code?) {
        registry.observe("crm_sync_duration_seconds", Self.labels(provider), duration.seconds)
        registry.increment("crm_sync_total", ["provider": provider.rawValue, "outcome": "error"])
        registry.increment("crm_sync_errors_total", Self.labels(provider))
        if code == .rateLimited { registry.increment("rate_limit_hits_total", Self.labels(provider)) }
        if code == .connectionFailed { registry.increment("crm_connection_failures_total", Self.labels(provider)) }
    }

    /// A failed job for `provider` was scheduled for another attempt.
    func syncRetried(_ provider: CRMProvider) {
        registry.increment("crm_sync_retries_total", Self.labels(provider))
    }

    /// Sets the queue gauges from the current state.
    func updateGauges(queueSize: Int, dlqSize: Int, workerUp: Bool) {
        registry.set("worker_queue_size", to: Double(queueSize))
        registry.set("dlq_size", to: Double(dlqSize))
        registry.set("worker_up", to: workerUp ? 1 : 0)
    }

    static func labels(_ provider: CRMProvider) -> MetricLabels {
        ["provider": provider.rawValue]
    }
}

extension Duration {
    /// The duration in seconds as a floating-point number.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
