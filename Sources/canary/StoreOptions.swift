import ArgumentParser

/// `--db`, shared by every command that reads or writes runs.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "The run database.")
    var path = "reports/canary.sqlite"
}
