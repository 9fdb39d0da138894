import Probes

/// One finished probe attempt as the harness records it.
public struct ProbeResult: Sendable {
    public var probe: String
    public var provider: String?
    /// The phase in whose time the attempt was due.
    public var phase: String
    /// When it was due, seconds since the run began.
    public var intendedAt: Double
    /// When it actually started, seconds since the run began.
    public var startedAt: Double
    /// Seconds from when it was due to when it finished (so a stalled target cannot hide).
    public var latency: Double
    public var passed: Bool
    public var errorClass: String?
    public var detail: String
    /// Set when the attempt proved the release broken.
    public var finding: String?
    /// Metric samples it collected (not stored with the result; see `RunStore`).
    public var samples: [MetricSample]
    /// The location of the runner that made the attempt, in a run recorded from several; nil otherwise.
    public var location: String?

    public init(
        probe: String, provider: String?, phase: String, intendedAt: Double, startedAt: Double, latency: Double,
        passed: Bool, errorClass: String?, detail: String, finding: String? = nil, samples: [MetricSample] = [],
        location: String? = nil
    ) {
        self.probe = probe
        self.provider = provider
        self.phase = phase
        self.intendedAt = intendedAt
        self.startedAt = startedAt
        self.latency = latency
        self.passed = passed
        self.errorClass = errorClass
        self.detail = detail
        self.finding = finding
        self.samples = samples
        self.location = location
    }

    /// When it finished, seconds since the run began.
    public var finishedAt: Double { intendedAt + latency }

    /// Whether the harness lacked what it needed to judge the attempt (neither pass nor failure).
    public var unverified: Bool { errorClass == ErrorClass.unverified.rawValue }

    /// The attempt as the rules see it.
    public var attempt: Observations.Attempt {
        Observations.Attempt(
            probe: probe, provider: provider, phase: phase, finishedAt: finishedAt, latency: latency,
            outcome: passed ? .pass : (unverified ? .unverified : .fail), errorClass: errorClass, detail: detail,
            location: location)
    }
}
