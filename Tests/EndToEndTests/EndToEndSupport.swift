import AsyncHTTPClient
import Canary
import FakeBackend
import FakeCRM
import Foundation
import Logging
import NIOSSL
import Probes
import Testing

/// End-to-end suites run one at a time: each drives hundreds of requests a second through fakes on two cores.
@Suite(.serialized) struct EndToEndTests {}

/// Shared set-up for end-to-end runs: the repository's plans, temporary folders, the built CLI.
enum EndToEnd {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The in-process runs' logger: warnings and worse, so test output stays readable.
    static var logger: Logger {
        var logger = Logger(label: "e2e")
        logger.logLevel = .warning
        return logger
    }

    static func path(_ relative: String) -> String { packageRoot.appendingPathComponent(relative).path }

    static func temporaryFolder() -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("canary-e2e-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.path
    }

    /// Runs the pilot plan against a fresh fake stack with the given fault plan; over HTTPS when `serverTLS` is given,
    /// with probes trusting the target as `probeTLS` says.
    static func runPilot(
        faults: String?, speed: Double = 60, stopAfter: Duration? = nil, serverTLS: TLSConfiguration? = nil,
        probeTLS: ProbeTLS = ProbeTLS()
    ) async throws -> (summary: RunSummary, store: CanaryStore, folder: String) {
        let plan = try PlanLoader.load(path: path("scenarios/pilot.yaml"))
        let folder = temporaryFolder()
        let store = try CanaryStore(path: folder + "/canary.sqlite")
        var configuration = FakeDeploymentConfiguration()
        if let faults { configuration.faults = try DeploymentFaultPlan.load(path: path(faults), speed: speed) }
        configuration.tls = serverTLS
        let logger = EndToEnd.logger
        let summary = try await withFakeStack(configuration, logger: logger) { stack in
            let (target, secrets) = plan.target.resolve(backendURL: stack.deployment.baseURL, environment: stack.environment)
            var runSettings = RunSettings(
                speed: speed, target: target, secrets: secrets, faults: faults, reportDirectory: folder + "/reports",
                logger: logger)
            runSettings.tls = probeTLS
            let settings = runSettings
            let control = RunControl()
            return try await withThrowingTaskGroup(of: RunSummary?.self) { group in
                group.addTask {
                    try await HTTPClient.withProbeClient(tls: probeTLS) { http in
                        try await CanaryRun(plan: plan, settings: settings, store: store).execute(http: http, control: control)
                    }
                }
                if let stopAfter {
                    group.addTask {
                        try await Task.sleep(for: stopAfter)
                        control.stop(.interrupted)
                        return nil
                    }
                }
                var summary: RunSummary?
                for try await case let finished? in group { summary = finished }
                return summary!
            }
        }
        return (summary, store, folder)
    }

    /// The `canary` executable built next to the test bundle.
    static var canaryExecutable: URL {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !folder.path.isEmpty, folder.path != "/" {
            let candidate = folder.appendingPathComponent("canary")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate
            }
            folder.deleteLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/canary")
    }

    /// Runs the CLI; returns its exit status and output. Waiting happens off the concurrency pool,
    /// which has only as many threads as cores.
    static func canary(
        _ arguments: [String], environment: [String: String]? = nil, interruptAfter: Duration? = nil,
        signal: Int32 = SIGINT
    ) async throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = canaryExecutable
        process.arguments = arguments
        if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        process.currentDirectoryURL = packageRoot
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        if let interruptAfter {
            try await Task.sleep(for: interruptAfter)
            kill(process.processIdentifier, signal)
        }
        let handle = pipe.fileHandleForReading
        let data: Data = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let data = (try? handle.readToEnd()) ?? Data()
                process.waitUntilExit()
                continuation.resume(returning: data)
            }
        }
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
