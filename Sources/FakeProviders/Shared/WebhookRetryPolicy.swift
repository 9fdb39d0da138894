/// How an outgoing webhook is retried when the receiver fails or times out.
public struct WebhookRetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included.
    public var maxAttempts: Int
    /// Wait before the first retry.
    public var initialDelay: Duration
    /// Growth of the wait per retry.
    public var factor: Double
    /// Longest wait between two attempts.
    public var maxDelay: Duration

    /// Creates a policy; the defaults make 10 attempts, 1 s apart at first and doubling up to a minute.
    public init(
        maxAttempts: Int = 10, initialDelay: Duration = .seconds(1), factor: Double = 2, maxDelay: Duration = .seconds(60)
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialDelay = initialDelay
        self.factor = factor
        self.maxDelay = maxDelay
    }

    /// The wait after the attempt numbered `attempt` (0 for the first) fails.
    public func delay(after attempt: Int) -> Duration {
        let grown = initialDelay * pow(factor, Double(attempt))
        return min(grown, maxDelay)
    }

    private func pow(_ base: Double, _ exponent: Double) -> Double {
        var result = 1.0
        for _ in 0..<Int(exponent) { result *= base }
        return result
    }
}
