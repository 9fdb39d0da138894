import Logging

/// Commits a run's finished attempts to the store in batches: at most every ``flushInterval`` real seconds, or
/// sooner when ``batchLimit`` results wait. A batch that cannot be written stays and is tried again, so a passing
/// hiccup loses nothing; what still cannot be saved when the run ends is an error naming how much was lost.
struct ResultWriter: Sendable {
    let runID: String
    let store: any RunStore
    let logger: Logger
    /// Real seconds between commits.
    let flushInterval = 0.5
    let batchLimit = 2000
    private var pending: [ProbeResult] = []
    private var pendingReadings: [PrometheusReading] = []
    private var received = 0
    private var lastFlush = 0.0
    private var lastError: String?

    init(runID: String, store: any RunStore, logger: Logger) {
        self.runID = runID
        self.store = store
        self.logger = logger
    }

    /// Takes one finished attempt; commits when a batch is full.
    mutating func add(_ result: ProbeResult) async {
        received += 1
        pending.append(result)
        if pending.count >= batchLimit { await flush(at: result.finishedAt) }
    }

    /// Takes what Prometheus answered; it is committed with the next batch.
    mutating func add(_ readings: [PrometheusReading]) {
        pendingReadings += readings
    }

    /// Commits what waits when the interval has passed; `now` is real seconds since the run began.
    mutating func tick(at now: Double) async {
        if now - lastFlush >= flushInterval { await flush(at: now) }
    }

    /// Commits what is left, trying a few times.
    /// - Throws: ``CanaryError/resultsLost(_:of:database:_:)`` when results still cannot be saved.
    mutating func finish() async throws {
        for attempt in 0..<4 {
            await flush(at: .infinity)
            if pending.isEmpty, pendingReadings.isEmpty { return }
            try? await Task.sleep(for: .milliseconds(250 << attempt))
        }
        throw CanaryError.resultsLost(pending.count + pendingReadings.count, of: received + pendingReadings.count, database: store.location, lastError ?? "unknown error")
    }

    private mutating func flush(at now: Double) async {
        lastFlush = now
        guard !pending.isEmpty || !pendingReadings.isEmpty else { return }
        do {
            try await store.append(pending, to: runID)
            pending.removeAll(keepingCapacity: true)
            try await store.append(pendingReadings, to: runID)
            pendingReadings.removeAll(keepingCapacity: true)
            if lastError != nil { logger.notice("results are being saved again", metadata: ["canary.run": "\(runID)"]) }
            lastError = nil
        } catch {
            if lastError == nil {
                logger.error(
                    "cannot save results; keeping them to try again",
                    metadata: ["canary.run": "\(runID)", "canary.store.error": "\(error)"])
            }
            lastError = "\(error)"
        }
    }
}
