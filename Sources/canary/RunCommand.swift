import ArgumentParser
import AsyncHTTPClient
import Canary
import FakeBackend
import Foundation
import Logging
import Probes

/// `canary run`: runs a plan against a deployment or the bundled fakes, and exits with the decision.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a plan and decide: exit 0 go, 1 fix-and-retest, 2 rollback.")

    @Option(help: "The plan to run (default scenarios/pilot.yaml; a joined run plays its own).")
    var scenario: String?

    @Option(help: "Base URL of the deployment (default: the plan's target.backend_url, then BACKEND_URL).")
    var target: String?

    @Flag(help: "Start the bundled fake deployment and CRMs on loopback and run against them.")
    var fake = false

    @Option(help: "Fault plan for the fakes (with --fake), e.g. scenarios/faults/worker-down.yaml.")
    var faults: String?

    @Option(help: "Run this many times faster than plan time; 60 runs two hours in two minutes (default 1).")
    var speed: Double?

    @Option(help: "The location this runner records from, e.g. eu-west, so several runners can record one run.")
    var location: String?

    @Option(help: "Join the run with this id from --location: play the rest of its plan and decide it together.")
    var join: String?

    @OptionGroup var store: StoreOptions

    @Option(help: "Folder under which reports/<run-id>/ is written.")
    var out = "reports"

    @Flag(help: "Log probe traffic at debug level.")
    var verbose = false

    @OptionGroup var reporting: RunReportingOptions

    @OptionGroup var tls: TLSOptions

    @OptionGroup var prometheus: PrometheusOptions

    func validate() throws {
        if let speed, !(speed > 0 && speed.isFinite) { throw ValidationError("--speed must be a positive number, e.g. 60.") }
        if let location, !RunLocation.isValidName(location) {
            throw ValidationError("--location must be letters, digits, -, _ or ., at most 64 characters, e.g. eu-west.")
        }
        if join != nil {
            if location == nil { throw ValidationError("--join needs --location: name where this runner records from.") }
            if fake { throw ValidationError("--join probes a deployment by URL; the bundled fakes live in the runner that started the run.") }
            if scenario != nil || speed != nil || reporting.baseline != nil {
                throw ValidationError("--join plays the run's own plan, speed and baseline; leave out --scenario, --speed and --baseline.")
            }
        }
        if fake && target != nil { throw ValidationError("--target and --fake exclude each other; pick one.") }
        if faults != nil && !fake { throw ValidationError("--faults needs --fake: faults are injected into the bundled fakes.") }
    }

    func run() async throws {
        var logger = Logger(label: "canary")
        logger.logLevel = verbose ? .debug : .warning
        if let join { try await joinRun(join, logger: logger) }
        let speed = self.speed ?? 1
        let plan: Plan
        do {
            plan = try prometheus.applied(to: try PlanLoader.load(path: scenario ?? "scenarios/pilot.yaml"))
        } catch {
            Terminal.error("\(error)")
            throw ExitCode.usage
        }
        let launcher = RunLauncher(
            reporting: reporting, store: try store.location, out: out, speed: speed, tls: tls, logger: logger,
            location: location)
        let baseline = reporting.baseline
        let start: @Sendable (CanaryRun, HTTPClient, RunControl) async throws -> RunSummary = { run, http, control in
            if let baseline, baseline != "last-go", try await run.store.run(baseline) == nil {
                throw CanaryError.runNotFound(baseline, database: run.store.location)
            }
            return try await run.execute(http: http, control: control)
        }
        try await RunLauncher.decide {
            if fake {
                let faultPlan = try faults.map { try DeploymentFaultPlan.load(path: $0, speed: speed) }
                return try await launcher.onFakes(plan, faults: faultPlan, faultsPath: faults, start)
            }
            let environment = ProcessInfo.processInfo.environment
            guard let url = target ?? plan.target.backendURL?.resolve(in: environment) ?? environment["BACKEND_URL"]
            else { throw CanaryError.noTarget() }
            return try await launcher.against(plan, backendURL: url, faults: nil, mode: .target, start)
        }
    }

    /// `--join RUN_ID`: the run's own plan and speed, against `--target` or the run's target.
    private func joinRun(_ runID: String, logger: Logger) async throws -> Never {
        try await RunLauncher.decide {
            let database = try store.location
            let stored = try await database.withStore(logger: store.logger) { try await $0.run(runID) }
            guard let record = stored else { throw CanaryError.runNotFound(runID, database: database.description) }
            let plan = try prometheus.applied(to: try Judge.plan(of: record))
            let launcher = RunLauncher(
                reporting: reporting, store: database, out: out, speed: record.speed, tls: tls, logger: logger,
                location: location)
            return try await launcher.against(plan, backendURL: target ?? record.target, faults: nil, mode: .target) {
                run, http, control in try await run.join(runID, http: http, control: control)
            }
        }
    }
}
