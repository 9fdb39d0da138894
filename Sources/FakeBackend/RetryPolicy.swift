/// How failed pushes are retried: exponential backoff up to a number of attempts, then dead-letter.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts per job, the first included.
    public var maxAttempts: Int
    /// Wait before the second attempt.
    public var base: Duration
    /// Growth of the wait per further attempt.
    public var factor: Double

    /// Creates a retry policy.
    public init(maxAttempts: Int = 5, base: Duration = .milliseconds(50), factor: Double = 2) {
        self.maxAttempts = maxAttempts
        self.base = base
        self.factor = factor
    }

    /// The wait after attempt number `attempt` failed, or nil when the job should be dead-lettered.
    public func backoff(afterAttempt attempt: Int) -> Duration? {
        guard attempt < maxAttempts else { return nil }
        var multiplier = 1.0
        for _ in 1..<max(attempt, 1) { multiplier *= factor }
        return base * multiplier
    }
}
