/// A CRM sink that fails the pushes a fault plan picks, and hands the others to the real sink.
struct FaultInjectingSink: CRMSink {
    let base: any CRMSink
    let faults: DeploymentFaultPlan
    let startedAt: ContinuousClock.Instant

    func push(_ job: SyncJob) async throws {
        if let failure = faults.syncFailure(for: job, at: startedAt.duration(to: .now)) {
            throw failure
        }
        try await base.push(job)
    }
}
