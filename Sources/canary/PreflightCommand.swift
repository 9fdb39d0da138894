import ArgumentParser
import AsyncHTTPClient
import Canary
import Foundation
import Probes

/// `canary preflight PLAN`: what the run would lack, and whether its URLs answer, in seconds.
struct PreflightCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preflight",
        abstract: "Check that a plan can judge its target before a long run: exit 0 ready, 64 something missing.",
        discussion: """
            Resolves the plan and its environment, lists each variable the probes need that is not set and which \
            probes it would leave unverified, and reaches the backend's health and metrics, the frontend, each \
            CRM API and the Prometheus the plan's metric rules are evaluated through once.
            """)

    @Argument(help: "The plan to check.")
    var scenario = "scenarios/pilot.yaml"

    @Option(help: "Base URL of the deployment (default: the plan's target.backend_url, then BACKEND_URL).")
    var target: String?

    @OptionGroup var tls: TLSOptions

    @OptionGroup var prometheus: PrometheusOptions

    func run() async throws {
        let plan: Plan
        do {
            plan = try prometheus.applied(to: try PlanLoader.load(path: scenario))
        } catch {
            Terminal.error("\(error)")
            throw ExitCode.usage
        }
        let environment = ProcessInfo.processInfo.environment
        let url = target ?? plan.target.backendURL?.resolve(in: environment) ?? environment["BACKEND_URL"]
        let report: PreflightReport
        do {
            report = try await HTTPClient.withProbeClient(tls: tls.tls(for: plan)) { http in
                await Preflight(plan: plan, backendURL: url, environment: environment).check(http: http)
            }
        } catch let error as ProbeTLSError {
            Terminal.error(error.description)
            throw ExitCode.usage
        }
        for line in report.lines { Terminal.line(line) }
        if !report.ready { throw ExitCode.usage }
    }
}
