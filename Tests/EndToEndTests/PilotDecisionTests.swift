import Canary
import Foundation
import Testing

/// The pilot plan in process against the fake stack: what an interrupted run keeps, and that its
/// report rebuilds from the database alone. Decisions per fault plan are in ``FaultMatrixTests``.
extension EndToEndTests {
    @Suite(.timeLimit(.minutes(3))) struct PilotDecisionTests {
        @Test func anInterruptedRunIsNeverGoAndItsReportRebuildsIdentically() async throws {
            let (summary, store, folder) = try await EndToEnd.runPilot(
                faults: "scenarios/faults/sync-errors-transient.yaml", stopAfter: .seconds(20))
            #expect(summary.end == .interrupted)
            #expect(summary.outcome.decision != .go)
            #expect(try await store.run(summary.runID)?.end == .interrupted)
            #expect(try await store.results(of: summary.runID).count > 100, "what was gathered is kept")

            let original = try String(contentsOfFile: summary.reportFolder + "/report.md", encoding: .utf8)
            let json = try String(contentsOfFile: summary.reportFolder + "/report.json", encoding: .utf8)
            let rebuilt = try await ReportWriter(store: store, directory: folder + "/rebuilt").write(runID: summary.runID)
            #expect(try String(contentsOfFile: rebuilt + "/report.md", encoding: .utf8) == original)
            #expect(try String(contentsOfFile: rebuilt + "/report.json", encoding: .utf8) == json)
            #expect(original.contains("| webhook.delivery | hubspot |"))
        }
    }
}
