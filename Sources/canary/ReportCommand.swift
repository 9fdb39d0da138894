import ArgumentParser
import Canary

/// `canary report RUN_ID`: rebuilds a run's reports from the database alone.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Rebuild a run's reports from the database alone.")

    @Argument(help: "The run id, as `canary list` shows it.")
    var runID: String

    @OptionGroup var store: StoreOptions

    @Option(help: "Folder under which the run's report folder is written.")
    var out = "reports"

    func run() async throws {
        do {
            let folder = try await store.location.withStore(logger: store.logger) { store in
                try await ReportWriter(store: store, directory: out).write(runID: runID)
            }
            print("wrote \(ReportWriter.fileNames.map { "\(folder)/\($0)" }.joined(separator: ", "))")
        } catch let error as CanaryError {
            Terminal.error(error.description)
            throw ExitCode.usage
        }
    }
}
