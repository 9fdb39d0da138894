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
            guard job.attempt <= failingAttempts, affects(jobKey: job.idempotencyKey, rate: rate, faultIndex: index)
            else { continue }
            return CRMSinkError(
                code: code,
                message: "Injected \(code) failure for job \(job.id) on attempt \(job.attempt) to \(job.provider)."
            )
        }
        return nil
    }

    /// Whether the sync-errors fault at `faultIndex` picks the job with this key, given its `rate`.
    public func affects(jobKey: String, rate: Double, faultIndex: Int) -> Bool {
        var generator = SplitMix64(mixing: seed, UInt64(faultIndex), SplitMix64.hash(jobKey))
        return generator.nextUnit() < rate
    }

    /// The extra time the `sequence`-th webhook for `provider` takes `elapsed` after the fake started.
    public func webhookDelay(for provider: CRMProvider, sequence: Int, at elapsed: Duration) -> Duration {
        var total = Duration.zero
        for (index, fault) in faults.enumerated() where fault.isActive(at: elapsed) && fault.applies(to: provider) {
            guard case .webhookLatency(let delay, let jitter) = fault.kind else { continue }
            var extra = delay
            if jitter > .zero {
                var generator = SplitMix64(
                    mixing: seed, UInt64(index), SplitMix64.hash(provider.rawValue), UInt64(sequence))
                extra += jitter * (generator.nextUnit() * 2 - 1)
            }
            total += max(extra, .zero)
        }
        return total
    }
}
