import ArgumentParser
import Canary
import Foundation

/// `canary compare BASELINE CANARY`: per probe, whether the canary run's latencies regressed.
struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two recorded runs' latencies per probe (Mann-Whitney U); exit 0 when none regressed.",
        discussion: """
            A probe regressed when the canary is slower with p < 0.01, P(canary slower) ≥ 0.6 and a median at least
            5 ms slower. Fewer than --min-samples latencies on a side is "too few samples", which is not a pass.
            Exit codes: 0 every probe passed, 1 a probe regressed or had too few samples, 64 usage.
            """)

    @Argument(help: "The baseline run id (or `last-go`).")
    var baseline: String

    @Argument(help: "The canary run id.")
    var canary: String

    @OptionGroup var store: StoreOptions

    @Option(help: "Fewest latencies on each side for a verdict.")
    var minSamples = 20

    func validate() throws {
        guard minSamples >= 2 else { throw ValidationError("--min-samples must be at least 2.") }
    }

    func run() async throws {
        let location = try store.existingLocation()
        let comparison: LatencyComparison
        var policy = ComparisonPolicy.standard
        policy.minimumSamples = minSamples
        do {
            comparison = try await location.withStore(logger: store.logger) { store in
                let comparer = BaselineComparer(store: store, policy: policy)
                guard let baselineID = try await comparer.resolve(baseline, excluding: canary).baselineRunID else {
                    throw CanaryError.usage("There is no go run to use as the baseline.", hint: "Pass a run id from `canary list`.")
                }
                return try await comparer.compare(baseline: baselineID, candidate: canary)
            }
        } catch let error as CanaryError {
            Terminal.error(error.description)
            throw ExitCode.usage
        }
        print("baseline \(comparison.baselineRunID) → canary \(comparison.candidateRunID)")
        print(ComparisonText.policy(comparison.policy))
        for row in comparison.rows {
            print("  \(ComparisonText.verdict(row.verdict).padding(toLength: 22, withPad: " ", startingAt: 0)) \(row.key): \(ComparisonText.summary(row))")
        }
        let regressed = comparison.rows.count { $0.verdict == .regressed }
        let tooFew = comparison.rows.count { $0.verdict == .tooFewSamples }
        print("\(comparison.rows.count) probes: \(comparison.rows.count - regressed - tooFew) passed, \(regressed) regressed, \(tooFew) with too few samples")
        if !comparison.passed { throw ExitCode.fixAndRetest }
    }
}
