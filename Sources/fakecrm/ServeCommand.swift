import ArgumentParser
import FakeBackend
import FakeCRM
import FakeProviders
import FakeSupport
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

/// `fakecrm serve`: runs the fake deployment and the fake CRMs, each on its own port, until SIGINT or SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the fake deployment and fake CRMs on loopback, optionally with a fault plan.",
        discussion: """
            The deployment is wired to the fake CRMs, with HubSpot and Zoho already connected.
            Prints one line per service once all are listening, the deployment last, e.g.
              hubspot http://127.0.0.1:8082 client_id=… client_secret=… app_id=… developer_api_key=…
              frontend http://127.0.0.1:40123
              deployment http://127.0.0.1:8081 CRM_HUBSPOT_WEBHOOK_SECRET=… CRM_ADMIN_TOKEN=…
            With --no-deployment it serves the fake CRMs alone, for pointing a backend of your own at them.
            """
    )

    @Option(help: "Fake CRMs to serve, comma-separated (default: every one this build has).")
    var providers: String?

    @Option(help: "Address to bind.")
    var host = "127.0.0.1"

    @Option(help: "First port: the deployment takes it, each CRM the next one; 0 gives each a free port.")
    var port = 8081

    @Option(help: "YAML fault plan to run with, e.g. scenarios/faults/hubspot-429-storm.yaml.")
    var faults: String?

    @Option(help: "Seed for every random choice the faults make; overrides the plan's seed.")
    var seed: UInt64?

    @Option(help: "How many times faster than real time the fault plan's offsets run.")
    var speed: Double = 1

    @Flag(help: "Serve only the fake CRMs: no fake deployment and no frontend; --port is the first CRM's.")
    var noDeployment = false

    @Option(help: "How long HubSpot's and Zoho's search take to see a new record, e.g. 0ms or 2s (default 250ms).")
    var searchIndexDelay: String?

    @Option(help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel: Logger.Level = .info

    func validate() throws {
        guard (0...65535).contains(port) else {
            throw ValidationError("--port \(port) is out of range; use 0 to 65535.")
        }
        guard speed.isFinite, speed > 0 else {
            throw ValidationError("--speed \(speed) must be a positive number, e.g. 1 or 60.")
        }
        if let searchIndexDelay, FaultDuration.parse(searchIndexDelay) == nil {
            throw ValidationError(
                "--search-index-delay \"\(searchIndexDelay)\" is not a duration; write a number and a unit: "
                    + FaultDuration.unitsList + ".")
        }
        let chosen = try chosenProviders()
        guard port == 0 || port + chosen.count <= 65535 else {
            throw ValidationError("--port \(port) leaves no room for \(chosen.count) more ports; use a lower one or 0.")
        }
    }

    /// The providers named by `--providers`, in the order given.
    func chosenProviders() throws -> [CRMProvider] {
        guard let providers else { return FakeProviderCatalog.available }
        var chosen: [CRMProvider] = []
        for name in providers.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() })
        where !name.isEmpty {
            guard let provider = CRMProvider(rawValue: name) else {
                throw ValidationError(
                    "--providers: unknown provider \"\(name)\"; use "
                        + CRMProvider.allCases.map(\.rawValue).joined(separator: ", ") + ".")
            }
            guard FakeProviderCatalog.available.contains(provider) else {
                throw ValidationError(
                    "--providers: this build has no fake \(name) yet; use "
                        + FakeProviderCatalog.available.map(\.rawValue).joined(separator: ", ") + ".")
            }
            if !chosen.contains(provider) { chosen.append(provider) }
        }
        return chosen
    }

    func run() async throws {
        var logger = Logger(label: "fakecrm")
        logger.logLevel = logLevel

        var plan = DeploymentFaultPlan.none
        if let faults {
            plan = try DeploymentFaultPlan.load(path: faults, speed: speed)
            logger.info(
                "Fault plan loaded.",
                metadata: [
                    "fake.faults": "\(faults)", "fake.speed": "\(speed)", "fake.fault_count": "\(plan.faults.count)",
                    "fake.expect": "\(plan.expectedDecision ?? "unstated")",
                ])
        }
        if let seed {
            plan.seed = seed
            for provider in plan.providers.keys { plan.providers[provider]?.seed = seed }
        }

        if noDeployment {
            if !plan.faults.isEmpty {
                logger.warning(
                    "The fault plan's deployment faults do not apply without a deployment; only its providers: section does.",
                    metadata: ["fake.fault_count": "\(plan.faults.count)"])
            }
            try await serveProviders(plan, logger: logger)
            return
        }
        var configuration = FakeDeploymentConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.faults = plan
        let first = port
        let stopping = logger
        try await withFakeStack(
            configuration, providers: try chosenProviders(),
            providerPort: { _, index in first == 0 ? 0 : first + index + 1 }, logger: logger
        ) { stack in
            setSearchIndexDelay(of: stack.providers)
            var lines = Self.lines(stack.providers)
            lines.append("frontend \(stack.frontendURL)")
            let secrets = DeploymentSecrets.variableNames.compactMap { name in stack.environment[name].map { "\(name)=\($0)" } }
            lines.append((["deployment", stack.deployment.baseURL] + secrets).joined(separator: " "))
            FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
            await Self.waitForTermination()
            stopping.info("Stopping.")
        }
    }

    /// The fake CRMs alone, on `--port` and the ports after it, with the plan's provider faults.
    private func serveProviders(_ plan: DeploymentFaultPlan, logger: Logger) async throws {
        let fakes = try chosenProviders().map {
            FakeProviderCatalog.make($0, timeScale: plan.timeScale, logger: logger)
        }
        let (host, first) = (self.host, port)
        try await withFakeProviders(
            fakes,
            configuration: { provider, index in
                .init(
                    host: host, port: first == 0 ? 0 : first + index,
                    faults: plan.faults(for: provider))
            },
            logger: logger
        ) { providers in
            setSearchIndexDelay(of: providers)
            FileHandle.standardOutput.write(Data((Self.lines(providers).joined(separator: "\n") + "\n").utf8))
            await Self.waitForTermination()
            logger.info("Stopping.")
        }
    }

    private func setSearchIndexDelay(of providers: RunningFakeProviders) {
        guard let delay = searchIndexDelay.flatMap(FaultDuration.parse) else { return }
        for running in providers.all { running.fake.searchIndex?.delay = delay }
    }

    /// One line per fake CRM: its name, base URL and credentials.
    private static func lines(_ providers: RunningFakeProviders) -> [String] {
        providers.all.map { running in
            let fields = running.fake.credentials.map { "\($0.key)=\($0.value)" }
            return ([running.provider.rawValue, running.baseURL] + fields).joined(separator: " ")
        }
    }

    /// Returns on the first SIGINT or SIGTERM.
    private static func waitForTermination() async {
        let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
        for await _ in signals { return }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
