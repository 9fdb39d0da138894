import Canary
import Testing

/// Verdicts per probe: too few samples never passes, noise passes, a real slow-down is flagged.
@Suite struct LatencyComparisonTests {
    /// Deterministic jittered latencies around `center` seconds.
    static func latencies(_ count: Int, around center: Double, seed: UInt64) -> [Double] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return center * (0.8 + 0.4 * Double(state >> 11) / Double(1 << 53))
        }
    }

    @Test func verdictsPerProbe() {
        let health = ProbeKey(probe: "health", provider: nil)
        let webhook = ProbeKey(probe: "webhook.send", provider: "hubspot")
        let rare = ProbeKey(probe: "crm.health", provider: "zoho")
        let comparison = LatencyComparison(
            baselineRunID: "a", candidateRunID: "b",
            baseline: [
                health: Self.latencies(200, around: 0.004, seed: 1), webhook: Self.latencies(100, around: 0.02, seed: 2),
                rare: Self.latencies(10, around: 0.01, seed: 3),
            ],
            candidate: [
                health: Self.latencies(200, around: 0.004, seed: 4), webhook: Self.latencies(100, around: 3.02, seed: 5),
                rare: Self.latencies(10, around: 0.5, seed: 6),
            ])
        let verdicts = Dictionary(uniqueKeysWithValues: comparison.rows.map { ($0.key, $0.verdict) })
        #expect(verdicts == [health: .pass, webhook: .regressed, rare: .tooFewSamples])
        #expect(!comparison.passed)
        let row = comparison.rows.first { $0.key == webhook }!
        #expect(row.pValue! < 1e-6 && row.commonLanguage! > 0.99)
        #expect(comparison.rows.first { $0.key == rare }!.pValue == nil)
    }

    @Test func aSignificantButTinySlowDownIsNotARegression() {
        let key = ProbeKey(probe: "health", provider: nil)
        let comparison = LatencyComparison(
            baselineRunID: "a", candidateRunID: "b", baseline: [key: Self.latencies(2000, around: 0.002, seed: 7)],
            candidate: [key: Self.latencies(2000, around: 0.0026, seed: 8)])
        #expect(comparison.rows[0].pValue! < 0.01, "0.6 ms is significant with 2,000 samples")
        #expect(comparison.rows[0].verdict == .pass, "and below the 5 ms that matters")
        #expect(comparison.passed)
    }

    @Test func aProbeOnlyOneRunHasIsTooFew() {
        let key = ProbeKey(probe: "health", provider: nil)
        let comparison = LatencyComparison(
            baselineRunID: "a", candidateRunID: "b", baseline: [:], candidate: [key: Self.latencies(50, around: 0.01, seed: 9)])
        #expect(comparison.rows.map(\.verdict) == [.tooFewSamples])
        #expect(!comparison.passed)
    }

    @Test func latencyRegressionsGateNeedsABaseline() throws {
        let condition = try ConditionParser.parse("latency_regressions(webhook.send[run]) == 0")
        let gate = Gate(name: "no regression", condition: condition, minSamples: 20)
        var observations = Observations()
        for (index, latency) in Self.latencies(60, around: 3, seed: 10).enumerated() {
            observations.add(
                Observations.Attempt(
                    probe: "webhook.send", provider: "hubspot", phase: "p", finishedAt: Double(index), latency: latency,
                    outcome: .pass, errorClass: nil))
        }
        #expect(gate.judge(observations, at: 100, speed: 1).verdict == .noData, "no baseline is no data")
        let key = ProbeKey(probe: "webhook.send", provider: "hubspot")
        observations.baseline = [key: Self.latencies(60, around: 0.02, seed: 11)]
        let regressed = gate.judge(observations, at: 100, speed: 1)
        #expect(regressed.verdict == .fail && regressed.observed == 1 && regressed.samples == 60)
        observations.baseline = [key: Self.latencies(60, around: 3, seed: 12)]
        #expect(gate.judge(observations, at: 100, speed: 1).verdict == .pass)
        observations.baseline = [key: Self.latencies(5, around: 3, seed: 13)]
        #expect(gate.judge(observations, at: 100, speed: 1).verdict == .noData, "five baseline samples are too few")
    }
}
