import Probes

/// A run's stored results read back into what the rules look at, plus what only the judge needs: the findings,
/// how many attempts finished, and how far the results reach.
struct RunObservations: Sendable {
    var observations = Observations()
    private(set) var attempts = 0
    /// Finished attempts that failed (unverified ones not counted).
    private(set) var failed = 0
    /// The latest finish time of any result, real seconds since the run began.
    private(set) var reach = 0.0
    private var lastSampleStart: [String: Double] = [:]
    private var findingGroups: [String: Finding] = [:]

    /// Adds one result; results must come in finishing order.
    mutating func add(_ result: ProbeResult) {
        attempts += 1
        if !result.passed, !result.unverified { failed += 1 }
        reach = Swift.max(reach, result.finishedAt)
        observations.add(result.attempt)
        if !result.samples.isEmpty, result.startedAt >= lastSampleStart[result.probe, default: -.infinity] {
            // Samples of an attempt that started before the last applied one are older values: applying them
            // would look like a counter reset. They stay in the store; the rules skip them.
            lastSampleStart[result.probe] = result.startedAt
            observations.add(result.samples, at: result.finishedAt)
        }
        if let finding = result.finding {
            let key = "\(result.probe)\u{0}\(result.provider ?? "")\u{0}\(DetailShape.key(finding))"
            if var known = findingGroups[key] {
                known.count += 1
                findingGroups[key] = known
            } else {
                findingGroups[key] = Finding(
                    probe: result.probe, provider: result.provider, detail: finding, count: 1, at: result.finishedAt)
            }
        }
    }

    /// Findings grouped by probe instance and shape, earliest first.
    var findings: [Finding] {
        findingGroups.values.sorted { ($0.at, $0.probe, $0.provider ?? "") < ($1.at, $1.probe, $1.provider ?? "") }
    }
}
