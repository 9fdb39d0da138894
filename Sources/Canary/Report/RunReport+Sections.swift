extension RunReport {
    /// Latency of one probe id over the run, in buckets of plan time.
    public struct LatencySeries: Sendable, Codable, Equatable {
        public var probe: String
        /// Width of each bucket, plan seconds.
        public var bucketSeconds: Double
        /// Plan seconds the buckets cover: the plan, or as far as the run got when it stopped early.
        public var spanSeconds: Double
        /// Non-empty buckets in time order.
        public var points: [LatencyPoint]
        /// Lines worth drawing: the attempt timeout and any `probe_quantile` rule on this probe.
        public var thresholds: [LatencyThreshold]
    }

    /// Attempts due within one bucket; latencies in seconds.
    public struct LatencyPoint: Sendable, Codable, Equatable {
        /// Start of the bucket, plan seconds since the run began.
        public var atSeconds: Double
        public var count: Int
        public var failed: Int
        public var p50: Double
        public var p95: Double
        public var max: Double
    }

    /// A horizontal line on a latency chart.
    public struct LatencyThreshold: Sendable, Codable, Equatable {
        /// What the line is, e.g. `timeout` or `gate "webhook p95": p95 < 2`.
        public var label: String
        public var seconds: Double
    }

    /// The rollback runbook, and the steps as executed with `--execute-rollback`.
    public struct RollbackSection: Sendable, Codable, Equatable {
        public var runbook: RollbackRunbook
        /// Empty unless the run executed its hooks.
        public var executed: [RollbackStepRecord]
    }

    /// The run's latency comparison with its baseline.
    public struct ComparisonSection: Sendable, Codable, Equatable {
        public var baseline: RunBaseline
        /// Nil when no baseline run was found.
        public var result: LatencyComparison?
    }
}
