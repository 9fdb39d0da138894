import AsyncHTTPClient
import Canary
import FakeBackend
import FakeCRM
import Foundation
import Probes
import Testing

/// The worker-down and dead-letter fault plans decide the same when the pilot's metric rules are evaluated through
/// a real Prometheus scraping the fake deployment as when the harness scrapes it itself; what Prometheus answered
/// is stored, so the judge rebuilds the same decision from the store alone.
extension EndToEndTests {
    @Suite(.enabled(if: PrometheusServer.canRun, Comment(rawValue: PrometheusServer.skipMessage)), .timeLimit(.minutes(6)))
    struct PrometheusSourceTests {
        @Test(arguments: [
            ("scenarios/faults/worker-down.yaml", "worker down"),
            ("scenarios/faults/sync-errors-dlq.yaml", "dead-letter queue"),
        ])
        func faultPlanDecidesTheSameThroughPrometheus(faults: String, alert: String) async throws {
            let scraped = try await EndToEnd.runPilot(faults: faults)
            let watched = try await Self.runPilotThroughPrometheus(faults: faults)
            print(
                "\(faults): scraping \(scraped.summary.outcome.decision.rawValue), "
                    + "through Prometheus \(watched.summary.outcome.decision.rawValue)")
            #expect(watched.summary.outcome.decision == scraped.summary.outcome.decision)
            #expect(watched.summary.outcome.decision == .rollback)

            // `canary report` judges from the store alone and reaches the same decision and reasons.
            let rebuilt = try await Judge(store: watched.store).judge(runID: watched.summary.runID)
            #expect(rebuilt.outcome.decision == watched.summary.outcome.decision)
            #expect(rebuilt.metricsSource?.hasPrefix("Prometheus http://127.0.0.1:") == true)

            // The metric alert fired from Prometheus's answers, which the store holds with their PromQL.
            let readings = try await watched.store.prometheusReadings(of: watched.summary.runID)
            let fired = try #require(rebuilt.alerts.first { $0.rule == alert && $0.state == .fired })
            #expect(fired.level == .critical)
            #expect(readings.contains { $0.promQL.contains(#"{job="backend"}"#) && $0.value != nil })
            let direct = try await Judge(store: scraped.store).judge(runID: scraped.summary.runID)
            #expect(direct.metricsSource == nil)
            #expect(direct.alerts.contains { $0.rule == alert && $0.state == .fired })
            print(
                "\(faults): scraping fired \(direct.alerts.filter { $0.state == .fired }.map(\.name)), "
                    + "through Prometheus \(rebuilt.alerts.filter { $0.state == .fired }.map(\.name))")
            #expect(rebuilt.outcome.reasons == watched.summary.outcome.reasons)
            let out = EndToEnd.temporaryFolder()
            let report = try await EndToEnd.canary(["report", watched.summary.runID, "--db", watched.store.path, "--out", out])
            #expect(report.status == 0, "\(report.output)")
            for name in ReportWriter.fileNames {
                let original = try Data(contentsOf: URL(fileURLWithPath: watched.summary.reportFolder + "/" + name))
                let again = try Data(contentsOf: URL(fileURLWithPath: out + "/\(watched.summary.runID)/" + name))
                #expect(original == again, "\(name) rebuilds byte-identically from the stored Prometheus readings")
            }
        }

        /// A Prometheus that is gone makes every metric gate no data that names it, and the run cannot be `go`.
        @Test func unreachablePrometheusIsNoDataNeverAPass() async throws {
            let run = try await Self.runPilotThroughPrometheus(faults: "scenarios/faults/clean.yaml", prometheusURL: "http://127.0.0.1:1", stopAfter: .seconds(8))
            #expect(run.summary.outcome.decision != .go)
            let judged = try await Judge(store: run.store).judge(runID: run.summary.runID)
            let metricGates = judged.gates.filter { $0.probePattern == nil && !$0.gate.contains("regression") }
            #expect(!metricGates.isEmpty)
            for gate in metricGates {
                #expect(gate.verdict == .noData, "\(gate.gate)")
                guard case .prometheus(let detail) = gate.noDataCause else {
                    Issue.record("\(gate.gate): \(String(describing: gate.noDataCause))")
                    continue
                }
                #expect(detail.hasPrefix("Prometheus at http://127.0.0.1:1 did not answer"), "\(detail)")
            }
            #expect(run.summary.headline.joined().contains("did not answer"), "\(run.summary.headline)")
        }

        /// The pilot with `target.metrics_source` naming a Prometheus that scrapes the fake deployment as
        /// `job="backend"` (or `prometheusURL`, when given, instead of starting one).
        static func runPilotThroughPrometheus(
            faults: String, speed: Double = 60, prometheusURL: String? = nil, stopAfter: Duration? = nil
        ) async throws -> (summary: RunSummary, store: CanaryStore) {
            let pilot = try String(contentsOfFile: EndToEnd.path("scenarios/pilot.yaml"), encoding: .utf8)
            let folder = EndToEnd.temporaryFolder()
            let store = try CanaryStore(path: folder + "/canary.sqlite")
            var configuration = FakeDeploymentConfiguration()
            configuration.faults = try DeploymentFaultPlan.load(path: EndToEnd.path(faults), speed: speed)
            let logger = EndToEnd.logger
            let summary = try await withFakeStack(configuration, logger: logger) { stack in
                func run(_ url: String) async throws -> RunSummary {
                    let text = pilot.replacingOccurrences(
                        of: "\ntarget:\n", with: "\ntarget:\n  metrics_source: {prometheus: \(url), selector: '{job=\"backend\"}'}\n")
                    let plan = try PlanLoader.parse(text, file: "scenarios/pilot.yaml")
                    let (target, secrets) = plan.target.resolve(backendURL: stack.deployment.baseURL, environment: stack.environment)
                    let settings = RunSettings(
                        speed: speed, target: target, secrets: secrets, faults: faults, reportDirectory: folder + "/reports",
                        logger: logger)
                    let control = RunControl()
                    if let stopAfter {
                        Task {
                            try await Task.sleep(for: stopAfter)
                            control.stop(.interrupted)
                        }
                    }
                    return try await HTTPClient.withProbeClient(tls: ProbeTLS()) { http in
                        try await CanaryRun(plan: plan, settings: settings, store: store).execute(http: http, control: control)
                    }
                }
                if let prometheusURL { return try await run(prometheusURL) }
                return try await PrometheusServer.with(scraping: stack.deployment.baseURL + "/crm/metrics") { try await run($0.url) }
            }
            return (summary, store)
        }
    }
}
