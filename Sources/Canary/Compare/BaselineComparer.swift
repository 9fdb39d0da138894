/// Compares two recorded runs' latencies per probe instance, from the database alone.
///
/// ```swift
/// let comparison = try await BaselineComparer(store: store).compare(baseline: "20261129-101530-7f3a", candidate: id)
/// comparison.passed   // false when any probe regressed or had too few samples
/// ```
public struct BaselineComparer: Sendable {
    public var store: any RunStore
    public var policy: ComparisonPolicy

    public init(store: any RunStore, policy: ComparisonPolicy = .standard) {
        self.store = store
        self.policy = policy
    }

    /// Compares `candidate` with `baseline`; both must be in the database.
    public func compare(baseline: String, candidate: String) async throws -> LatencyComparison {
        for id in [baseline, candidate] where try await store.run(id) == nil {
            throw CanaryError.runNotFound(id, database: store.location)
        }
        return LatencyComparison(
            baselineRunID: baseline, candidateRunID: candidate, baseline: try await store.latencies(of: baseline),
            candidate: try await store.latencies(of: candidate), policy: policy)
    }

    /// The baseline a run asks for: `last-go` is the newest `go` run other than `excluding`; anything else is a run id.
    public func resolve(_ request: String, excluding: String? = nil) async throws -> RunBaseline {
        if request == "last-go" {
            let run = try await store.latestRun(withDecision: .go, excluding: excluding)
            return RunBaseline(baselineRunID: run?.id, chosenBy: request)
        }
        guard try await store.run(request) != nil else { throw CanaryError.runNotFound(request, database: store.location) }
        return RunBaseline(baselineRunID: request, chosenBy: request)
    }
}
