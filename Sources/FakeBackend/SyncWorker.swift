import FakeSupport
import Logging
import ServiceLifecycle

/// The background worker: one lane per CRM takes that CRM's due jobs in order and pushes them to the sink.
///
/// Failed pushes go back in the queue with exponential backoff (never sooner than a `Retry-After`),
/// or to the dead-letter queue once the attempts are used up. A `worker-stopped` fault makes every
/// lane take nothing while the fault lasts.
struct SyncWorker: Service, CustomStringConvertible {
    let state: FakeDeploymentState
    let sink: any CRMSink
    let pollInterval: Duration
    let logger: Logger

    /// Service lifecycle logs services by description; the state behind it stays out of logs.
    var description: String { "SyncWorker" }

    func run() async {
        logger.info("Sync worker started.")
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await watchFaults() }
            for provider in CRMProvider.allCases {
                group.addTask { await lane(provider) }
            }
        }
        state.setWorkerRunning(false)
        logger.info("Sync worker stopped.")
    }

    private var running: Bool { !Task.isCancelled && !Task.isShuttingDownGracefully }

    /// Keeps the worker's reported state in line with the `worker-stopped` fault.
    private func watchFaults() async {
        var wasStopped: Bool?
        while running {
            let stopped = state.faults.isWorkerStopped(at: state.elapsed)
            if stopped != wasStopped {
                if stopped { logger.warning("Sync worker stopped by fault.") }
                if stopped == false && wasStopped == true { logger.warning("Sync worker resumed after fault.") }
                state.setWorkerRunning(!stopped)
                wasStopped = stopped
            }
            try? await Task.sleep(for: pollInterval)
        }
    }

    private func lane(_ provider: CRMProvider) async {
        while running {
            if !state.faults.isWorkerStopped(at: state.elapsed), let job = state.takeNextJob(for: provider) {
                await process(job)
            } else {
                try? await Task.sleep(for: pollInterval)
            }
        }
    }

    private func process(_ job: SyncJob) async {
        let started = ContinuousClock.now
        do {
            try await sink.push(job)
            state.jobSucceeded(job, in: started.duration(to: .now))
        } catch {
            let failure = error as? CRMSinkError
            let backoff = state.jobFailed(job, in: started.duration(to: .now), error: failure)
            logger.debug(
                "Sync attempt failed.",
                metadata: [
                    "crm.provider": "\(job.provider)", "sync.job": "\(job.id)", "sync.attempt": "\(job.attempt)",
                    "sync.retry_in": "\(backoff.map { "\($0)" } ?? "dead-lettered")", "error": "\(error)",
                ])
        }
    }
}
