import ArgumentParser
import FakeCRM
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// `fakecrm serve`: runs the fake deployment and the fake CRMs, each on its own port, until SIGINT or SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the fake deployment and fake CRMs on loopback, optionally with a fault plan.",
        discussion: """
            Prints one line per service once all are listening, e.g.
              deployment http://127.0.0.1:8081
              hubspot http://127.0.0.1:8082 client_id=… client_secret=…
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

    @Option(help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel: Logger.Level = .info

    func validate() throws {
        guard (0...65535).contains(port) else {
            throw ValidationError("--port \(port) is out of range; use 0 to 65535.")
        }
        guard speed.isFinite, speed > 0 else {
            throw ValidationError("--speed \(speed) must be a positive number, e.g. 1 or 60.")
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

        var configuration = FakeDeploymentConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.faults = plan
        let deployment = FakeDeployment(configuration: configuration, logger: logger)

        let chosen = try chosenProviders()
        let applications = chosen.enumerated().map { index, provider -> ProviderApplication in
            let fake = FakeProviderCatalog.make(provider, logger: logger)
            let providerConfiguration = ProviderApplication.Configuration(
                host: host, port: port == 0 ? 0 : port + index + 1,
                faults: plan.providers[provider] ?? ProviderFaultPlan(seed: plan.seed))
            return ProviderApplication(provider: fake, configuration: providerConfiguration, logger: logger)
        }

        let (bound, continuation) = AsyncStream.makeStream(of: (index: Int, port: Int).self)
        var services: [any Service] = [
            deployment.makeApplication { channel in continuation.yield((0, channel.localAddress?.port ?? 0)) }
        ]
        for (offset, application) in applications.enumerated() {
            services.append(
                application.makeApplication { channel in
                    continuation.yield((offset + 1, channel.localAddress?.port ?? 0))
                })
        }
        let serviceGroup = ServiceGroup(
            configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        )
        let shownHost = host.contains(":") ? "[\(host)]" : host
        let expected = services.count
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { continuation.finish() }
                try await serviceGroup.run()
            }
            group.addTask {
                var ports: [Int: Int] = [:]
                for await (index, port) in bound {
                    ports[index] = port
                    if ports.count == expected { break }
                }
                guard ports.count == expected else { return }
                var lines = ["deployment http://\(shownHost):\(ports[0]!)"]
                for (offset, application) in applications.enumerated() {
                    let url = "http://\(shownHost):\(ports[offset + 1]!)"
                    let fields = application.provider.credentials.map { "\($0.key)=\($0.value)" }
                    lines.append(([application.provider.provider.rawValue, url] + fields).joined(separator: " "))
                }
                FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
            }
            try await group.waitForAll()
        }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
