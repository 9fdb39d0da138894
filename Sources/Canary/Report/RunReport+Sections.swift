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

extension RunReport {
    /// Every reason as a sentence, most serious first.
    public var allReasonLines: [String] { reasonDetails.map { ReasonText.line($0, speed: run.speed) } }

    /// One sentence per stretch nothing watched the target.
    public var gapLines: [String] {
        gaps.map { gap in
            "nothing watched the target for \(DurationText.format(.seconds(gap.seconds * run.speed))) of plan time "
                + "(\(String(format: "%.1f", gap.seconds)) s of wall-clock time) before \(ClockText.format(gap.at, speed: run.speed)): "
                + "the run was killed or stopped there and resumed"
        }
    }
}

extension RunReport {
    /// How the run counts what its locations saw: `A failure counts when seen from at least 2 of 3 locations …`.
    public var locationRule: String {
        let minimum = minLocationFailed ?? 1, count = locations?.count ?? 0
        return "A failure counts when \(minimum == 1 ? "seen from any one location" : "seen from at least \(minimum) of \(count) locations at once") "
            + "(min_location_failed: \(minimum)). A location silent for longer than the plan's shortest alert "
            + "window keeps the run from go."
    }
}

extension GateVerdict {
    /// Where a gate of a run with locations missed: `missed at us-east only, below min_location_failed 2`.
    public func locationNote(minimum: Int?) -> String? {
        guard let missedAt, !missedAt.isEmpty, let minimum else { return nil }
        let names = missedAt.joined(separator: ", ")
        return verdict == .fail
            ? "missed at \(names)"
            : "missed at \(names) only, fewer than min_location_failed \(minimum), so it passed"
    }

    /// Each value of a `per` gate: `hubspot 0 % (105), zoho 100 % (105)`.
    public var groupsText: String {
        groups.map { group in
            let value = group.observed.map { QuantityText.format($0, unit) } ?? "no data"
            return "\(group.name) \(value) (\(group.samples))"
        }.joined(separator: ", ")
    }
}

extension AlertEvent {
    /// The value with its unit, or `n/a`.
    public var valueText: String { value.map { QuantityText.format($0, unit) } ?? "n/a" }
}
