import Probes

/// What a report needs from a run's attempts, gathered in one pass without keeping the attempts.
struct ReportTally: Sendable {
    /// Plan seconds per latency bucket, and real-to-plan time factor.
    let bucketSeconds: Double
    let speed: Double
    let bucketCount: Int

    private(set) var attempts = 0
    private var histograms: [ProbeKey: LatencyHistogram] = [:]
    private var counts: [ProbeKey: (passed: Int, failed: Int, unverified: Int)] = [:]
    private var buckets: [String: [[Double]]] = [:]
    private var failedInBucket: [String: [Int]] = [:]
    private var failures: [String: (count: Int, examples: [StoredAttempt])] = [:]

    init(planSeconds: Double, speed: Double, bucketCount: Int = 60) {
        self.speed = speed
        self.bucketCount = bucketCount
        bucketSeconds = Swift.max(planSeconds, 1) / Double(bucketCount)
    }

    mutating func add(_ attempt: StoredAttempt) {
        attempts += 1
        let key = ProbeKey(probe: attempt.probe, provider: attempt.provider)
        let unverified = attempt.errorClass == ErrorClass.unverified.rawValue
        if unverified {
            counts[key, default: (0, 0, 0)].unverified += 1
        } else {
            histograms[key, default: LatencyHistogram()].record(seconds: attempt.latency)
        }
        let bucket = Swift.min(Swift.max(Int(attempt.intendedAt * speed / bucketSeconds), 0), bucketCount - 1)
        if buckets[attempt.probe] == nil {
            buckets[attempt.probe] = Array(repeating: [], count: bucketCount)
            failedInBucket[attempt.probe] = Array(repeating: 0, count: bucketCount)
        }
        if attempt.passed {
            buckets[attempt.probe]![bucket].append(attempt.latency)
            counts[key, default: (0, 0, 0)].passed += 1
            return
        }
        if !unverified {
            buckets[attempt.probe]![bucket].append(attempt.latency)
            counts[key, default: (0, 0, 0)].failed += 1
            failedInBucket[attempt.probe]![bucket] += 1
        }
        let errorClass = attempt.errorClass ?? "unknown"
        var group = failures[errorClass] ?? (0, [])
        group.count += 1
        // Keep the three earliest examples, whatever order the attempts arrive in.
        group.examples.append(attempt)
        if group.examples.count > 3 {
            group.examples.sort(by: Self.earlier)
            group.examples.removeLast()
        }
        failures[errorClass] = group
    }

    static func earlier(_ lhs: StoredAttempt, _ rhs: StoredAttempt) -> Bool {
        (lhs.finishedAt, lhs.intendedAt, lhs.probe, lhs.provider ?? "", lhs.detail)
            < (rhs.finishedAt, rhs.intendedAt, rhs.probe, rhs.provider ?? "", rhs.detail)
    }

    var probeStats: [RunReport.ProbeStats] {
        counts.keys.sorted().map { key in
            let histogram = histograms[key] ?? LatencyHistogram(), count = counts[key]!
            return RunReport.ProbeStats(
                probe: key.probe, provider: key.provider, attempts: count.passed + count.failed + count.unverified,
                passed: count.passed, failed: count.failed, unverified: count.unverified, p50: histogram.quantile(0.5), p95: histogram.quantile(0.95),
                p99: histogram.quantile(0.99), max: histogram.max)
        }
    }

    func failureGroups() -> [RunReport.FailureGroup] {
        failures.map { errorClass, group in
            RunReport.FailureGroup(
                errorClass: errorClass, count: group.count,
                examples: group.examples.sorted(by: Self.earlier).map { attempt in
                    let who = attempt.provider.map { "\(attempt.probe) (\($0))" } ?? attempt.probe
                    return "\(ClockText.format(attempt.intendedAt, speed: speed)) \(who): \(attempt.detail)"
                })
        }.sorted { ($0.count, $1.errorClass) > ($1.count, $0.errorClass) }
    }

    func latencySeries(thresholds: [String: [RunReport.LatencyThreshold]]) -> [RunReport.LatencySeries] {
        buckets.keys.sorted().map { probe in
            let points = buckets[probe]!.enumerated().compactMap { index, latencies -> RunReport.LatencyPoint? in
                guard !latencies.isEmpty else { return nil }
                let sorted = latencies.sorted()
                return RunReport.LatencyPoint(
                    atSeconds: Double(index) * bucketSeconds, count: sorted.count, failed: failedInBucket[probe]![index],
                    p50: LatencyComparison.quantile(0.5, sorted)!, p95: LatencyComparison.quantile(0.95, sorted)!,
                    max: sorted.last!)
            }
            return RunReport.LatencySeries(
                probe: probe, bucketSeconds: bucketSeconds, spanSeconds: bucketSeconds * Double(bucketCount), points: points,
                thresholds: thresholds[probe] ?? [])
        }
    }
}
