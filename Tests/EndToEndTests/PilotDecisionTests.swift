import Canary
import Foundation
import Testing

/// The pilot plan against the fake deployment: each fault moves the decision as the checklist says.
extension EndToEndTests {
    @Suite(.timeLimit(.minutes(3))) struct PilotDecisionTests {
        @Test func cleanFakesGo() async throws {
            let (summary, store, _) = try await EndToEnd.runPilot(faults: "scenarios/faults/clean.yaml")
            #expect(summary.outcome.decision == .go, "\(summary.outcome.reasons)")
            #expect(summary.end == .completed)
            let gates = try await store.gates(of: summary.runID)
            #expect(!gates.isEmpty && gates.allSatisfy { $0.verdict == .pass }, "\(gates)")
            #expect(try await store.alerts(of: summary.runID).isEmpty)
        }

        @Test func workerDownRollsBackEarly() async throws {
            let (summary, store, _) = try await EndToEnd.runPilot(faults: "scenarios/faults/worker-down.yaml")
            #expect(summary.outcome.decision == .rollback, "\(summary.outcome.reasons)")
            #expect(summary.end == .stoppedOnCritical)
            let alerts = try await store.alerts(of: summary.runID)
            #expect(alerts.contains { $0.level == .critical && $0.rule.hasPrefix("worker down") })
        }

        @Test func transientSyncErrorsAskForAFixAndRetestAndTheReportRebuildsIdentically() async throws {
            let (summary, store, folder) = try await EndToEnd.runPilot(faults: "scenarios/faults/sync-errors-transient.yaml")
            #expect(summary.outcome.decision == .fixAndRetest, "\(summary.outcome.reasons)")
            let alerts = try await store.alerts(of: summary.runID)
            #expect(alerts.contains { $0.rule == "sync errors" && $0.state == .fired })
            #expect(!alerts.contains { $0.level == .critical })

            let original = try String(contentsOfFile: summary.reportFolder + "/report.md", encoding: .utf8)
            let json = try String(contentsOfFile: summary.reportFolder + "/report.json", encoding: .utf8)
            let rebuilt = try await ReportWriter(store: store, directory: folder + "/rebuilt").write(runID: summary.runID)
            #expect(try String(contentsOfFile: rebuilt + "/report.md", encoding: .utf8) == original)
            #expect(try String(contentsOfFile: rebuilt + "/report.json", encoding: .utf8) == json)
            #expect(original.contains("FIX AND RETEST"))
            #expect(original.contains("| webhook.send | hubspot |"))
        }

        @Test func syncErrorsReachingTheDeadLetterQueueRollBack() async throws {
            let (summary, _, _) = try await EndToEnd.runPilot(faults: "scenarios/faults/sync-errors-dlq.yaml")
            #expect(summary.outcome.decision == .rollback, "\(summary.outcome.reasons)")
            #expect(summary.outcome.reasons.contains { $0.contains("dead-letter queue") })
        }

        @Test func refusedConnectionsRollBack() async throws {
            let (summary, _, _) = try await EndToEnd.runPilot(faults: "scenarios/faults/refuse-connections.yaml")
            #expect(summary.outcome.decision == .rollback, "\(summary.outcome.reasons)")
            #expect(summary.outcome.reasons.contains { $0.contains("connection failures") })
        }

        @Test func anInterruptedRunIsNeverGo() async throws {
            let (summary, store, _) = try await EndToEnd.runPilot(faults: nil, stopAfter: .seconds(2))
            #expect(summary.end == .interrupted)
            #expect(summary.outcome.decision != .go)
            #expect(try await store.run(summary.runID)?.end == .interrupted)
            #expect(try await store.results(of: summary.runID).count > 50, "what was gathered is kept")
        }
    }
}
