import AsyncHTTPClient
import Canary
import FakeBackend
import FakeCRM
import Foundation
import Logging
import Probes
import Testing

/// Reports, baseline comparison and rollback against the fake deployment, all in one database.
extension EndToEndTests {
    @Suite(.timeLimit(.minutes(5))) struct ReportsEndToEndTests {
        /// A light plan for comparisons: one attempt per probe instance per plan second, 20 s real at speed 2,
        /// so latencies reflect the target rather than a saturated two-core machine.
        static func comparisonPlan(gated: Bool) -> String {
            """
            name: compare
            target:
              providers: [hubspot, zoho, odoo]
            stop_on_critical: false
            phases:
              - name: traffic
                from: 0s
                until: 40s
                probes:
                  - probe: webhook.send
                    cadence: 1s
            watch:
              - probe: health
                cadence: 1s
            gates:
              - name: probes answer
                require: probe_success_ratio(*[run]) >= 99%
                min_samples: 20
            """ + (gated ? """

              - name: no latency regression against the baseline
                require: latency_regressions(*[run]) == 0
                min_samples: 20
            """ : "")
        }

        /// Runs `plan` (the pilot by default) at `speed` into `store`, with the settings `configure` adjusts.
        static func run(
            _ planText: String? = nil, speed: Double = 600, faults: String?, store: CanaryStore, folder: String,
            configure: @Sendable (inout RunSettings) -> Void = { _ in }
        ) async throws -> RunSummary {
            let plan = try planText.map { try PlanLoader.parse($0, file: "compare.yaml") }
                ?? PlanLoader.load(path: EndToEnd.path("scenarios/pilot.yaml"))
            var configuration = FakeDeploymentConfiguration()
            if let faults { configuration.faults = try DeploymentFaultPlan.load(path: EndToEnd.path(faults), speed: speed) }
            let logger = EndToEnd.logger
            return try await withFakeStack(configuration, logger: logger) { stack in
                let (target, secrets) = plan.target.resolve(
                    backendURL: stack.deployment.baseURL, environment: stack.environment)
                var settings = RunSettings(
                    speed: speed, target: target, secrets: secrets, faults: faults, reportDirectory: folder + "/reports",
                    logger: logger)
                configure(&settings)
                let frozen = settings
                return try await HTTPClient.withProbeClient { http in
                    try await CanaryRun(plan: plan, settings: frozen, store: store).execute(http: http, control: RunControl())
                }
            }
        }

        @Test func cleanRunsCompareCleanlyAndInjectedLatencyIsFlagged() async throws {
            let folder = EndToEnd.temporaryFolder()
            let database = folder + "/canary.sqlite"
            let store = try CanaryStore(path: database)
            let first = try await Self.run(Self.comparisonPlan(gated: false), speed: 2, faults: nil, store: store, folder: folder)
            #expect(first.outcome.decision == .go, "\(first.outcome.reasons)")
            for name in ReportWriter.fileNames {
                #expect(FileManager.default.fileExists(atPath: first.reportFolder + "/" + name), "\(name) was written")
            }
            let second = try await Self.run(Self.comparisonPlan(gated: true), speed: 2, faults: nil, store: store, folder: folder) {
                $0.baseline = "last-go"
            }
            #expect(try await store.baseline(of: second.runID) == RunBaseline(baselineRunID: first.runID, chosenBy: "last-go"))
            #expect(second.outcome.decision == .go, "the regression gate passes: \(second.outcome.reasons)")
            let clean = try await BaselineComparer(store: store).compare(baseline: first.runID, candidate: second.runID)
            #expect(clean.passed, "\(clean.rows.filter { $0.verdict != .pass })")

            let slow = try await Self.run(
                Self.comparisonPlan(gated: true), speed: 2, faults: "scenarios/faults/slow-webhooks.yaml", store: store,
                folder: folder
            ) { $0.baseline = first.runID }
            let flagged = try await BaselineComparer(store: store).compare(baseline: first.runID, candidate: slow.runID)
            let regressed = Set(flagged.rows.filter { $0.verdict == .regressed }.map(\.probe))
            #expect(regressed == ["webhook.send"], "\(flagged.rows)")
            #expect(slow.outcome.decision == .fixAndRetest)
            #expect(slow.headline.contains { $0.contains("gate \"no latency regression against the baseline\" missed") })
            let markdown = try String(contentsOfFile: slow.reportFolder + "/report.md", encoding: .utf8)
            #expect(markdown.contains("## Baseline comparison") && markdown.contains("❌ regressed"))
            let html = try String(contentsOfFile: slow.reportFolder + "/report.html", encoding: .utf8)
            #expect(html.contains(#"<span class="verdict regressed">regressed</span>"#) && html.contains("&lt; 0.0001"))

            let compareClean = try await EndToEnd.canary(["compare", first.runID, second.runID, "--db", database])
            #expect(compareClean.status == 0, "\(compareClean.output)")
            let compareSlow = try await EndToEnd.canary(["compare", "last-go", slow.runID, "--db", database])
            #expect(compareSlow.status == 1, "\(compareSlow.output)")
            #expect(compareSlow.output.contains("❌ regressed            webhook.send (hubspot)"))

            let rebuilt = try await EndToEnd.canary(["report", slow.runID, "--db", database, "--out", folder + "/rebuilt"])
            #expect(rebuilt.status == 0, "\(rebuilt.output)")
            for name in ReportWriter.fileNames {
                let original = try Data(contentsOf: URL(fileURLWithPath: slow.reportFolder + "/" + name))
                let again = try Data(contentsOf: URL(fileURLWithPath: folder + "/rebuilt/\(slow.runID)/" + name))
                #expect(original == again, "\(name) rebuilds byte-identically from the database")
            }
        }

        @Test func rollbackRunExecutesItsHooksOnlyWhenAsked() async throws {
            let folder = EndToEnd.temporaryFolder()
            let store = try CanaryStore(path: folder + "/canary.sqlite")
            let printed = try await Self.run(faults: "scenarios/faults/worker-down.yaml", store: store, folder: folder)
            #expect(printed.outcome.decision == .rollback)
            #expect(try await store.rollbackSteps(of: printed.runID).isEmpty, "hooks are not executed without asking")
            let printedHTML = try String(contentsOfFile: printed.reportFolder + "/report.html", encoding: .utf8)
            #expect(printedHTML.contains("Not executed") && printedHTML.contains("$ railway rollback"))

            let executed = try await Self.run(faults: "scenarios/faults/worker-down.yaml", store: store, folder: folder) {
                $0.executeRollback = true
            }
            let steps = try await store.rollbackSteps(of: executed.runID)
            #expect(steps.count == 6)
            #expect(steps.prefix(3).allSatisfy { $0.outcome == .succeeded && $0.exitStatus == 200 }, "\(steps)")
            #expect(steps.dropFirst(3).allSatisfy { $0.exitStatus != nil }, "each command ran and exited: \(steps)")
            for name in ReportWriter.fileNames {
                #expect(FileManager.default.fileExists(atPath: executed.reportFolder + "/" + name), "\(name) was written")
            }
            let junit = try String(contentsOfFile: executed.reportFolder + "/junit.xml", encoding: .utf8)
            #expect(junit.contains(#"<testsuite name="canary.rollback" tests="6""#))
        }
    }
}
