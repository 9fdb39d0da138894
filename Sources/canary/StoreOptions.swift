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

    /// The location of runs to read: a SQLite file that does not exist is said on the terminal, as a usage error.
    func existingLocation() throws -> StoreLocation {
        let location = try location
        if let missing = location.missingDatabase {
            Terminal.error("\(missing)\n  hint: run `canary run` first, or pass --db PATH.")
            throw ExitCode.usage
        }
        return location
    }

    func validate() throws {
        do {
            _ = try location
        } catch let error as CanaryError {
            throw ValidationError(error.description)
        }
    }
}
