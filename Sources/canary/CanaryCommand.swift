import ArgumentParser
import Canary

/// `canary`: decides whether a release of a CRM-integration backend is safe to open to everyone.
@main
struct CanaryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "canary",
        abstract: "Run a timed canary against a deployment (or bundled fakes) and decide go, fix-and-retest or rollback.",
        discussion: """
            Exit codes: 0 go, 1 fix-and-retest, 2 rollback, 64 usage or plan error, 70 internal error.
            """,
        version: CanaryVersion.current,
        subcommands: [
            RunCommand.self, ResumeCommand.self, PreflightCommand.self, ValidateCommand.self, ListCommand.self,
            ReportCommand.self, CompareCommand.self,
        ]
    )
}

extension ExitCode {
    /// The run decided `fix-and-retest`.
    static let fixAndRetest = ExitCode(1)
    /// The run decided `rollback`.
    static let rollback = ExitCode(2)
    /// The command line or the plan is not usable (EX_USAGE).
    static let usage = ExitCode(64)
    /// The harness itself failed (EX_SOFTWARE).
    static let internalError = ExitCode(70)

    /// The exit code of a decision.
    init(_ decision: Decision) { self.init(decision.exitCode) }
}
