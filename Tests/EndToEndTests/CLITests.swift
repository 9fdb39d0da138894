import Foundation
import Testing

/// The built `canary` executable, as CI runs it: exit codes are the contract (decisions per fault plan
/// are in ``FaultMatrixTests``).
extension EndToEndTests {
    @Suite(.timeLimit(.minutes(3))) struct CLITests {
        @Test func interruptedRunExitsOneAndKeepsItsRecord() async throws {
            let folder = EndToEnd.temporaryFolder()
            let result = try await EndToEnd.canary(
                ["run", "--fake", "--speed", "60", "--db", folder + "/i.sqlite", "--out", folder], interruptAfter: .seconds(3))
            #expect(result.status == 1, "\(result.output)")
            #expect(result.output.contains("the run was interrupted"))
        }

        @Test func invalidPlanAndUsageExit64() async throws {
            let folder = EndToEnd.temporaryFolder()
            let plan = folder + "/bad.yaml"
            try "name: bad\nphases:\n  - name: p\n    from: 0m\n    until: 1m\n    probes:\n      - probe: nope\n        cadence: 1s\n"
                .write(toFile: plan, atomically: true, encoding: .utf8)
            let validate = try await EndToEnd.canary(["validate", plan])
            #expect(validate.status == 64)
            #expect(validate.output.contains("bad.yaml:7:16: unknown probe \"nope\""))
            let good = try await EndToEnd.canary(["validate", "scenarios/pilot.yaml"])
            #expect(good.status == 0, "\(good.output)")
            let usage = try await EndToEnd.canary(["run", "--faults", "x.yaml"])
            #expect(usage.status == 64, "\(usage.output)")
            let missing = try await EndToEnd.canary(["report", "nope", "--db", folder + "/none.sqlite"])
            #expect(missing.status == 64)
        }
    }
}
