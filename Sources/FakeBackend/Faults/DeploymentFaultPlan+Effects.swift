import FakeSupport

extension DeploymentFaultPlan {
    /// Whether the worker is stopped `elapsed` after the fake started.
    public func isWorkerStopped(at elapsed: Duration) -> Bool {
        faults.contains { $0.kind == .workerStopped && $0.isActive(at: elapsed) }
    }

    /// Whether new connections are refused `elapsed` after the fake started.
    public func isRefusingConnections(at elapsed: Duration) -> Bool {
        faults.contains { $0.kind == .refuseConnections && $0.isActive(at: elapsed) }
    }

    /// The failure the current attempt of `job` meets, or nil when it goes through.
    public func syncFailure(for job: SyncJob, at elapsed: Duration) -> CRMSinkError? {
        for (index, fault) in faults.enumerated() where fault.isActive(at: elapsed) && fault.applies(to: job.provider) {
            guard case .syncErrors(let rate, let failingAttempts, let code) = fault.kind else { continue }
            guard job.tries <= failingAttempts, affects(jobKey: job.idempotencyKey, rate: rate, faultIndex: index)
            else { continue }
            return CRMSinkError(
                code: code,
                message: "Injected \(code) failure for job \(job.id) on try \(job.tries) to \(job.provider)."
            )
        }
        return nil
    }

    /// Whether the sync-errors fault at `faultIndex` picks the job with this key, given its `rate`.
    public func affects(jobKey: String, rate: Double, faultIndex: Int) -> Bool {
        var generator = SplitMix64(mixing: seed, UInt64(faultIndex), SplitMix64.hash(jobKey))
        return generator.nextUnit() < rate
    }

    /// The extra time the `sequence`-th webhook from `source` takes `elapsed` after the fake started.
    public func webhookDelay(for source: WebhookSource, sequence: Int, at elapsed: Duration) -> Duration {
        var total = Duration.zero
        for (index, fault) in faults.enumerated()
        where fault.isActive(at: elapsed) && (fault.provider == nil || fault.provider?.rawValue == source.rawValue) {
            guard case .webhookLatency(let delay, let jitter) = fault.kind else { continue }
            var extra = delay
            if jitter > .zero {
                var generator = SplitMix64(
                    mixing: seed, UInt64(index), SplitMix64.hash(source.rawValue), UInt64(sequence))
                extra += jitter * (generator.nextUnit() * 2 - 1)
            }
            total += max(extra, .zero)
        }
        return total
    }

    /// Whether webhook signatures go unchecked `elapsed` after the fake started.
    public func acceptsForgedWebhooks(at elapsed: Duration) -> Bool {
        faults.contains { $0.kind == .acceptForgedWebhooks && $0.isActive(at: elapsed) }
    }

    /// The rows of an import to `provider` that actually get sent; the others are silently lost.
    public func rowsKept(_ rows: [ImportRow], for provider: CRMProvider, at elapsed: Duration) -> [ImportRow] {
        var kept = rows
        for (index, fault) in faults.enumerated() where fault.isActive(at: elapsed) && fault.applies(to: provider) {
            guard case .importDropsRows(let rate) = fault.kind else { continue }
            kept = kept.filter { !affects(jobKey: $0.email, rate: rate, faultIndex: index) }
            if kept.count == rows.count, let first = rows.first {
                kept.removeAll { $0 == first }
            }
        }
        return kept
    }
}
