import ArgumentParser
import AsyncHTTPClient
import Canary
import FakeBackend
import Foundation
import Logging

/// `canary resume RUN_ID`: goes on with a killed or interrupted run, then judges the whole of it.
struct ResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Go on with a killed or interrupted run from where its last result stands, then decide.",
        discussion: """
            The run keeps its id, plan, speed and target (against the fakes, they start anew with the run's fault \
            plan, its windows moved on). Secrets come from the environment again. The time nothing watched the \
            target is recorded as a gap; a gap longer than the plan's shortest alert window can never be go.
            """)

    @Argument(help: "The run id, as `canary list` shows it.")
    var runID: String

    @OptionGroup var store: StoreOptions

    @Option(help: "Folder under which reports/<run-id>/ is written.")
    var out = "reports"

    @Flag(help: "Log probe traffic at debug level.")
    var verbose = false

    @OptionGroup var reporting: RunReportingOptions

    @OptionGroup var tls: TLSOptions

    @OptionGroup var prometheus: PrometheusOptions

    func validate() throws {
        if reporting.baseline != nil {
            throw ValidationError("--baseline is the run's own: a resumed run keeps the baseline it started with.")
        }
    }

    func run() async throws {
        var logger = Logger(label: "canary")
        logger.logLevel = verbose ? .debug : .warning
        let runID = self.runID
        try await RunLauncher.decide {
            let location = try store.location
            let (record, reach, lastTarget) = try await location.withStore(logger: logger) { stored in
                guard let record = try await stored.run(runID) else {
                    throw CanaryError.runNotFound(runID, database: stored.location)
                }
                return (record, try await stored.lastFinish(of: runID), try await stored.segments(of: runID).last?.target)
            }
            try CanaryRun.checkResumable(record)
            let plan = try prometheus.applied(to: try Judge.plan(of: record))
            let launcher = RunLauncher(
                reporting: reporting, store: location, out: out, speed: record.speed, tls: tls, logger: logger)
            let resume: @Sendable (CanaryRun, HTTPClient, RunControl) async throws -> RunSummary = { run, http, control in
                try await run.resume(runID, http: http, control: control)
            }
            switch record.mode {
            case .fake:
                let faults = try record.faults.map {
                    try DeploymentFaultPlan.load(path: $0, speed: record.speed).advanced(by: .seconds(reach))
                }
                return try await launcher.onFakes(plan, faults: faults, faultsPath: record.faults, resume)
            case .target:
                let url = lastTarget ?? record.target
                return try await launcher.against(plan, backendURL: url, faults: nil, mode: .target, resume)
            }
        }
    }
}
