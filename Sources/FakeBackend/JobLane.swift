/// One CRM's waiting jobs: new ones in arrival order, and retries ordered by when they fall due.
///
/// Taking a job costs the same with ten jobs waiting or a hundred thousand, so a backlog built up
/// by a paused provider, a stopped worker or a 429 storm does not slow intake or draining.
struct JobLane: Sendable {
    /// Jobs never attempted, oldest at `head`.
    private var fresh: [SyncJob] = []
    private var head = 0
    /// Jobs waiting for a retry, the one due first last.
    private var retries: [SyncJob] = []

    /// Jobs waiting, retries included.
    var count: Int { fresh.count - head + retries.count }

    /// Queues a job: a retry when it carries a `notBefore`, else behind the other new jobs.
    mutating func append(_ job: SyncJob) {
        guard let due = job.notBefore else {
            fresh.append(job)
            return
        }
        // Binary search for the first retry due no later than `due`: later ones stay in front of it,
        // so among equal instants the first queued is taken first.
        var low = 0
        var high = retries.count
        while low < high {
            let middle = (low + high) / 2
            if retries[middle].notBefore! > due { low = middle + 1 } else { high = middle }
        }
        retries.insert(job, at: low)
    }

    /// Takes the retry that fell due first, else the oldest new job; nil when nothing is due.
    mutating func takeNext(now: ContinuousClock.Instant) -> SyncJob? {
        if let due = retries.last?.notBefore, due <= now { return retries.removeLast() }
        guard head < fresh.count else { return nil }
        let job = fresh[head]
        head += 1
        if head >= 1024, head * 2 >= fresh.count {
            fresh.removeFirst(head)
            head = 0
        }
        return job
    }

    /// Drops every waiting job that matches.
    mutating func removeAll(where shouldRemove: (SyncJob) -> Bool) {
        fresh.removeFirst(head)
        head = 0
        fresh.removeAll(where: shouldRemove)
        retries.removeAll(where: shouldRemove)
    }
}
