import ArgumentParser

/// `fakecrm`: serves the bundled fakes for a canary run or a team's own CI.
@main
struct FakeCRMCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fakecrm",
        abstract: "Serve fake CRM-integration services on loopback.",
        subcommands: [ServeCommand.self],
        defaultSubcommand: ServeCommand.self
    )
}
