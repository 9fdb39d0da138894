import FakeSupport

/// The worker's queue, dead-letter queue, accepted events and counts, as a plain value; callers hold it under a lock.
struct SyncQueue: Sendable {
    /// Outcome of offering an event to the queue.
    struct Enqueued: Sendable, Hashable {
        var eventID: String
        var jobIDs: [String]
        var duplicate: Bool
    }

    private var lanes: [CRMProvider: JobLane] = [:]
    private(set) var inFlight: [String: SyncJob] = [:]
    private(set) var deadLetters: [SyncJob] = []
    private(set) var stats: [CRMProvider: ProviderSyncStats] = [:]
    private(set) var workerRunning = false
    private var events: [String: WebhookEvent] = [:]
    private var eventJobs: [String: [SyncJob]] = [:]
    private var jobStates: [String: WebhookEvent.State] = [:]
    private var jobCount = 0

    init() {
        for provider in CRMProvider.allCases { stats[provider] = ProviderSyncStats() }
    }

    /// Jobs waiting, including those waiting for a retry and those being pushed.
    var size: Int { lanes.values.reduce(inFlight.count) { $0 + $1.count } }

    /// An accepted event with its state read from its jobs.
    func event(_ id: String) -> WebhookEvent? {
        guard var event = events[id] else { return nil }
        let states = (eventJobs[id] ?? []).map { jobStates[$0.id] ?? .queued }
        event.state =
            states.contains(.deadLettered) ? .deadLettered : states.allSatisfy { $0 == .synced } ? .synced : .queued
        return event
    }

    /// Accepts an event and queues one job per work item, unless the event was accepted before.
    /// Without a `source` the jobs are queued under `eventID` with no event kept (imports).
    mutating func enqueue(
        eventID: String?, source: WebhookSource?, payload: String, work: [(CRMProvider, SyncWork)]
    ) -> Enqueued {
        if let eventID, let existing = events[eventID] {
            return Enqueued(eventID: existing.id, jobIDs: eventJobs[eventID]?.map(\.id) ?? [], duplicate: true)
        }
        let ids = work.map { _ in nextJobID() }
        let id = eventID ?? "\(source?.rawValue ?? "job"):\(ids.first ?? nextJobID())"
        let jobs = zip(ids, work).map { jobID, item in
            SyncJob(id: jobID, provider: item.0, idempotencyKey: id, payload: payload, work: item.1)
        }
        if let source {
            events[id] = WebhookEvent(
                id: id, source: source, providers: jobs.map(\.provider), state: .queued, attempts: 0, replays: 0)
            eventJobs[id] = jobs
        }
        for job in jobs {
            jobStates[job.id] = .queued
            stats[job.provider, default: .init()].queued += 1
            lanes[job.provider, default: JobLane()].append(job)
        }
        return Enqueued(eventID: id, jobIDs: jobs.map(\.id), duplicate: false)
    }

    /// Queues an accepted event's work again with fresh attempts; false when the event is unknown.
    mutating func replay(eventID: String) -> Bool {
        guard var event = events[eventID], let jobs = eventJobs[eventID] else { return false }
        deadLetters.removeAll { $0.idempotencyKey == eventID }
        for provider in Set(jobs.map(\.provider)) {
            lanes[provider]?.removeAll { $0.idempotencyKey == eventID }
        }
        let fresh = jobs.map {
            SyncJob(id: nextJobID(), provider: $0.provider, idempotencyKey: eventID, payload: $0.payload, work: $0.work)
        }
        for job in fresh {
            jobStates[job.id] = .queued
            stats[job.provider, default: .init()].queued += 1
            lanes[job.provider, default: JobLane()].append(job)
        }
        event.replays += 1
        events[eventID] = event
        eventJobs[eventID] = fresh
        return true
    }

    /// The events whose jobs are in the dead-letter queue, optionally for one provider.
    func deadLetteredEvents(provider: CRMProvider?) -> [String] {
        var seen = Set<String>()
        return deadLetters.filter { provider == nil || $0.provider == provider }.compactMap {
            seen.insert($0.idempotencyKey).inserted ? $0.idempotencyKey : nil
        }
    }

    /// Takes the next due job (for `provider` when given, else from the first provider with one) whose
    /// provider is not paused, counting the attempt. A retry that has fallen due goes before new jobs.
    mutating func takeNext(now: ContinuousClock.Instant, provider: CRMProvider? = nil) -> SyncJob? {
        var taken: SyncJob?
        for candidate in provider.map({ [$0] }) ?? CRMProvider.allCases where stats[candidate]?.paused != true {
            taken = lanes[candidate]?.takeNext(now: now)
            if taken != nil { break }
        }
        guard var job = taken else { return nil }
        job.attempt += 1
        job.notBefore = nil
        inFlight[job.id] = job
        events[job.idempotencyKey]?.attempts += 1
        return job
    }

    /// Marks an in-flight job delivered.
    mutating func succeeded(_ job: SyncJob) {
        inFlight[job.id] = nil
        jobStates[job.id] = .synced
        stats[job.provider, default: .init()].synced += 1
        stats[job.provider, default: .init()].queued -= 1
    }

    /// Marks an in-flight job failed: queued again at `retryAt`, or dead-lettered when that is nil.
    /// With `keepsAttempt` the failed attempt does not count towards the job's attempts.
    mutating func failed(_ job: SyncJob, retryAt: ContinuousClock.Instant?, keepsAttempt: Bool = false) {
        inFlight[job.id] = nil
        stats[job.provider, default: .init()].errors += 1
        if let retryAt {
            var retry = job
            retry.notBefore = retryAt
            if keepsAttempt {
                retry.attempt -= 1
                retry.rateLimitedAttempts += 1
            }
            lanes[job.provider, default: JobLane()].append(retry)
            stats[job.provider, default: .init()].retries += 1
        } else {
            deadLetters.append(job)
            jobStates[job.id] = .deadLettered
            stats[job.provider, default: .init()].deadLettered += 1
            stats[job.provider, default: .init()].queued -= 1
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

    private mutating func nextJobID() -> String {
        jobCount += 1
        let digits = String(jobCount)
        return "job-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}
