import ArgumentParser
import AsyncHTTPClient
import Canary
import FakeBackend
import FakeCRM
import FakeSupport
import Foundation
import Logging
import Probes

/// What `canary run` and `canary resume` share: settings from the plan and the environment, the fakes when the
/// run is against them, signals, the HTTP client, and how a decision (or a failure) becomes output and exit code.
struct RunLauncher {
    var reporting: RunReportingOptions
    var store: StoreLocation
    var out: String
    var speed: Double
    var tls: TLSOptions
    var logger: Logger
    /// The location this runner records from (`--location`), in a run recorded from several.
    var location: String? = nil

    /// A run against the fakes, started here on loopback with `faults` (already scaled to `speed`).
    func onFakes(
        _ plan: Plan, faults: DeploymentFaultPlan?, faultsPath: String?,
        _ body: @escaping @Sendable (CanaryRun, HTTPClient, RunControl) async throws -> RunSummary
    ) async throws -> RunSummary {
        var configuration = FakeDeploymentConfiguration()
        if let faults { configuration.faults = faults }
        // A database that cannot be opened fails before any fake starts, in the time one connection takes.
        try await store.withStore(logger: logger) { _ in }
        return try await withFakeStack(configuration, logger: logger) { stack in
            let environment = ProcessInfo.processInfo.environment.merging(stack.environment) { _, fake in fake }
            return try await against(
                plan, backendURL: stack.deployment.baseURL, environment: environment, faults: faultsPath, mode: .fake, body)
        }
    }

    /// A run against the deployment at `backendURL`, with secrets from `environment`.
    func against(
        _ plan: Plan, backendURL: String, environment: [String: String] = ProcessInfo.processInfo.environment,
        faults: String?, mode: RunRecord.Mode,
        _ body: @escaping @Sendable (CanaryRun, HTTPClient, RunControl) async throws -> RunSummary
    ) async throws -> RunSummary {
        let (target, secrets) = plan.target.resolve(backendURL: backendURL, environment: environment)
        let progress = reporting.makeProgress()
        var settings = RunSettings(
            speed: speed, target: target, secrets: secrets, faults: faults, reportDirectory: out,
            progress: { progress.line($0) }, logger: logger)
        settings.status = { progress.status($0) }
        settings.baseline = reporting.baseline
        settings.executeRollback = reporting.executeRollback
        settings.mode = mode
        settings.tls = tls.tls(for: plan)
        settings.location = location
        if let summary = settings.tls.summary { progress.line("TLS: \(summary)") }
        defer { progress.finish() }
        let runSettings = settings
        return try await self.store.withStore(logger: logger) { store in
            let control = RunControl()
            let play: @Sendable (RunSettings) async throws -> RunSummary = { settings in
                let run = CanaryRun(plan: plan, settings: settings, store: store)
                return try await HTTPClient.withProbeClient(tls: settings.tls) { http in
                    try await withSignalsStopping(control) { try await body(run, http, control) }
                }
            }
            guard let port = reporting.metricsPort else { return try await play(runSettings) }
            let endpoint = MetricsEndpoint(host: reporting.metricsHost, port: port, logger: logger)
            return try await endpoint.serve { url, factory in
                progress.line("metrics: \(url)")
                var settings = runSettings
                settings.metrics = factory
                return try await play(settings)
            }
        }
    }

    /// Runs `body`, turning what it throws into a message and an exit code (64 usage, 70 harness), then prints the
    /// decision and exits with it.
    static func decide(_ body: () async throws -> RunSummary) async throws -> Never {
        let summary: RunSummary
        do {
            summary = try await body()
        } catch let error as CanaryError {
            Terminal.error(error.description)
            throw [.storeFailed, .resultsLost].contains(error.code) ? ExitCode.internalError : ExitCode.usage
        } catch let error as FaultPlanError {
            Terminal.error(error.description)
            throw ExitCode.usage
        } catch let error as ProbeTLSError {
            Terminal.error(error.description)
            throw ExitCode.usage
        } catch let error as ExitCode {
            throw error
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
}
