import ArgumentParser
import AsyncHTTPClient
import Canary
import FakeCRM
import Foundation
import Logging
import Probes

/// `canary run`: runs a plan against a deployment or the bundled fakes, and exits with the decision.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a plan and decide: exit 0 go, 1 fix-and-retest, 2 rollback.")

    @Option(help: "The plan to run.")
    var scenario = "scenarios/pilot.yaml"

    @Option(help: "Base URL of the deployment (default: the plan's target.backend_url, then BACKEND_URL).")
    var target: String?

    @Flag(help: "Start the bundled fake deployment and CRMs on loopback and run against them.")
    var fake = false

    @Option(help: "Fault plan for the fakes (with --fake), e.g. scenarios/faults/worker-down.yaml.")
    var faults: String?

    @Option(help: "Run this many times faster than plan time; 60 runs two hours in two minutes.")
    var speed: Double = 1

    @OptionGroup var store: StoreOptions

    @Option(help: "Folder under which reports/<run-id>/ is written.")
    var out = "reports"

    @Flag(help: "Log probe traffic at debug level.")
    var verbose = false

    @OptionGroup var reporting: RunReportingOptions

    func validate() throws {
        guard speed > 0, speed.isFinite else { throw ValidationError("--speed must be a positive number, e.g. 60.") }
        if fake && target != nil { throw ValidationError("--target and --fake exclude each other; pick one.") }
        if faults != nil && !fake { throw ValidationError("--faults needs --fake: faults are injected into the bundled fakes.") }
    }

    func run() async throws {
        var logger = Logger(label: "canary")
        logger.logLevel = verbose ? .debug : .warning
        let plan: Plan
        do {
            plan = try PlanLoader.load(path: scenario)
        } catch {
            Terminal.error("\(error)")
            throw ExitCode.usage
        }
        let summary: RunSummary
        do {
            if fake {
                summary = try await runOnFakes(plan, logger: logger)
            } else {
                let environment = ProcessInfo.processInfo.environment
                guard let url = target ?? plan.target.backendURL?.resolve(in: environment) ?? environment["BACKEND_URL"]
                else { throw CanaryError.noTarget() }
                summary = try await execute(plan, backendURL: url, faults: nil, logger: logger)
            }
        } catch let error as CanaryError {
            Terminal.error(error.description)
            throw error.code == .storeFailed ? ExitCode.internalError : ExitCode.usage
        } catch let error as FaultPlanError {
            Terminal.error(error.description)
            throw ExitCode.usage
        } catch {
            Terminal.error("the harness failed: \(error)")
            throw ExitCode.internalError
        }
        Terminal.line("")
        Terminal.line("decision: \(summary.outcome.decision.rawValue) (exit \(summary.outcome.decision.exitCode))")
        for line in summary.headline { Terminal.line("  - \(line)") }
        Terminal.line("reports: \(summary.reportFolder)/{\(ReportWriter.fileNames.joined(separator: ","))}")
        StepSummary.append(reportFolder: summary.reportFolder)
        throw ExitCode(summary.outcome.decision)
    }

    private func runOnFakes(_ plan: Plan, logger: Logger) async throws -> RunSummary {
        var configuration = FakeDeploymentConfiguration()
        if let faults {
            configuration.faults = try DeploymentFaultPlan.load(path: faults, speed: speed)
        }
        return try await withFakeStack(configuration, logger: logger) { stack in
            let environment = ProcessInfo.processInfo.environment.merging(stack.environment) { _, fake in fake }
            return try await execute(
                plan, backendURL: stack.deployment.baseURL, environment: environment, faults: faults, logger: logger)
        }
    }

    private func execute(
        _ plan: Plan, backendURL: String, environment: [String: String] = ProcessInfo.processInfo.environment,
        faults: String?, logger: Logger
    ) async throws -> RunSummary {
        let (target, secrets) = plan.target.resolve(backendURL: backendURL, environment: environment)
        let progress = reporting.makeProgress()
        var settings = RunSettings(
            speed: speed, target: target, secrets: secrets, faults: faults, reportDirectory: out,
            progress: { progress.line($0) }, logger: logger)
        settings.status = { progress.status($0) }
        settings.baseline = reporting.baseline
        settings.executeRollback = reporting.executeRollback
        let runSettings = settings
        let canaryStore = try CanaryStore(path: store.path)
        if let baseline = reporting.baseline, baseline != "last-go", try await canaryStore.run(baseline) == nil {
            throw CanaryError.runNotFound(baseline, database: store.path)
        }
        defer { progress.finish() }
        let control = RunControl()
        return try await HTTPClient.withProbeClient { http in
            try await withSignalsStopping(control) {
                try await CanaryRun(plan: plan, settings: runSettings, store: canaryStore).execute(http: http, control: control)
            }
        }
    }
}
