import ArgumentParser
import FakeCRM
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// `fakecrm serve`: runs a fake deployment until SIGINT or SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve a fake deployment of the backend, optionally with a fault plan."
    )

    @Option(help: "Address to bind.")
    var host = "127.0.0.1"

    @Option(help: "Port to bind; 0 picks a free one.")
    var port = 8081

    @Option(help: "YAML fault plan to run with, e.g. scenarios/faults/worker-down.yaml.")
    var faults: String?

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
    }

    func run() async throws {
        var logger = Logger(label: "fakecrm")
        logger.logLevel = logLevel

        var configuration = FakeDeploymentConfiguration()
        configuration.host = host
        configuration.port = port
        if let faults {
            configuration.faults = try DeploymentFaultPlan.load(path: faults, speed: speed)
            logger.info(
                "Fault plan loaded.",
                metadata: [
                    "fake.faults": "\(faults)", "fake.speed": "\(speed)",
                    "fake.fault_count": "\(configuration.faults.faults.count)",
                    "fake.expect": "\(configuration.faults.expectedDecision ?? "unstated")",
                ])
        }

        let deployment = FakeDeployment(configuration: configuration, logger: logger)
        let host = self.host
        let application = deployment.makeApplication { channel in
            let port = channel.localAddress?.port ?? 0
            FileHandle.standardOutput.write(Data("fake deployment: http://\(host):\(port)\n".utf8))
        }
        let serviceGroup = ServiceGroup(
            configuration: .init(
                services: [application],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        try await serviceGroup.run()
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
