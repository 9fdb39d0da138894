/// The worker's queue, dead-letter queue and counts, as a plain value; callers hold it under a lock.
struct SyncQueue: Sendable {
    /// Outcome of offering a webhook to the queue.
    struct Enqueued: Sendable, Hashable {
        var jobID: String
        var duplicate: Bool
    }

    private(set) var pending: [SyncJob] = []
    private(set) var inFlight: SyncJob?
    private(set) var deadLetters: [SyncJob] = []
    private(set) var stats: [CRMProvider: ProviderSyncStats] = [:]
    private(set) var workerRunning = false
    private var jobIDsByKey: [String: String] = [:]
    private var jobCount = 0

    init() {
        for provider in CRMProvider.allCases { stats[provider] = ProviderSyncStats() }
    }

    /// Jobs waiting, including those waiting for a retry and the one being pushed.
    var size: Int { pending.count + (inFlight == nil ? 0 : 1) }

    /// Adds a job unless one with the same provider and event id was already accepted.
    mutating func enqueue(provider: CRMProvider, eventID: String?, payload: String) -> Enqueued {
        if let eventID, let existing = jobIDsByKey[Self.key(provider, eventID)] {
            return Enqueued(jobID: existing, duplicate: true)
        }
        jobCount += 1
        let id = "job-" + String(jobCount).leftPadded(to: 6)
        let key = eventID ?? id
        jobIDsByKey[Self.key(provider, key)] = id
        pending.append(SyncJob(id: id, provider: provider, idempotencyKey: key, payload: payload))
        return Enqueued(jobID: id, duplicate: false)
    }

    /// Takes the oldest job that is due and whose provider is not paused, counting the attempt.
    mutating func takeNext(now: ContinuousClock.Instant) -> SyncJob? {
        guard inFlight == nil else { return nil }
        guard
            let index = pending.firstIndex(where: { job in
                stats[job.provider]?.paused != true && (job.notBefore.map { $0 <= now } ?? true)
            })
        else { return nil }
        var job = pending.remove(at: index)
        job.attempt += 1
        job.notBefore = nil
        inFlight = job
        return job
    }

    /// Marks the in-flight job delivered.
    mutating func succeeded(_ job: SyncJob) {
        inFlight = nil
        stats[job.provider, default: .init()].synced += 1
    }

    /// Marks the in-flight job failed: queued again at `retryAt`, or dead-lettered when that is nil.
    mutating func failed(_ job: SyncJob, retryAt: ContinuousClock.Instant?) {
        inFlight = nil
        stats[job.provider, default: .init()].errors += 1
        if let retryAt {
            var retry = job
            retry.notBefore = retryAt
            pending.append(retry)
            stats[job.provider, default: .init()].retries += 1
        } else {
            deadLetters.append(job)
            stats[job.provider, default: .init()].deadLettered += 1
        }
    }

    /// Pauses or resumes sync for one provider; its jobs stay queued while paused.
    mutating func setPaused(_ paused: Bool, for provider: CRMProvider) {
        stats[provider, default: .init()].paused = paused
    }

    /// Records whether the worker is taking jobs.
    mutating func setWorkerRunning(_ running: Bool) {
        workerRunning = running
    }

    private static func key(_ provider: CRMProvider, _ eventID: String) -> String {
        "\(provider.rawValue)/\(eventID)"
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
