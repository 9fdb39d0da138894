/// A snapshot of a run in progress, for live progress views; sent about four times a second.
public struct RunStatus: Sendable, Equatable {
    /// Real seconds since the run began.
    public var elapsed: Double
    /// The run's speed factor.
    public var speed: Double
    /// Length of the plan, plan seconds.
    public var planSeconds: Double
    /// The phase whose time it is.
    public var phase: String
    public var passed: Int
    public var failed: Int
    /// Attempts the harness could not judge (a secret or CRM read access missing).
    public var unverified: Int
    /// p95 latency of every attempt so far, seconds; nil before the first.
    public var p95: Double?
    /// Alerts firing now, as `level: rule`.
    public var firing: [String]

    public init(
        elapsed: Double, speed: Double, planSeconds: Double, phase: String, passed: Int, failed: Int, unverified: Int = 0, p95: Double?,
        firing: [String]
    ) {
        self.elapsed = elapsed
        self.speed = speed
        self.planSeconds = planSeconds
        self.phase = phase
        self.passed = passed
        self.failed = failed
        self.unverified = unverified
        self.p95 = p95
        self.firing = firing
    }

    /// Plan seconds elapsed.
    public var planElapsed: Double { elapsed * speed }
    /// Real seconds left until the plan ends.
    public var remaining: Double { Swift.max(planSeconds - planElapsed, 0) / speed }
}
