import Canary
import Testing

/// The Mann-Whitney U test against reference values (SciPy's asymptotic method with continuity correction).
@Suite struct MannWhitneyUTests {
    @Test func fullySeparatedSamples() {
        let test = MannWhitneyU(baseline: [1, 2, 3], candidate: [4, 5, 6])
        #expect(test.u == 9)
        #expect(abs(test.pValue - 0.04042779918502612) < 1e-12)
        #expect(test.commonLanguage == 1 && test.rankBiserial == 1)
    }

    @Test func tiesShareRanksAndCorrectTheVariance() {
        let test = MannWhitneyU(baseline: [1, 2, 2, 3, 5, 8, 13], candidate: [2, 3, 4, 5, 8, 21, 34, 55])
        #expect(test.u == 40.5)
        #expect(abs(test.pValue - 0.08113284421816086) < 1e-12)
        #expect(abs(test.commonLanguage - 0.7232142857142857) < 1e-12)
    }

    @Test func latencyLikeSamples() {
        let test = MannWhitneyU(
            baseline: [0.010, 0.012, 0.011, 0.013, 0.012, 0.010, 0.014, 0.011, 0.012, 0.013],
            candidate: [0.012, 0.015, 0.013, 0.016, 0.012, 0.017, 0.014, 0.015, 0.013, 0.018])
        #expect(test.u == 86.5)
        #expect(abs(test.pValue - 0.0029184150413227123) < 1e-12)
    }

    @Test func identicalSamplesShowNoDifference() {
        let sample = (1...40).map(Double.init)
        let test = MannWhitneyU(baseline: sample, candidate: sample)
        #expect(test.commonLanguage == 0.5)
        #expect(test.pValue > 0.4)
        let flat = MannWhitneyU(baseline: [1, 1, 1], candidate: [1, 1])
        #expect(flat.pValue == 1, "no spread at all is no evidence")
    }
}
