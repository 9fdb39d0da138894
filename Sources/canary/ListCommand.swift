import ArgumentParser
import Canary
import Foundation

/// `canary list`: the runs a database holds, newest first, with the locations of runs recorded from several.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List recorded runs, newest first.")

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let location = try store.existingLocation()
        let runs: [RunRecord]
        let locations: [String: [String]]
        do {
            (runs, locations) = try await location.withStore(logger: store.logger) { stored in
                (try await stored.runs(), try await stored.locationNames())
            }
        } catch let error as CanaryError {
            Terminal.error(error.description)
            throw ExitCode.usage
        }
        guard !runs.isEmpty else {
            print("No runs in \(location).")
            return
        }
        let iso = ISO8601DateFormatter()
        print("run id               started               decision        end                  speed  plan     target")
        for run in runs {
            let columns = [
                run.id.padding(toLength: 20, withPad: " ", startingAt: 0),
                iso.string(from: run.startedAt).padding(toLength: 21, withPad: " ", startingAt: 0),
                (run.decision?.rawValue ?? "–").padding(toLength: 15, withPad: " ", startingAt: 0),
                run.end.rawValue.padding(toLength: 20, withPad: " ", startingAt: 0),
                String(format: "%5g", run.speed), run.planName.padding(toLength: 8, withPad: " ", startingAt: 0),
                run.target + (locations[run.id].map { " from " + $0.joined(separator: ", ") } ?? ""),
            ]
            print(columns.joined(separator: " "))
        }
    }
}
