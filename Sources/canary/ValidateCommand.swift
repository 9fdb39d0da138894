import ArgumentParser
import Canary

/// `canary validate PATH`: reports every problem of a plan at once.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", abstract: "Check a plan file and report every problem with file:line:column.")

    @Argument(help: "The plan file to check.")
    var path: String

    func run() async throws {
        do {
            let plan = try PlanLoader.load(path: path)
            let probes = plan.phases.reduce(plan.watch.count) { $0 + $1.probes.count }
            print(
                "\(path): valid plan \"\(plan.name)\": \(plan.phases.count) phases over \(DurationText.format(plan.duration)), "
                    + "\(probes) probe entries, \(plan.alerts.count) alert rules, \(plan.gates.count) gates, "
                    + "\(plan.rollback.count) rollback steps")
        } catch let error as PlanInvalid {
            Terminal.error(error.description)
            throw ExitCode.usage
        } catch let error as CanaryError {
            Terminal.error(error.description)
            throw ExitCode.usage
        }
    }
}
