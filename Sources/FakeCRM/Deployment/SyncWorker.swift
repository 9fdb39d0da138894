import Logging
import ServiceLifecycle

/// The background worker: takes due jobs from the queue and pushes them to the CRM sink, one at a time.
///
/// Failed pushes go back in the queue with exponential backoff, or to the dead-letter queue once
/// the attempts are used up. A `worker-stopped` fault makes it take nothing while the fault lasts.
struct SyncWorker: Service {
    let state: FakeDeploymentState
    let sink: any CRMSink
    let pollInterval: Duration
    let logger: Logger

    func run() async {
        logger.info("Sync worker started.")
        var wasStopped: Bool?
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let stopped = state.faults.isWorkerStopped(at: state.elapsed)
            if stopped != wasStopped {
                if stopped { logger.warning("Sync worker stopped by fault.") }
                if stopped == false && wasStopped == true { logger.warning("Sync worker resumed after fault.") }
                state.setWorkerRunning(!stopped)
                wasStopped = stopped
            }
            if !stopped, let job = state.takeNextJob() {
                await process(job)
            } else {
                try? await Task.sleep(for: pollInterval)
            }
        }
        state.setWorkerRunning(false)
        logger.info("Sync worker stopped.")
    }

    private func process(_ job: SyncJob) async {
        let started = ContinuousClock.now
        do {
            try await sink.push(job)
            state.jobSucceeded(job, in: started.duration(to: .now))
        } catch {
            let code = (error as? CRMSinkError)?.code
            let backoff = state.jobFailed(job, in: started.duration(to: .now), code: code)
            logger.debug(
                "Sync attempt failed.",
                metadata: [
                    "crm.provider": "\(job.provider)", "sync.job": "\(job.id)", "sync.attempt": "\(job.attempt)",
                    "sync.retry_in": "\(backoff.map { "\($0)" } ?? "dead-lettered")", "error": "\(error)",
                ])
        }
    }
}
