import ArgumentParser
import Canary
import Foundation
import Logging

/// `--db`, shared by every command that reads or writes runs.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: ArgumentHelp(
            "The run database: a SQLite file, or postgres://USER@HOST:PORT/DATABASE (password in PGPASSWORD).",
            discussion: "Without it, CANARY_DB, else \(StoreLocation.defaultPath)."))
    var text: String?

    /// Where `--db`, else `CANARY_DB`, else the default points.
    var location: StoreLocation {
        get throws {
            let environment = ProcessInfo.processInfo.environment
            return try StoreLocation(text ?? environment["CANARY_DB"] ?? StoreLocation.defaultPath, environment: environment)
        }
    }

    /// What the store logs: warnings only, as the commands that only read print their own output.
    var logger: Logger {
        var logger = Logger(label: "canary.store")
        logger.logLevel = .warning
        return logger
    }

    func validate() throws {
        do {
            _ = try location
        } catch let error as CanaryError {
            throw ValidationError(error.description)
        }
    }
}
